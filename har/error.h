/* error.h
 *
 * The errors of the HAR reader and converter, as a GError domain, and the
 * exit status xmppws-har gives each (documented in its --help).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_ERROR_H
#define XMPPWS_HAR_ERROR_H

#include <glib.h>

#define HAR_ERROR (har_error_quark())
GQuark har_error_quark(void);

typedef enum {
    HAR_ERROR_IO = 3,         /* cannot read the input or write the output */
    HAR_ERROR_NOT_JSON = 4,   /* not a JSON document */
    HAR_ERROR_TRUNCATED = 5,  /* JSON that ends too early */
    HAR_ERROR_NOT_HAR = 6,    /* JSON, but no HAR log with entries */
    HAR_ERROR_TOO_LARGE = 7,  /* past a bound of har-limits.h */
    HAR_ERROR_NOTHING = 8     /* a HAR with no entry that could be converted */
} har_error_code;

/* Sets *error (if error is not NULL) and returns FALSE. */
gboolean har_fail(GError **error, har_error_code code, const char *format, ...) G_GNUC_PRINTF(3, 4);

#endif
