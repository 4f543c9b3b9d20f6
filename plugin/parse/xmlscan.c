/* xmlscan.c
 *
 * Byte-level looks at XML (see xmlscan.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE                     /* memmem */
#include "xmlscan.h"

#include <string.h>

gboolean
xs_is_blank(const char *text, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        if (!xs_is_space((guint8)text[i]))
            return FALSE;
    }
    return TRUE;
}

guint32
xs_tag_end(const guint8 *p, guint32 lt, guint32 len)
{
    guint8 quote = 0;

    for (guint32 i = lt + 1; i < len; i++) {
        if (quote) {
            if (p[i] == quote)
                quote = 0;
        } else if (p[i] == '"' || p[i] == '\'') {
            quote = p[i];
        } else if (p[i] == '>') {
            return i + 1;
        }
    }
    return 0;
}

/* Just past a "<?xml ...?>" at p[i]; 0 when there is none. */
static guint32
declaration_end(const guint8 *p, guint32 i, guint32 len)
{
    if (len - i < 5 || memcmp(p + i, "<?xml", 5) != 0)
        return 0;
    for (guint32 j = i + 5; j + 1 < len; j++) {
        if (p[j] == '?' && p[j + 1] == '>')
            return j + 2;
    }
    return 0;
}

guint32
xs_xml_declaration_length(const guint8 *p, guint32 len)
{
    guint32 end = declaration_end(p, xs_skip_space(p, 0, len), len);
    return end ? xs_skip_space(p, end, len) : 0;
}

guint32
xs_doctype_end(const guint8 *p, guint32 i, guint32 len)
{
    guint8 quote = 0;
    guint  depth = 0;

    if (i > len || len - i < 9 || memcmp(p + i, "<!DOCTYPE", 9) != 0)
        return 0;
    for (guint32 j = i + 9; j < len; j++) {
        if (quote) {
            if (p[j] == quote)
                quote = 0;
        } else if (p[j] == '"' || p[j] == '\'') {
            quote = p[j];
        } else if (p[j] == '[') {
            depth++;
        } else if (p[j] == ']' && depth) {
            depth--;
        } else if (p[j] == '>' && !depth) {
            return j + 1;
        }
    }
    return 0;
}

guint32
xs_prolog_length(const guint8 *p, guint32 len)
{
    guint32 i = xs_skip_space(p, xs_xml_declaration_length(p, len), len);
    guint32 end = xs_doctype_end(p, i, len);
    return end ? xs_skip_space(p, end, len) : i;
}

gboolean
xs_first_element_is(const guint8 *p, guint32 len, const char *name, gboolean ignore_case)
{
    guint32 i = xs_prolog_length(p, len);
    gsize   n = strlen(name);
    guint8  after;

    if (len - i < n + 2 || p[i] != '<')
        return FALSE;
    if (ignore_case ? g_ascii_strncasecmp((const char *)p + i + 1, name, n) != 0
                    : memcmp(p + i + 1, name, n) != 0)
        return FALSE;
    after = p[i + 1 + n];
    return xs_is_space(after) || after == '>' || after == '/';
}

gboolean
xs_contains(const guint8 *p, guint32 len, const char *what)
{
    gsize n = strlen(what);

    /* memmem's arguments must not be NULL, even for an empty buffer. */
    return len >= n && n > 0 && memmem(p, len, what, n) != NULL;
}
