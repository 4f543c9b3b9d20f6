/* jsonstr.h
 *
 * The content of a JSON string, decoded with, for every decoded byte, the
 * offset in the JSON text of the character or escape it came from; and
 * bytes written back as JSON string content. With both, part of a string
 * can be replaced while every other byte of the document stays as it was.
 *
 * Specs: RFC 8259 §7 (strings, escapes, \u with UTF-16 surrogate pairs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_JSONSTR_H
#define XMPPWS_REDACT_JSONSTR_H

#include <glib.h>

/* Decodes `len` bytes of string content (between the quotes) into `out`;
 * `offsets` (guint32) gets, per decoded byte, the offset in `p` of what
 * it came from, and then `len`. FALSE on an invalid escape. */
gboolean rd_json_unescape(const char *p, gsize len, GByteArray *out, GArray *offsets);

/* Appends `len` bytes as JSON string content. */
void rd_json_escape(GString *out, const guint8 *p, gsize len);

#endif /* XMPPWS_REDACT_JSONSTR_H */
