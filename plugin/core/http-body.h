/* http-body.h
 *
 * XML bodies of HTTP messages, as the transport layer hands them on: the
 * body's HTTP context (request or response, header values) read from what
 * the HTTP dissector gives media-type dissectors, and the heuristic list on
 * which dissectors of such bodies register (BOSH, and REST requests of a
 * product that carries XMPP). The list's owner (transport/httpxml.c) hands
 * a body nobody takes to Wireshark's XML dissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HTTP_BODY_H
#define XMPPWS_HTTP_BODY_H

#include <epan/packet.h>

/* The heuristic list: tvb = the body, data = an xmppws_http_body. */
#define XMPPWS_HTTP_XML_LIST "xmppws.http_xml"

typedef struct {
    const void *http;     /* what the HTTP dissector handed over, or NULL */
    guint       index;    /* which XML body of the frame (0, 1, ...): the same in every pass */
} xmppws_http_body;

/* TRUE when the body is in an HTTP request (response). */
gboolean xmppws_http_body_in_request(const xmppws_http_body *body);
gboolean xmppws_http_body_in_response(const xmppws_http_body *body);

/* The value of an HTTP/1.x header of the body's message (name in lower
 * case), or NULL. Only on the first pass: Wireshark 4.6 hands no headers on
 * later passes, so a dissector keeps what it needs. */
const char *xmppws_http_body_header(const xmppws_http_body *body, const char *lowercase_name);

#endif /* XMPPWS_HTTP_BODY_H */
