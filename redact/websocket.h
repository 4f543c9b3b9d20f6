/* websocket.h
 *
 * The WebSocket frames of one direction of a connection, put together
 * into messages: headers (7-, 16- and 64-bit lengths), masking, fragmented
 * messages with control frames between their fragments. Each data
 * message's bytes are unmasked into an rd_msgmap that remembers where
 * every byte is in the stream and under which masking-key byte. After
 * lost bytes, parsing goes on when the loss was inside a frame's payload
 * (the message is then marked damaged), or when the next bytes are a
 * valid frame header; otherwise the direction is given up.
 *
 * Specs: RFC 6455 §5.2 (framing), §5.3 (masking), §5.4 (fragmentation),
 * §5.5 (control frames); RFC 7692 §6 (RSV1 marks a compressed message).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_WEBSOCKET_H
#define XMPPWS_REDACT_WEBSOCKET_H

#include <glib.h>

#include "msgmap.h"
#include "tcpflow.h"

/* A message larger than this is not put together (and is reported). */
#define RD_MAX_MESSAGE (64u << 20)

typedef enum {
    RD_WS_NEED_MORE,
    RD_WS_MESSAGE,                 /* a data message is complete: msg, compressed, damaged */
    RD_WS_LOST                     /* the frames cannot be followed any more: lost says why */
} rd_ws_event;

typedef struct {
    int         state;
    gboolean    deflate;           /* permessage-deflate was negotiated: RSV1 allowed */
    guint64     remaining;         /* payload bytes of the current frame still to come */
    guint64     payload_pos;       /* position in the current frame's payload */
    guint8      mask[4];
    gboolean    masked;
    gboolean    data_frame;        /* the current frame belongs to a data message */
    gboolean    final;             /* FIN of the current frame */
    gboolean    in_message;
    gboolean    resync;            /* bytes were lost: the next header must prove itself */
    gboolean    compressed;        /* RSV1 on the message's first frame */
    gboolean    damaged;           /* bytes of the message were lost */
    gboolean    too_large;         /* longer than RD_MAX_MESSAGE: not all of it is in msg */
    rd_msgmap   msg;
    const char *lost;
} rd_ws;

void rd_ws_init(rd_ws *ws, gboolean deflate);
void rd_ws_clear(rd_ws *ws);

/* Reads frames from the direction's unconsumed bytes. */
rd_ws_event rd_ws_step(rd_ws *ws, rd_dir *dir);

/* After RD_WS_MESSAGE (or a damaged message handed over after a gap or at
 * the end): ready for the next message. */
void rd_ws_message_done(rd_ws *ws, rd_dir *dir);

/* `skipped` bytes are lost. TRUE when the message being put together must
 * be handed over now, damaged (its end is lost). */
gboolean rd_ws_gap(rd_ws *ws, guint64 skipped);

/* The stream ended, or the frames were lost (RD_WS_LOST): TRUE when a
 * message was being put together (it is then damaged, to be handed over). */
gboolean rd_ws_end(rd_ws *ws);

#endif /* XMPPWS_REDACT_WEBSOCKET_H */
