/* http.h
 *
 * The HTTP/1.1 messages of a HAR entry as bytes on the wire: request line
 * or status line, the recorded headers, and the body. RFC 9112 (HTTP/1.1
 * message syntax), RFC 9110 (semantics).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_HTTP_H
#define XMPPWS_HAR_HTTP_H

#include <glib.h>

#include "model.h"

/* The request: "METHOD target HTTP/1.x", Host, the HAR's headers, a
 * Content-Length that matches the body, the body. `extra` (may be NULL)
 * are headers to add when the HAR lacks them (a WebSocket upgrade's). */
GByteArray *har_http_request(const har_entry *e, const GArray *extra);

/* The response, likewise; the body is the decoded content, so
 * Content-Encoding and Transfer-Encoding are left out. */
GByteArray *har_http_response(const har_entry *e, const GArray *extra);

/* A comment on the request when the browser spoke HTTP/2 or HTTP/3 (the
 * capture writes HTTP/1.1), else NULL. g_free it. */
char *har_http_version_note(const har_entry *e);

#endif
