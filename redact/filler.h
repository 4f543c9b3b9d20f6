/* filler.h
 *
 * What a redacted credential is replaced with: the same number of bytes of
 * the pattern "REDACTEDREDACTED...", so a redacted value is recognisable
 * wherever it shows (the dissector's fields with xmppws.show_secrets on,
 * tshark -x, a hex editor). A value that is itself base64 (SCRAM's proof,
 * salt and server signature) keeps its '=' padding, and the character
 * before the padding becomes 'A' so the value stays canonical base64
 * (RFC 4648 §3.5: pad bits zero) of the same decoded length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_FILLER_H
#define XMPPWS_REDACT_FILLER_H

#include <glib.h>

#define RD_FILLER_PATTERN "REDACTED"

/* Overwrites `len` bytes of text with the pattern. */
void rd_fill_text(guint8 *p, gsize len);

/* Overwrites a base64 value (with its padding) with the pattern, padding kept. */
void rd_fill_base64(guint8 *p, gsize len);

/* Overwrites every base64-alphabet byte outside markup (tags '<' ... '>',
 * entity references '&' ... ';') with the pattern: for SASL data that is
 * not valid base64. */
void rd_fill_base64_alphabet(guint8 *p, gsize len);

/* TRUE when the bytes are what rd_fill_text() / rd_fill_base64() write. */
gboolean rd_is_filler_text(const guint8 *p, gsize len);
gboolean rd_is_filler_base64(const guint8 *p, gsize len);

#endif /* XMPPWS_REDACT_FILLER_H */
