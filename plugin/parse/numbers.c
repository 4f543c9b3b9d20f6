/* numbers.c
 *
 * Numbers and booleans in XML text (see numbers.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "numbers.h"

#include "xmlscan.h"

/* Reads [ws][sign]digits[ws]; the magnitude must not exceed `limit`. */
static gboolean
parse_decimal(const char *text, gboolean allow_minus, guint64 limit, gboolean *negative, guint64 *magnitude)
{
    const guint8 *p = (const guint8 *)text;
    guint64       value = 0;
    gboolean      any = FALSE;

    if (!p)
        return FALSE;
    while (xs_is_space(*p))
        p++;
    *negative = *p == '-';
    if (*p == '+' || (*p == '-' && allow_minus))
        p++;
    for (; g_ascii_isdigit(*p); p++, any = TRUE) {
        guint digit = (guint)(*p - '0');
        if (value > (limit - digit) / 10)
            return FALSE;
        value = value * 10 + digit;
    }
    while (xs_is_space(*p))
        p++;
    if (!any || *p)
        return FALSE;
    *magnitude = value;
    return TRUE;
}

/* An unsigned value up to `limit`. */
static gboolean
parse_unsigned(const char *text, guint64 limit, guint64 *out)
{
    gboolean negative;
    return parse_decimal(text, FALSE, limit, &negative, out);
}

gboolean
xm_parse_uint64(const char *text, guint64 *out)
{
    return parse_unsigned(text, G_MAXUINT64, out);
}

gboolean
xm_parse_uint32(const char *text, guint32 *out)
{
    guint64 v;

    if (!parse_unsigned(text, G_MAXUINT32, &v))
        return FALSE;
    *out = (guint32)v;
    return TRUE;
}

gboolean
xm_parse_int32(const char *text, gint32 min, gint32 max, gint32 *out)
{
    gboolean negative;
    guint64  v;
    gint64   value;

    if (!parse_decimal(text, TRUE, (guint64)G_MAXINT32 + 1, &negative, &v))
        return FALSE;
    value = negative ? -(gint64)v : (gint64)v;
    if (value < min || value > max)
        return FALSE;
    *out = (gint32)value;
    return TRUE;
}

gboolean
xm_parse_boolean(const char *text, gboolean *out)
{
    if (!text)
        return FALSE;
    if (g_str_equal(text, "true") || g_str_equal(text, "1"))
        *out = TRUE;
    else if (g_str_equal(text, "false") || g_str_equal(text, "0"))
        *out = FALSE;
    else
        return FALSE;
    return TRUE;
}
