/* http.h
 *
 * HTTP/1.x messages of one direction of a connection: request and
 * response heads, and bodies delimited by Content-Length, chunked
 * transfer coding, or the end of the connection, each body put together
 * in an rd_msgmap (BOSH requests and responses are HTTP bodies). An
 * upgrade to WebSocket makes the client's direction wait for the answer;
 * a 101 response ends HTTP on the connection. The two directions share
 * the list of requests not answered yet, for the responses that have no
 * body (to HEAD, 1xx, 204, 304). After lost bytes, parsing goes on inside
 * a body of known length, or at the next head; otherwise the direction is
 * given up.
 *
 * Specs: RFC 9112 §2-§7 (message format, body length, chunked coding),
 * RFC 9110 §7.8 and §15.2.2 (Upgrade, 101), RFC 6455 §4 (the WebSocket
 * opening handshake, Sec-WebSocket-Extensions).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_HTTP_H
#define XMPPWS_REDACT_HTTP_H

#include <glib.h>

#include "msgmap.h"
#include "tcpflow.h"

/* A head longer than this is not HTTP as browsers and servers send it. */
#define RD_HTTP_MAX_HEAD (64u << 10)

/* Bytes kept after a WebSocket upgrade request while its answer is awaited. */
#define RD_HTTP_MAX_WAIT (1u << 20)

typedef enum {
    RD_HTTP_NEED_MORE,
    RD_HTTP_BODY,                  /* a body is complete: body, encoding, damaged */
    RD_HTTP_UPGRADE_WAIT,          /* a request to switch to WebSocket: waiting for the answer */
    RD_HTTP_UPGRADE_REFUSED,       /* the answer to one was not 101 (the client's side goes on) */
    RD_HTTP_SWITCHED,              /* a 101 response: WebSocket from here on; extensions */
    RD_HTTP_LOST                   /* cannot be followed any more: lost says why */
} rd_http_event;

typedef struct {
    int         state;
    GQueue     *requests;          /* shared by both directions */
    guint64     remaining;         /* of the body or chunk */
    gboolean    resync;            /* bytes were lost: the next head must prove itself */
    rd_msgmap   body;
    gboolean    damaged;
    gboolean    too_large;
    char       *encoding;          /* Content-Encoding of the body (NULL: identity) */
    char       *extensions;        /* Sec-WebSocket-Extensions of a 101 */
    const char *lost;
} rd_http;

/* TRUE when `p` starts like an HTTP/1.x request or response line;
 * *undecided when there are too few bytes to tell yet. */
gboolean rd_http_looks_like(const guint8 *p, guint32 len, gboolean *undecided);

void rd_http_init(rd_http *http, GQueue *requests);
void rd_http_clear(rd_http *http);

rd_http_event rd_http_step(rd_http *http, rd_dir *dir);

/* After RD_HTTP_BODY (or a damaged body handed over after a gap or at the end). */
void rd_http_body_done(rd_http *http, rd_dir *dir);

/* The client's side after RD_HTTP_UPGRADE_REFUSED on the server's. */
void rd_http_resume(rd_http *http);

/* `skipped` bytes are lost: TRUE when a body must be handed over now, damaged. */
gboolean rd_http_gap(rd_http *http, guint64 skipped);

/* The stream ended: TRUE when a body is to be handed over. */
gboolean rd_http_end(rd_http *http);

#endif /* XMPPWS_REDACT_HTTP_H */
