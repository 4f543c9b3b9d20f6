/* websocket.c
 *
 * WebSocket frames into messages (see websocket.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "websocket.h"

#include <string.h>

enum { WS_HEADER, WS_PAYLOAD, WS_LOST };

#define OP_CONTINUATION 0x0
#define OP_TEXT         0x1
#define OP_BINARY       0x2
#define OP_CLOSE        0x8
#define OP_PING         0x9
#define OP_PONG         0xa
#define MAX_CONTROL_PAYLOAD 125

typedef struct {
    gboolean fin, rsv1, masked;
    guint8   rsv23;
    guint8   opcode;
    guint64  length;
    guint8   mask[4];
    guint32  size;                 /* of the header */
} frame_header;

void
rd_ws_init(rd_ws *ws, gboolean deflate)
{
    memset(ws, 0, sizeof *ws);
    ws->deflate = deflate;
    rd_msgmap_init(&ws->msg);
}

void
rd_ws_clear(rd_ws *ws)
{
    rd_msgmap_clear(&ws->msg);
}

/* FALSE when the header is not all there yet. */
static gboolean
read_header(const guint8 *p, guint32 avail, frame_header *h)
{
    guint32 len7, at = 2;

    memset(h, 0, sizeof *h);
    if (avail < 2)
        return FALSE;
    h->fin = (p[0] & 0x80) != 0;
    h->rsv1 = (p[0] & 0x40) != 0;
    h->rsv23 = p[0] & 0x30;
    h->opcode = p[0] & 0x0f;
    h->masked = (p[1] & 0x80) != 0;
    len7 = p[1] & 0x7f;
    if (len7 == 126) {
        if (avail < 4)
            return FALSE;
        h->length = (guint64)p[2] << 8 | p[3];
        at = 4;
    } else if (len7 == 127) {
        if (avail < 10)
            return FALSE;
        h->length = 0;
        for (guint i = 0; i < 8; i++)
            h->length = h->length << 8 | p[2 + i];
        at = 10;
    } else {
        h->length = len7;
    }
    if (h->masked) {
        if (avail < at + 4)
            return FALSE;
        memcpy(h->mask, p + at, 4);
        at += 4;
    }
    h->size = at;
    return TRUE;
}

static gboolean
is_control(guint8 opcode)
{
    return opcode == OP_CLOSE || opcode == OP_PING || opcode == OP_PONG;
}

/* NULL when the header is one RFC 6455 allows here, else why not. */
static const char *
invalid_header(const rd_ws *ws, const frame_header *h)
{
    if (h->rsv23 || h->length >> 63)
        return "reserved bits set: not a WebSocket frame";
    if (is_control(h->opcode))
        return h->fin && h->length <= MAX_CONTROL_PAYLOAD && !h->rsv1 ? NULL : "malformed control frame";
    if (h->opcode == OP_CONTINUATION)
        return ws->in_message && !h->rsv1 ? NULL : "continuation frame outside a message";
    if (h->opcode != OP_TEXT && h->opcode != OP_BINARY)
        return "unknown opcode";
    if (ws->in_message)
        return "new message inside a fragmented one";
    return h->rsv1 && !ws->deflate ? "RSV1 without permessage-deflate" : NULL;
}

static void
start_frame(rd_ws *ws, rd_dir *dir, const frame_header *h)
{
    ws->remaining = h->length;
    ws->payload_pos = 0;
    ws->masked = h->masked;
    memcpy(ws->mask, h->mask, 4);
    ws->final = h->fin;
    ws->data_frame = !is_control(h->opcode);
    if (ws->data_frame && h->opcode != OP_CONTINUATION) {
        ws->in_message = TRUE;
        ws->compressed = h->rsv1;
        rd_dir_pin(dir, rd_dir_offset(dir));
    }
    ws->state = WS_PAYLOAD;
}

static rd_ws_event
lose(rd_ws *ws, const char *why)
{
    ws->state = WS_LOST;
    ws->lost = why;
    return RD_WS_LOST;
}

/* Takes the payload bytes that are there; TRUE when the frame is complete. */
static gboolean
take_payload(rd_ws *ws, rd_dir *dir)
{
    guint32       avail;
    const guint8 *p = rd_dir_data(dir, &avail);
    guint32       n = (guint32)MIN((guint64)avail, ws->remaining);

    if (ws->data_frame) {
        if (ws->msg.bytes->len + (guint64)n > RD_MAX_MESSAGE)
            ws->too_large = TRUE;
        else
            rd_msgmap_append(&ws->msg, rd_dir_offset(dir), p, n, ws->masked ? ws->mask : NULL,
                             (guint32)(ws->payload_pos % 4));
    }
    rd_dir_consume(dir, n);
    ws->remaining -= n;
    ws->payload_pos += n;
    return ws->remaining == 0;
}

rd_ws_event
rd_ws_step(rd_ws *ws, rd_dir *dir)
{
    for (;;) {
        guint32       avail;
        const guint8 *p = rd_dir_data(dir, &avail);
        frame_header  h;

        if (ws->state == WS_LOST) {
            rd_dir_consume(dir, avail);
            return RD_WS_NEED_MORE;
        }
        if (ws->state == WS_HEADER) {
            if (!read_header(p, avail, &h))
                return RD_WS_NEED_MORE;
            if (ws->resync && h.opcode == OP_CONTINUATION && !ws->in_message)
                ws->in_message = ws->damaged = TRUE;
            const char *why = invalid_header(ws, &h);
            if (why)
                return lose(ws, why);
            ws->resync = FALSE;
            rd_dir_consume(dir, h.size);
            start_frame(ws, dir, &h);
        }
        if (!take_payload(ws, dir))
            return RD_WS_NEED_MORE;
        ws->state = WS_HEADER;
        if (ws->data_frame && ws->final)
            return RD_WS_MESSAGE;
    }
}

void
rd_ws_message_done(rd_ws *ws, rd_dir *dir)
{
    rd_msgmap_reset(&ws->msg);
    ws->in_message = ws->compressed = ws->damaged = ws->too_large = FALSE;
    rd_dir_unpin(dir);
}

gboolean
rd_ws_gap(rd_ws *ws, guint64 skipped)
{
    if (ws->state == WS_LOST)
        return FALSE;
    if (ws->state == WS_PAYLOAD && skipped < ws->remaining) {
        ws->remaining -= skipped;
        ws->payload_pos += skipped;
        ws->damaged |= ws->data_frame;
        return FALSE;
    }
    ws->state = WS_HEADER;
    ws->resync = TRUE;
    ws->damaged = ws->in_message;
    return ws->in_message;
}

gboolean
rd_ws_end(rd_ws *ws)
{
    ws->damaged |= ws->in_message;
    return ws->in_message;
}
