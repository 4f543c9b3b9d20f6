/* msgmap.c
 *
 * A message and where its bytes are in the stream (see msgmap.h).
 * Specs: RFC 6455 §5.3 (client-to-server masking: octet i of the payload
 * is XORed with octet i MOD 4 of the frame's masking key).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "msgmap.h"

#include <string.h>

typedef struct {
    guint32 msg_offset;
    guint32 len;
    guint64 stream_offset;
    guint8  mask[4];
    guint32 phase;
    gboolean masked;
} piece;

void
rd_msgmap_init(rd_msgmap *m)
{
    m->bytes = g_byte_array_new();
    m->pieces = g_array_new(FALSE, FALSE, sizeof(piece));
}

void
rd_msgmap_clear(rd_msgmap *m)
{
    g_clear_pointer(&m->bytes, g_byte_array_unref);
    g_clear_pointer(&m->pieces, g_array_unref);
}

void
rd_msgmap_reset(rd_msgmap *m)
{
    g_byte_array_set_size(m->bytes, 0);
    g_array_set_size(m->pieces, 0);
}

static guint8
mask_at(const piece *p, guint32 i)
{
    return p->masked ? p->mask[(p->phase + i) % 4] : 0;
}

void
rd_msgmap_append(rd_msgmap *m, guint64 stream_offset, const guint8 *wire, guint32 len,
                 const guint8 *mask, guint32 phase)
{
    piece p = { m->bytes->len, len, stream_offset, { 0 }, phase, mask != NULL };
    guint32 start = m->bytes->len;

    if (len == 0)
        return;
    if (mask)
        memcpy(p.mask, mask, 4);
    g_byte_array_append(m->bytes, wire, len);
    for (guint32 i = 0; i < len; i++)
        m->bytes->data[start + i] ^= mask_at(&p, i);
    g_array_append_val(m->pieces, p);
}

/* The part [from, to) of piece `p`, `bytes` holding message bytes from
 * `offset` on. */
static void
wire_of_piece(const piece *p, guint32 from, guint32 to, const guint8 *bytes, guint32 offset, rd_wire_patch_fn fn,
              void *ctx)
{
    guint8 *wire = g_malloc(to - from);

    for (guint32 k = from; k < to; k++)
        wire[k - from] = bytes[k - offset] ^ mask_at(p, k - p->msg_offset);
    fn(ctx, p->stream_offset + (from - p->msg_offset), wire, to - from);
    g_free(wire);
}

void
rd_msgmap_wire(const rd_msgmap *m, guint32 offset, const guint8 *bytes, guint32 len, rd_wire_patch_fn fn,
               void *ctx)
{
    for (guint i = 0; i < m->pieces->len; i++) {
        const piece *p = &g_array_index(m->pieces, piece, i);
        guint32 from = MAX(offset, p->msg_offset);
        guint32 to = MIN(offset + len, p->msg_offset + p->len);
        if (from < to)
            wire_of_piece(p, from, to, bytes, offset, fn, ctx);
    }
}
