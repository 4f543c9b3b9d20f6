/* msgmap.h
 *
 * One message put together from pieces of a TCP byte stream -- WebSocket
 * frame payloads (unmasked here, RFC 6455 §5.3), HTTP body chunks -- with,
 * for every byte, where it is in the stream and which masking-key byte
 * covered it. New bytes for part of the message then give the new wire
 * bytes of the stream (masked again with the frame's own key).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_MSGMAP_H
#define XMPPWS_REDACT_MSGMAP_H

#include <glib.h>

typedef struct {
    GByteArray *bytes;           /* the message, unmasked */
    GArray     *pieces;          /* where each run of it is in the stream */
} rd_msgmap;

/* Called with each run of new wire bytes; the caller patches the stream. */
typedef void (*rd_wire_patch_fn)(void *ctx, guint64 stream_offset, const guint8 *wire, guint32 len);

void rd_msgmap_init(rd_msgmap *m);
void rd_msgmap_clear(rd_msgmap *m);
void rd_msgmap_reset(rd_msgmap *m);

/* Appends `len` wire bytes found at `stream_offset`; `mask` is the frame's
 * masking key (NULL when unmasked) and `phase` the key index of the first
 * byte. */
void rd_msgmap_append(rd_msgmap *m, guint64 stream_offset, const guint8 *wire, guint32 len,
                      const guint8 *mask, guint32 phase);

/* Calls `fn` with the wire bytes that message bytes [offset, offset +
 * len) become when they are `bytes` (masked again with the key of the
 * frame each is in), one call per run of consecutive stream bytes. */
void rd_msgmap_wire(const rd_msgmap *m, guint32 offset, const guint8 *bytes, guint32 len, rd_wire_patch_fn fn,
                    void *ctx);

#endif /* XMPPWS_REDACT_MSGMAP_H */
