/* convert.h
 *
 * HAR text in, packets out: the one entry point that xmppws-har, the
 * wiretap plugin and the fuzzer share.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_CONVERT_H
#define XMPPWS_HAR_CONVERT_H

#include <glib.h>

#include "capture.h"
#include "model.h"

/* Reads text[0..len) (text[len] must be NUL) as a HAR and builds its
 * packets. NULL with *error set (domain HAR_ERROR) when the text is not a
 * HAR, is past the limits, or has no entry that could be converted. If
 * log_out is not NULL it receives the log whenever the text was a HAR,
 * also when no entry could be converted (for its warnings and counts);
 * free it with har_log_free(). */
har_capture *har_convert(const char *text, size_t len, har_log **log_out, GError **error);

/* Whether the start of a file looks like a HAR: optional UTF-8 BOM and
 * white space, "{", white space, "\"log\"". DevTools, Playwright, Firefox
 * and mitmproxy all write "log" first. */
gboolean har_looks_like_har(const guint8 *head, size_t len);

#endif
