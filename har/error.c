/* error.c
 *
 * The GError domain of the HAR reader (see error.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "error.h"

G_DEFINE_QUARK(xmppws-har-error-quark, har_error)

gboolean
har_fail(GError **error, har_error_code code, const char *format, ...)
{
    if (error) {
        va_list args;
        va_start(args, format);
        char *message = g_strdup_vprintf(format, args);
        va_end(args);
        g_set_error_literal(error, HAR_ERROR, (gint)code, message);
        g_free(message);
    }
    return FALSE;
}
