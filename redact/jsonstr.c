/* jsonstr.c
 *
 * JSON string content, decoded with its offsets and written back (see
 * jsonstr.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "jsonstr.h"

#define REPLACEMENT_CHARACTER 0xfffd

static int
hex4(const char *p, gsize left)
{
    int v = 0;

    if (left < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        int d = g_ascii_xdigit_value(p[i]);
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

/* A \uXXXX escape at p[i] (and its low surrogate): the code point, and
 * the length of what was read; -1 when invalid. */
static gunichar
unicode_escape(const char *p, gsize len, gsize i, gsize *used)
{
    int hi = hex4(p + i + 2, len - i - 2);

    *used = 6;
    if (hi < 0)
        return (gunichar)-1;
    if (hi < 0xd800 || hi > 0xdfff)
        return (gunichar)hi;
    if (hi <= 0xdbff && i + 12 <= len && p[i + 6] == '\\' && p[i + 7] == 'u') {
        int lo = hex4(p + i + 8, len - i - 8);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
            *used = 12;
            return 0x10000 + (((gunichar)hi - 0xd800) << 10) + ((gunichar)lo - 0xdc00);
        }
    }
    return REPLACEMENT_CHARACTER;         /* a lone surrogate */
}

static gboolean
simple_escape(char c, guint8 *byte)
{
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";

    for (gsize k = 0; from[k]; k++) {
        if (c == from[k]) {
            *byte = (guint8)to[k];
            return TRUE;
        }
    }
    return FALSE;
}

static void
append(GByteArray *out, GArray *offsets, const guint8 *bytes, gsize n, guint32 at)
{
    g_byte_array_append(out, bytes, (guint)n);
    for (gsize k = 0; k < n; k++)
        g_array_append_val(offsets, at);
}

gboolean
rd_json_unescape(const char *p, gsize len, GByteArray *out, GArray *offsets)
{
    gsize i = 0;

    while (i < len) {
        guint32 at = (guint32)i;
        guint8  byte;
        if (p[i] != '\\') {
            append(out, offsets, (const guint8 *)p + i, 1, at);
            i++;
        } else if (i + 1 < len && simple_escape(p[i + 1], &byte)) {
            append(out, offsets, &byte, 1, at);
            i += 2;
        } else if (i + 1 < len && p[i + 1] == 'u') {
            gsize    used;
            gunichar c = unicode_escape(p, len, i, &used);
            char     utf8[6];
            if (c == (gunichar)-1)
                return FALSE;
            append(out, offsets, (const guint8 *)utf8, (gsize)g_unichar_to_utf8(c, utf8), at);
            i += used;
        } else {
            return FALSE;
        }
    }
    guint32 end = (guint32)len;
    g_array_append_val(offsets, end);
    return TRUE;
}

void
rd_json_escape(GString *out, const guint8 *p, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        guint8 c = p[i];
        if (c == '"' || c == '\\')
            g_string_append_c(out, '\\');
        if (c < 0x20)
            g_string_append_printf(out, "\\u%04x", c);
        else
            g_string_append_c(out, (gchar)c);
    }
}
