/* har.h
 *
 * HTTP Archive files: the XMPP a browser exported -- WebSocket messages
 * (Chromium's "_webSocketMessages", text, and binary ones in base64) and
 * HTTP request and response bodies (BOSH; "postData.text",
 * "content.text", base64 when "encoding" says so) -- redacted as JSON:
 * only the characters of a string that change are replaced, every other
 * byte of the document stays. Each entry is a session (a WebSocket
 * connection); BOSH bodies are tied by their sid.
 *
 * Specs: HAR 1.2 (W3C Web Performance WG draft, "log.entries[]",
 * "request.postData", "response.content"); Chromium DevTools' HAR export
 * ("_webSocketMessages": type, time, opcode, data); RFC 8259 (JSON).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_HAR_H
#define XMPPWS_REDACT_HAR_H

#include <glib.h>

#include "report.h"

/* TRUE when the text is a JSON object with log.entries. */
gboolean rd_har_is_har(const char *text, gsize len);

/* The redacted copy of a HAR document in `out`; FALSE with `why` when it
 * cannot be read. */
gboolean rd_har_redact(const char *text, gsize len, rd_report *report, GString *out, GString *why);

/* The check of a redacted copy (see verify.h), its messages decoded. */
gboolean rd_har_verify(const char *text, gsize len, const rd_report *original, GString *why);

#endif /* XMPPWS_REDACT_HAR_H */
