/* har.c
 *
 * HTTP Archive files (see har.h), tokenised by wsutil's JSON parser
 * (jsmn: every token with its offsets in the text).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "har.h"

#include <string.h>
#include <wsutil/wsjson.h>

#include "credentials.h"
#include "jsonstr.h"
#include "verify.h"
#include "xmlscan.h"

typedef struct {
    const char *text;
    jsmntok_t  *tok;
    int         n;
} doc;

/* One string of the document that may hold XMPP. */
typedef struct {
    int         token;
    gboolean    base64;
    const char *transport;            /* "HAR WebSocket"; NULL for an HTTP body (BOSH or not) */
    guint32     entry;                /* 1-based */
} har_text;

/* The string decoded: its JSON content, where each byte came from, and
 * the message it holds (base64-decoded when it was). */
typedef struct {
    GByteArray *content;
    GArray     *offsets;
    GByteArray *message;
} decoded_text;

typedef void (*text_fn)(void *ctx, const doc *d, const har_text *t, const decoded_text *dt);

/* A part of the document replaced. */
typedef struct {
    gsize    start, end;
    GString *with;
} replacement;

/* ---- the document ------------------------------------------------------------------ */

static gboolean
doc_parse(doc *d, const char *text, gsize len)
{
    d->text = text;
    d->tok = NULL;
    d->n = 0;
    /* json_validate() is not used: in 4.0 it gives up on documents of
     * more than a few thousand tokens. */
    if (len == 0 || strlen(text) != len)
        return FALSE;
    d->n = json_parse(text, NULL, 0);
    if (d->n <= 0)
        return FALSE;
    d->tok = g_new(jsmntok_t, d->n);
    return json_parse(text, d->tok, (unsigned)d->n) == d->n && d->tok[0].type == JSMN_OBJECT;
}

static void
doc_clear(doc *d)
{
    g_clear_pointer(&d->tok, g_free);
}

/* The token after the subtree at i (without recursion: a subtree holds
 * 1 + the sizes of all its tokens). */
static int
skip(const doc *d, int i)
{
    int left = 1;

    while (left > 0 && i < d->n) {
        left += d->tok[i].size - 1;
        i++;
    }
    return i;
}

static gboolean
string_is(const doc *d, int i, const char *s)
{
    gsize n = strlen(s);
    return i >= 0 && (d->tok[i].type == JSMN_STRING || d->tok[i].type == JSMN_PRIMITIVE) &&
           (gsize)(d->tok[i].end - d->tok[i].start) == n && memcmp(d->text + d->tok[i].start, s, n) == 0;
}

/* The value of member `name` of the object at i; -1 when none. */
static int
member(const doc *d, int obj, const char *name)
{
    if (obj < 0 || d->tok[obj].type != JSMN_OBJECT)
        return -1;
    for (int k = 0, j = obj + 1; k < d->tok[obj].size && j + 1 < d->n; k++) {
        if (string_is(d, j, name))
            return j + 1;
        j = skip(d, j);
    }
    return -1;
}

static int
path(const doc *d, int i, const char *a, const char *b, const char *c)
{
    i = member(d, i, a);
    i = b ? member(d, i, b) : i;
    return c ? member(d, i, c) : i;
}

/* ---- the strings that may hold XMPP --------------------------------------------------- */

static void
visit(const doc *d, const har_text *t, text_fn fn, void *ctx)
{
    const jsmntok_t *tok = &d->tok[t->token];
    decoded_text     dt = { g_byte_array_new(), g_array_new(FALSE, FALSE, sizeof(guint32)), NULL };

    if (tok->type == JSMN_STRING &&
        rd_json_unescape(d->text + tok->start, (gsize)(tok->end - tok->start), dt.content, dt.offsets)) {
        if (t->base64) {
            gchar *b64 = g_strndup((const gchar *)dt.content->data, dt.content->len);
            gsize  n = 0;
            guint8 *bytes = g_base64_decode(b64, &n);
            dt.message = g_byte_array_new_take(bytes, n);
            g_free(b64);
        } else {
            dt.message = g_byte_array_ref(dt.content);
        }
        har_text known = *t;
        if (!known.transport)
            known.transport = xs_first_element_is(dt.message->data, dt.message->len, "body", FALSE) ? "HAR BOSH"
                                                                                                    : "HAR HTTP";
        fn(ctx, d, &known, &dt);
        g_byte_array_unref(dt.message);
    }
    g_byte_array_unref(dt.content);
    g_array_unref(dt.offsets);
}

static void
visit_bodies(const doc *d, int entry, guint32 number, text_fn fn, void *ctx)
{
    int request = path(d, entry, "request", "postData", "text");
    int content = path(d, entry, "response", "content", NULL);
    int response = member(d, content, "text");

    if (request >= 0) {
        har_text t = { request, FALSE, NULL, number };
        visit(d, &t, fn, ctx);
    }
    if (response >= 0) {
        har_text t = { response, string_is(d, member(d, content, "encoding"), "base64"), NULL, number };
        visit(d, &t, fn, ctx);
    }
}

static void
visit_websocket(const doc *d, int entry, guint32 number, text_fn fn, void *ctx)
{
    int messages = member(d, entry, "_webSocketMessages");

    if (messages < 0 || d->tok[messages].type != JSMN_ARRAY)
        return;
    for (int k = 0, m = messages + 1; k < d->tok[messages].size && m < d->n; k++, m = skip(d, m)) {
        int data = member(d, m, "data");
        if (data >= 0) {
            har_text t = { data, string_is(d, member(d, m, "opcode"), "2"), "HAR WebSocket", number };
            visit(d, &t, fn, ctx);
        }
    }
}

static gboolean
walk(const doc *d, text_fn fn, void *ctx)
{
    int entries = path(d, 0, "log", "entries", NULL);

    if (entries < 0 || d->tok[entries].type != JSMN_ARRAY)
        return FALSE;
    for (int k = 0, e = entries + 1; k < d->tok[entries].size && e < d->n; k++, e = skip(d, e)) {
        visit_bodies(d, e, (guint32)k + 1, fn, ctx);
        visit_websocket(d, e, (guint32)k + 1, fn, ctx);
    }
    return TRUE;
}

gboolean
rd_har_is_har(const char *text, gsize len)
{
    doc      d;
    gboolean ok = doc_parse(&d, text, len) && path(&d, 0, "log", "entries", NULL) >= 0;

    doc_clear(&d);
    return ok;
}

/* ---- redacting ------------------------------------------------------------------------ */

typedef struct {
    rd_credentials *credentials;
    GArray         *replacements;
} redacting;

/* The runs where `after` differs from the decoded content, each widened
 * to whole characters of the JSON text. */
static void
replace_runs(redacting *r, const doc *d, const har_text *t, const decoded_text *dt, const guint8 *after)
{
    const guint32 *off = (const guint32 *)(const void *)dt->offsets->data;
    guint32        len = dt->content->len, i = 0;
    gsize          base = (gsize)d->tok[t->token].start;

    while (i < len) {
        if (after[i] == dt->content->data[i]) {
            i++;
            continue;
        }
        guint32 a = i, b = i;
        while (b < len && after[b] != dt->content->data[b])
            b++;
        while (a > 0 && off[a - 1] == off[a])
            a--;
        while (b < len && off[b] == off[b - 1])
            b++;
        replacement rep = { base + off[a], base + off[b], g_string_new(NULL) };
        rd_json_escape(rep.with, after + a, b - a);
        g_array_append_val(r->replacements, rep);
        i = b;
    }
}

static void
redact_text(void *ctx, const doc *d, const har_text *t, const decoded_text *dt)
{
    redacting *r = ctx;
    char      *session = g_strdup_printf("HAR entry %u", t->entry);
    rd_message_place place = { t->entry, 0, t->transport, session, TRUE };
    guint8    *message = g_memdup2(dt->message->data, dt->message->len);

    if (rd_credentials_redact(r->credentials, message, dt->message->len, &place, NULL)) {
        gchar *encoded = t->base64 ? g_base64_encode(message, dt->message->len) : NULL;
        if (!t->base64 || strlen(encoded) == dt->content->len)
            replace_runs(r, d, t, dt, t->base64 ? (const guint8 *)encoded : message);
        g_free(encoded);
    }
    g_free(message);
    g_free(session);
}

static gint
compare_replacements(gconstpointer a, gconstpointer b)
{
    gsize x = ((const replacement *)a)->start, y = ((const replacement *)b)->start;
    return x < y ? -1 : x > y;
}

static void
splice(const char *text, gsize len, GArray *replacements, GString *out)
{
    gsize at = 0;

    g_array_sort(replacements, compare_replacements);
    for (guint i = 0; i < replacements->len; i++) {
        replacement *rep = &g_array_index(replacements, replacement, i);
        g_string_append_len(out, text + at, (gssize)(rep->start - at));
        g_string_append_len(out, rep->with->str, (gssize)rep->with->len);
        at = rep->end;
        g_string_free(rep->with, TRUE);
    }
    g_string_append_len(out, text + at, (gssize)(len - at));
}

gboolean
rd_har_redact(const char *text, gsize len, rd_report *report, GString *out, GString *why)
{
    doc       d;
    redacting r = { rd_credentials_new(report), g_array_new(FALSE, FALSE, sizeof(replacement)) };
    gboolean  ok = doc_parse(&d, text, len) && walk(&d, redact_text, &r);

    if (ok)
        splice(text, len, r.replacements, out);
    else
        g_string_append(why, "not an HTTP Archive (a JSON object with log.entries)\n");
    g_array_unref(r.replacements);
    rd_credentials_free(r.credentials);
    doc_clear(&d);
    return ok;
}

/* ---- checking --------------------------------------------------------------------------- */

typedef struct {
    const rd_report *original;
    GString         *why;
    gboolean         clean;
} checking;

static void
check_text(void *ctx, const doc *d, const har_text *t, const decoded_text *dt)
{
    checking *c = ctx;

    (void)d;
    (void)t;
    c->clean &= rd_verify_bytes(dt->message->data, dt->message->len, c->original, c->why);
}

gboolean
rd_har_verify(const char *text, gsize len, const rd_report *original, GString *why)
{
    rd_report *again = rd_report_new("entry");
    GString   *copy = g_string_new(NULL);
    checking   c = { original, why, TRUE };
    doc        d = { 0 };
    gboolean   ok = rd_har_redact(text, len, again, copy, why) && rd_verify_report(again, original, why) &&
                    rd_verify_bytes((const guint8 *)text, len, original, why);

    if (ok && doc_parse(&d, text, len))
        walk(&d, check_text, &c);
    doc_clear(&d);
    g_string_free(copy, TRUE);
    rd_report_free(again);
    return ok && c.clean;
}
