/* tcpflow.h
 *
 * TCP connections and the byte stream of each direction, put in order
 * from the segments of a capture: retransmissions and overlaps are read
 * once, segments out of order wait (a bounded number), and what was never
 * captured (lost segments, bytes cut by the snapshot length) is skipped
 * and said so. Every segment's place in the stream is remembered, so a
 * change to stream bytes becomes edits of every frame that carries them,
 * retransmissions included (also those that come after the change).
 *
 * Specs: RFC 9293 §3.4 (sequence numbers, wrap-around), §3.5 (SYN, FIN).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_TCPFLOW_H
#define XMPPWS_REDACT_TCPFLOW_H

#include <glib.h>

#include "edits.h"
#include "iptcp.h"

typedef struct rd_flow rd_flow;
typedef struct rd_dir rd_dir;
typedef struct rd_flows rd_flows;

/* Out-of-order data held back, per direction, before the bytes missing in
 * front of it are given up as lost. */
#define RD_TCP_MAX_PENDING_BYTES   (16u << 20)
#define RD_TCP_MAX_PENDING_SEGMENTS 4096u

/* What the stream's reader is told. */
typedef struct {
    void (*data)(void *ctx, rd_dir *dir);                  /* new bytes at the end of rd_dir_data() */
    void (*gap)(void *ctx, rd_dir *dir, guint64 skipped);  /* the unconsumed bytes and the lost ones after
                                                               them (`skipped` in all) are gone */
    void (*end)(void *ctx, rd_dir *dir);                   /* no more bytes will come */
} rd_stream_sink;

struct rd_flow {
    guint32        id;               /* 1, 2, ... in order of appearance */
    char          *client;           /* "127.0.0.1:40050": sent the SYN (or, without one, has the higher port) */
    char          *server;
    guint16        ports[2];         /* [0] the client's, [1] the server's */
    rd_dir        *dir[2];           /* [0] from the client, [1] from the server */
    gpointer       user;             /* the reader's state */
    GDestroyNotify user_free;
};

rd_flows *rd_flows_new(const rd_stream_sink *sink, void *ctx, rd_edits *edits);
void      rd_flows_free(rd_flows *flows);

/* One TCP segment of frame `frame` (`pkt`: the record's bytes). */
void rd_flows_segment(rd_flows *flows, guint32 frame, const guint8 *pkt, const rd_tcp_segment *seg);

/* The end of the capture: what waits is given up as lost, then every
 * direction ends. */
void rd_flows_finish(rd_flows *flows);

/* ---- a direction, for its reader -------------------------------------------- */

rd_flow      *rd_dir_flow(const rd_dir *dir);
gboolean      rd_dir_from_client(const rd_dir *dir);
rd_dir       *rd_dir_other(const rd_dir *dir);
guint32       rd_dir_frame(const rd_dir *dir);     /* frame of the latest segment */

/* The bytes not consumed yet, and the stream offset of the first. */
const guint8 *rd_dir_data(const rd_dir *dir, guint32 *len);
guint64       rd_dir_offset(const rd_dir *dir);
void          rd_dir_consume(rd_dir *dir, guint32 n);

/* Bytes from `offset` on may still be patched (a message being put
 * together); without a pin, only bytes not consumed yet may be. */
void          rd_dir_pin(rd_dir *dir, guint64 offset);
void          rd_dir_unpin(rd_dir *dir);

/* New wire bytes for the stream at `offset`: edits of every frame that
 * carries them, now or later. */
void          rd_dir_patch(rd_dir *dir, guint64 offset, const guint8 *wire, guint32 len);

#endif /* XMPPWS_REDACT_TCPFLOW_H */
