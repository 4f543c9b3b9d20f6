/* json.c
 *
 * JSON navigation over the tokens of wsutil's json_parse() (jsmn), see
 * json.h. Tokens are in document order and each carries the number of its
 * direct children (an object's keys each have their value as one child),
 * so the token after a value's subtree is found by counting: no parent
 * links and no search through the whole array.
 *
 * Before tokenising, one pass over the text rejects NUL bytes (json_parse
 * stops at the first one) and nesting deeper than HAR_MAX_DEPTH, which also
 * keeps jsmn, which walks back to the open parent on every close, linear.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "har-limits.h"

/* ---- checks before tokenising ------------------------------------------ */

/* Deepest nesting outside strings; -1 on a NUL byte. */
static int
max_depth(const char *text, size_t len)
{
    int depth = 0, deepest = 0;
    gboolean in_string = FALSE;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\0')
            return -1;
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = FALSE;
        } else if (c == '"') {
            in_string = TRUE;
        } else if (c == '{' || c == '[') {
            if (++depth > deepest)
                deepest = depth;
        } else if (c == '}' || c == ']') {
            depth--;
        }
    }
    return deepest;
}

static gboolean
check_text(const char *text, size_t len, GError **error)
{
    if (len > HAR_MAX_FILE_SIZE)
        return har_fail(error, HAR_ERROR_TOO_LARGE, "larger than %zu MiB", HAR_MAX_FILE_SIZE >> 20);
    int depth = max_depth(text, len);
    if (depth < 0)
        return har_fail(error, HAR_ERROR_NOT_JSON, "not JSON: it holds a NUL byte");
    if (depth > HAR_MAX_DEPTH)
        return har_fail(error, HAR_ERROR_TOO_LARGE, "JSON nested more than %d levels deep", HAR_MAX_DEPTH);
    return TRUE;
}

/* ---- tokenising ---------------------------------------------------------- */

static gboolean
tokenizer_error(int result, GError **error)
{
    switch (result) {
    case JSMN_ERROR_PART:
        return har_fail(error, HAR_ERROR_TRUNCATED, "truncated: the JSON text ends inside a value");
    case JSMN_ERROR_NOMEM:
        return har_fail(error, HAR_ERROR_NOT_JSON, "not JSON: the tokenizer lost count");
    default:
        return har_fail(error, HAR_ERROR_NOT_JSON, "not JSON: invalid character or structure");
    }
}

gboolean
har_json_parse(har_json *doc, const char *text, size_t len, GError **error)
{
    memset(doc, 0, sizeof *doc);
    if (!check_text(text, len, error))
        return FALSE;
    int count = json_parse(text, NULL, 0);
    if (count < 0)
        return tokenizer_error(count, error);
    if (count == 0)
        return har_fail(error, HAR_ERROR_NOT_JSON, "empty: no JSON value");
    if ((unsigned)count > HAR_MAX_TOKENS)
        return har_fail(error, HAR_ERROR_TOO_LARGE, "more than %u JSON values", HAR_MAX_TOKENS);
    doc->tok = g_new(jsmntok_t, count);
    int parsed = json_parse(text, doc->tok, (unsigned)count);
    if (parsed != count) {
        har_json_clear(doc);
        return tokenizer_error(parsed < 0 ? parsed : JSMN_ERROR_INVAL, error);
    }
    doc->text = text;
    doc->len = len;
    doc->count = count;
    return TRUE;
}

void
har_json_clear(har_json *doc)
{
    g_free(doc->tok);
    memset(doc, 0, sizeof *doc);
}

/* ---- navigation ---------------------------------------------------------- */

static gboolean
valid(const har_json *doc, int index)
{
    return index >= 0 && index < doc->count;
}

static gboolean
is_type(const har_json *doc, int index, jsmntype_t type)
{
    return valid(doc, index) && doc->tok[index].type == type;
}

gboolean
har_json_is_object(const har_json *doc, int index)
{
    return is_type(doc, index, JSMN_OBJECT);
}

gboolean
har_json_is_array(const har_json *doc, int index)
{
    return is_type(doc, index, JSMN_ARRAY);
}

/* The index just past the subtree rooted at `index`. */
static int
skip(const har_json *doc, int index)
{
    int pending = 1;
    while (pending > 0 && index < doc->count) {
        pending += doc->tok[index].size - 1;
        index++;
    }
    return index;
}

static gboolean
key_equals(const har_json *doc, int key, const char *name)
{
    const jsmntok_t *t = &doc->tok[key];
    size_t n = strlen(name);
    if (t->type != JSMN_STRING)
        return FALSE;
    if ((size_t)(t->end - t->start) == n && memcmp(doc->text + t->start, name, n) == 0)
        return TRUE;
    if (!memchr(doc->text + t->start, '\\', (size_t)(t->end - t->start)))
        return FALSE;
    GByteArray *decoded = har_json_bytes(doc, key);
    gboolean equal = decoded && decoded->len == n && memcmp(decoded->data, name, n) == 0;
    if (decoded)
        g_byte_array_unref(decoded);
    return equal;
}

int
har_json_member(const har_json *doc, int object, const char *name)
{
    if (!har_json_is_object(doc, object))
        return -1;
    int key = object + 1;
    for (int i = 0; i < doc->tok[object].size && key < doc->count; i++) {
        int value = key + 1;
        if (value >= doc->count)
            return -1;
        if (key_equals(doc, key, name))
            return value;
        key = skip(doc, value);
    }
    return -1;
}

int
har_json_first(const har_json *doc, int array)
{
    if (!har_json_is_array(doc, array) || doc->tok[array].size == 0 || array + 1 >= doc->count)
        return -1;
    return array + 1;
}

int
har_json_next(const har_json *doc, int array, int element)
{
    if (!valid(doc, element))
        return -1;
    int next = skip(doc, element);
    /* Past the array's own end (its last element): done. */
    if (next >= doc->count || doc->tok[next].start >= doc->tok[array].end)
        return -1;
    return next;
}

/* ---- values ---------------------------------------------------------------- */

static int
hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int d = g_ascii_xdigit_value(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void
append_unichar(GByteArray *out, gunichar c)
{
    char utf8[6];
    int n = g_unichar_to_utf8(c, utf8);
    g_byte_array_append(out, (const guint8 *)utf8, (guint)n);
}

/* Decodes the \u escape at p (p[0] == 'u'); returns the characters used
 * after the backslash, 0 if invalid. A lone surrogate becomes U+FFFD. */
static size_t
unescape_u(const char *p, const char *end, GByteArray *out)
{
    if (end - p < 5)
        return 0;
    int hi = hex4(p + 1);
    if (hi < 0)
        return 0;
    if (hi >= 0xD800 && hi < 0xDC00 && end - p >= 11 && p[5] == '\\' && p[6] == 'u') {
        int lo = hex4(p + 7);
        if (lo >= 0xDC00 && lo < 0xE000) {
            append_unichar(out, 0x10000 + ((gunichar)(hi - 0xD800) << 10) + (gunichar)(lo - 0xDC00));
            return 11;
        }
    }
    append_unichar(out, (hi >= 0xD800 && hi < 0xE000) ? 0xFFFD : (gunichar)hi);
    return 5;
}

static int
simple_escape(char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return -1;
    }
}

GByteArray *
har_json_bytes(const har_json *doc, int index)
{
    if (!is_type(doc, index, JSMN_STRING))
        return NULL;
    const char *p = doc->text + doc->tok[index].start;
    const char *end = doc->text + doc->tok[index].end;
    GByteArray *out = g_byte_array_sized_new((guint)(end - p));
    while (p < end) {
        const char *bs = memchr(p, '\\', (size_t)(end - p));
        const char *plain_end = bs ? bs : end;
        g_byte_array_append(out, (const guint8 *)p, (guint)(plain_end - p));
        if (!bs)
            break;
        if (bs + 1 >= end)
            goto invalid;
        int c = simple_escape(bs[1]);
        if (c >= 0) {
            guint8 b = (guint8)c;
            g_byte_array_append(out, &b, 1);
            p = bs + 2;
            continue;
        }
        if (bs[1] != 'u')
            goto invalid;
        size_t used = unescape_u(bs + 1, end, out);
        if (used == 0)
            goto invalid;
        p = bs + 1 + used;
    }
    return out;
invalid:
    g_byte_array_unref(out);
    return NULL;
}

char *
har_json_strdup(const har_json *doc, int index)
{
    GByteArray *bytes = har_json_bytes(doc, index);
    if (!bytes)
        return NULL;
    if (bytes->len && memchr(bytes->data, '\0', bytes->len)) {
        g_byte_array_unref(bytes);
        return NULL;
    }
    guint8 nul = 0;
    g_byte_array_append(bytes, &nul, 1);
    return (char *)g_byte_array_free(bytes, FALSE);
}

/* RFC 8259 number syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
is_json_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !g_ascii_isdigit(s[i]))
        return FALSE;
    if (s[i] == '0')
        i++;
    else
        while (i < n && g_ascii_isdigit(s[i]))
            i++;
    if (i < n && s[i] == '.') {
        if (++i >= n || !g_ascii_isdigit(s[i]))
            return FALSE;
        while (i < n && g_ascii_isdigit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !g_ascii_isdigit(s[i]))
            return FALSE;
        while (i < n && g_ascii_isdigit(s[i]))
            i++;
    }
    return i == n;
}

gboolean
har_json_number(const har_json *doc, int index, double *value)
{
    if (!is_type(doc, index, JSMN_PRIMITIVE) && !is_type(doc, index, JSMN_STRING))
        return FALSE;
    const char *s = doc->text + doc->tok[index].start;
    size_t n = (size_t)(doc->tok[index].end - doc->tok[index].start);
    if (n == 0 || n > 64 || !is_json_number(s, n))
        return FALSE;
    char buf[65];
    memcpy(buf, s, n);
    buf[n] = '\0';
    *value = g_ascii_strtod(buf, NULL);
    return isfinite(*value);
}

char *
har_json_member_strdup(const har_json *doc, int object, const char *name)
{
    return har_json_strdup(doc, har_json_member(doc, object, name));
}

gboolean
har_json_member_number(const har_json *doc, int object, const char *name, double *value)
{
    return har_json_number(doc, har_json_member(doc, object, name), value);
}
