/* verify.h
 *
 * The check a copy must pass before it is written under its name: read
 * back the way the original was read, it holds the same credentials, each
 * already redacted (redacting it again changes nothing) and none kept;
 * and no original value of a credential, nor the original text of a SASL
 * element that held one, is anywhere in its bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_VERIFY_H
#define XMPPWS_REDACT_VERIFY_H

#include <glib.h>

#include "report.h"

/* The copy's report against the original's; appends what is wrong to `why`. */
gboolean rd_verify_report(const rd_report *copy, const rd_report *original, GString *why);

/* No original value in `len` bytes. */
gboolean rd_verify_bytes(const guint8 *p, gsize len, const rd_report *original, GString *why);

/* rd_verify_bytes() over a whole file. */
gboolean rd_verify_file_bytes(const char *path, const rd_report *original, GString *why);

#endif /* XMPPWS_REDACT_VERIFY_H */
