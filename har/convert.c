/* convert.c
 *
 * HAR text to packets (see convert.h): model.c reads, packets.c builds.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "convert.h"

#include <string.h>

#include "error.h"
#include "packets.h"

har_capture *
har_convert(const char *text, size_t len, har_log **log_out, GError **error)
{
    if (log_out)
        *log_out = NULL;
    har_log *log = har_log_read(text, len, error);
    if (!log)
        return NULL;
    har_capture *capture = NULL;
    if (log->entries->len == 0)
        har_fail(error, HAR_ERROR_NOTHING, "no entry with an http, https, ws or wss URL to convert (%u skipped)",
                 log->skipped);
    else
        capture = har_packets_build(log);
    if (log_out)
        *log_out = log;
    else
        har_log_free(log);
    return capture;
}

static size_t
skip_space(const guint8 *p, size_t i, size_t len)
{
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i;
}

gboolean
har_looks_like_har(const guint8 *head, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    i = skip_space(head, i, len);
    if (i >= len || head[i] != '{')
        return FALSE;
    i = skip_space(head, i + 1, len);
    return len - i >= 5 && memcmp(head + i, "\"log\"", 5) == 0;
}
