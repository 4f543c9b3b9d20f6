/* tcpflow.c
 *
 * TCP connections and their two byte streams (see tcpflow.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcpflow.h"

#include <string.h>

/* Where a segment's bytes are: in the stream and in its frame. */
typedef struct {
    guint64 offset;
    guint32 len;
    guint32 frame;
    guint32 frame_offset;
} piece;

/* A segment beyond a hole, waiting. */
typedef struct {
    guint64 offset;
    guint32 wire_len;
    GBytes *bytes;                /* what was captured of it */
} pending;

/* New wire bytes already decided, for retransmissions still to come. */
typedef struct {
    guint64 offset;
    GBytes *bytes;
} patch;

struct rd_dir {
    rd_flow    *flow;
    rd_flows   *flows;
    guint       index;
    gboolean    started;
    guint32     isn;              /* sequence number of stream offset 0 */
    guint64     end;              /* just past the bytes in order so far */
    guint64     base;             /* stream offset of data->data[0] */
    GByteArray *data;             /* in order, not consumed */
    gboolean    pinned;
    guint64     pin;
    GArray     *pieces;
    guint       pieces_after_prune;
    GArray     *pending;
    gsize       pending_bytes;
    GArray     *patches;
    guint32     frame;
    gboolean    ended;
    GBytes     *source;           /* the sending endpoint: address and port */
};

struct rd_flows {
    const rd_stream_sink *sink;
    void                 *ctx;
    rd_edits             *edits;
    GHashTable           *by_key;   /* GBytes key -> rd_flow */
    GPtrArray            *all;      /* every rd_flow, in order */
};

/* ---- directions ------------------------------------------------------------ */

static void
pending_clear(gpointer p)
{
    g_bytes_unref(((pending *)p)->bytes);
}

static void
patch_clear(gpointer p)
{
    g_bytes_unref(((patch *)p)->bytes);
}

static rd_dir *
dir_new(rd_flows *flows, rd_flow *flow, guint index)
{
    rd_dir *d = g_new0(rd_dir, 1);

    d->flow = flow;
    d->flows = flows;
    d->index = index;
    d->data = g_byte_array_new();
    d->pieces = g_array_new(FALSE, FALSE, sizeof(piece));
    d->pending = g_array_new(FALSE, FALSE, sizeof(pending));
    g_array_set_clear_func(d->pending, pending_clear);
    d->patches = g_array_new(FALSE, FALSE, sizeof(patch));
    g_array_set_clear_func(d->patches, patch_clear);
    return d;
}

static void
dir_free(rd_dir *d)
{
    g_bytes_unref(d->source);
    g_byte_array_unref(d->data);
    g_array_unref(d->pieces);
    g_array_unref(d->pending);
    g_array_unref(d->patches);
    g_free(d);
}

rd_flow *
rd_dir_flow(const rd_dir *dir)
{
    return dir->flow;
}

gboolean
rd_dir_from_client(const rd_dir *dir)
{
    return dir->index == 0;
}

rd_dir *
rd_dir_other(const rd_dir *dir)
{
    return dir->flow->dir[1 - dir->index];
}

guint32
rd_dir_frame(const rd_dir *dir)
{
    return dir->frame;
}

const guint8 *
rd_dir_data(const rd_dir *dir, guint32 *len)
{
    *len = dir->data->len;
    return dir->data->data;
}

guint64
rd_dir_offset(const rd_dir *dir)
{
    return dir->base;
}

static guint64
keep_from(const rd_dir *d)
{
    return d->pinned ? MIN(d->pin, d->base) : d->base;
}

/* Forgets where bytes nobody will patch any more were (amortised). */
static void
prune_pieces(rd_dir *d)
{
    guint64 keep = keep_from(d);
    guint   kept = 0;

    if (d->pieces->len < 2 * d->pieces_after_prune + 64)
        return;
    for (guint i = 0; i < d->pieces->len; i++) {
        piece p = g_array_index(d->pieces, piece, i);
        if (p.offset + p.len > keep)
            g_array_index(d->pieces, piece, kept++) = p;
    }
    g_array_set_size(d->pieces, kept);
    d->pieces_after_prune = kept;
}

void
rd_dir_consume(rd_dir *dir, guint32 n)
{
    n = MIN(n, dir->data->len);
    g_byte_array_remove_range(dir->data, 0, n);
    dir->base += n;
    prune_pieces(dir);
}

void
rd_dir_pin(rd_dir *dir, guint64 offset)
{
    dir->pinned = TRUE;
    dir->pin = offset;
}

void
rd_dir_unpin(rd_dir *dir)
{
    dir->pinned = FALSE;
}

/* Edits for the part of piece `p` that [offset, offset + len) covers. */
static void
edit_piece(rd_dir *d, const piece *p, guint64 offset, const guint8 *wire, guint32 len)
{
    guint64 from = MAX(offset, p->offset);
    guint64 to = MIN(offset + len, p->offset + p->len);

    if (from < to)
        rd_edits_add(d->flows->edits, p->frame, p->frame_offset + (guint32)(from - p->offset),
                     wire + (from - offset), (guint32)(to - from));
}

void
rd_dir_patch(rd_dir *dir, guint64 offset, const guint8 *wire, guint32 len)
{
    patch p = { offset, g_bytes_new(wire, len) };

    for (guint i = 0; i < dir->pieces->len; i++)
        edit_piece(dir, &g_array_index(dir->pieces, piece, i), offset, wire, len);
    g_array_append_val(dir->patches, p);
}

/* A segment arriving after patches of its bytes were decided. */
static void
apply_old_patches(rd_dir *d, const piece *p)
{
    for (guint i = 0; i < d->patches->len; i++) {
        const patch  *pa = &g_array_index(d->patches, patch, i);
        gsize         n;
        const guint8 *wire = g_bytes_get_data(pa->bytes, &n);
        edit_piece(d, p, pa->offset, wire, (guint32)n);
    }
}

/* ---- putting a direction in order -------------------------------------------- */

/* The 64-bit stream offset of a sequence number, next to what came so far;
 * negative: before the start of the stream. */
static gint64
stream_offset(const rd_dir *d, guint32 seq)
{
    guint32 rel = seq - d->isn;
    gint32  delta = (gint32)(rel - (guint32)d->end);
    return (gint64)d->end + delta;
}

static void
skip(rd_dir *d, guint64 lost)
{
    guint64 skipped = d->data->len + lost;

    d->end += lost;
    d->flows->sink->gap(d->flows->ctx, d, skipped);
    g_byte_array_set_size(d->data, 0);
    d->base = d->end;
}

/* In-order bytes at `offset` (not before d->end), `wire` of them on the
 * wire of which `captured` are here. */
static void
append(rd_dir *d, guint64 offset, const guint8 *bytes, guint32 captured, guint32 wire)
{
    guint64 have = d->end - offset;

    if (have < captured) {
        g_byte_array_append(d->data, bytes + have, (guint)(captured - have));
        d->end = offset + captured;
        d->flows->sink->data(d->flows->ctx, d);
    }
    if (offset + wire > d->end)
        skip(d, offset + wire - d->end);      /* cut by the snapshot length */
}

static gint
compare_pending(gconstpointer a, gconstpointer b)
{
    guint64 x = ((const pending *)a)->offset, y = ((const pending *)b)->offset;
    return x < y ? -1 : x > y;
}

/* Waiting segments that the stream has now reached. */
static void
drain(rd_dir *d)
{
    g_array_sort(d->pending, compare_pending);
    while (d->pending->len) {
        pending *p = &g_array_index(d->pending, pending, 0);
        if (p->offset > d->end)
            return;
        gsize         n;
        const guint8 *bytes = g_bytes_get_data(p->bytes, &n);
        guint64       offset = p->offset;
        guint32       wire = p->wire_len;
        GBytes       *keep = g_bytes_ref(p->bytes);
        d->pending_bytes -= n;
        g_array_remove_index(d->pending, 0);
        if (offset + wire > d->end)
            append(d, offset, bytes, (guint32)n, wire);
        g_bytes_unref(keep);
    }
}

/* Gives up the bytes missing before the first waiting segment. */
static void
give_up_hole(rd_dir *d)
{
    g_array_sort(d->pending, compare_pending);
    guint64 next = g_array_index(d->pending, pending, 0).offset;
    if (next > d->end)
        skip(d, next - d->end);
    drain(d);
}

static void
hold(rd_dir *d, guint64 offset, const guint8 *bytes, guint32 captured, guint32 wire)
{
    pending p = { offset, wire, g_bytes_new(bytes, captured) };

    g_array_append_val(d->pending, p);
    d->pending_bytes += captured;
    if (d->pending_bytes > RD_TCP_MAX_PENDING_BYTES || d->pending->len > RD_TCP_MAX_PENDING_SEGMENTS)
        give_up_hole(d);
}

static void
remember_piece(rd_dir *d, guint32 frame, guint64 offset, const rd_tcp_segment *seg)
{
    piece p = { offset, seg->payload_captured, frame, seg->payload_offset };

    if (p.len == 0)
        return;
    apply_old_patches(d, &p);
    if (offset + p.len > keep_from(d))
        g_array_append_val(d->pieces, p);
}

static void
dir_segment(rd_dir *d, guint32 frame, const guint8 *pkt, const rd_tcp_segment *seg)
{
    d->frame = frame;
    if (!d->started) {
        d->started = TRUE;
        d->isn = seg->seq + ((seg->flags & RD_TCP_SYN) ? 1 : 0);
    }
    if (seg->payload_len == 0)
        return;
    gint64 offset = stream_offset(d, seg->seq + ((seg->flags & RD_TCP_SYN) ? 1 : 0));
    if (offset < 0)
        return;
    remember_piece(d, frame, (guint64)offset, seg);
    if ((guint64)offset + seg->payload_len <= d->end)
        return;                                    /* all seen before */
    if ((guint64)offset > d->end)
        hold(d, (guint64)offset, pkt + seg->payload_offset, seg->payload_captured, seg->payload_len);
    else
        append(d, (guint64)offset, pkt + seg->payload_offset, seg->payload_captured, seg->payload_len);
    drain(d);
}

static void
dir_finish(rd_flows *flows, rd_dir *d)
{
    if (d->ended)
        return;
    while (d->pending->len)
        give_up_hole(d);
    d->ended = TRUE;
    flows->sink->end(flows->ctx, d);
}

/* ---- connections -------------------------------------------------------------- */

/* Address and port of one end of a segment. */
static GBytes *
endpoint_key(const rd_tcp_segment *seg, gboolean source)
{
    gsize  n = seg->ip_version == 4 ? 4 : 16;
    guint8 k[18];
    guint16 port = source ? seg->sport : seg->dport;

    memcpy(k, source ? seg->src : seg->dst, n);
    k[n] = (guint8)(port >> 8);
    k[n + 1] = (guint8)port;
    return g_bytes_new(k, n + 2);
}

/* The same for both directions: the two endpoints in a fixed order. */
static GBytes *
flow_key(const rd_tcp_segment *seg)
{
    GBytes     *a = endpoint_key(seg, TRUE), *b = endpoint_key(seg, FALSE);
    GByteArray *k = g_byte_array_new();
    gboolean    swap = g_bytes_compare(a, b) > 0;
    gsize       n1, n2;
    const guint8 *p1 = g_bytes_get_data(swap ? b : a, &n1), *p2 = g_bytes_get_data(swap ? a : b, &n2);

    g_byte_array_append(k, p1, (guint)n1);
    g_byte_array_append(k, p2, (guint)n2);
    g_bytes_unref(a);
    g_bytes_unref(b);
    return g_byte_array_free_to_bytes(k);
}

static void
flow_free(gpointer data)
{
    rd_flow *flow = data;

    if (flow->user_free)
        flow->user_free(flow->user);
    dir_free(flow->dir[0]);
    dir_free(flow->dir[1]);
    g_free(flow->client);
    g_free(flow->server);
    g_free(flow);
}

/* Who is the client: the sender of a SYN, the receiver of a SYN-ACK;
 * without either, the side with the higher (ephemeral) port. */
static gboolean
sender_is_client(const rd_tcp_segment *seg)
{
    if (seg->flags & RD_TCP_SYN)
        return !(seg->flags & RD_TCP_ACK);
    return seg->sport > seg->dport;
}

static rd_flow *
flow_new(rd_flows *flows, const rd_tcp_segment *seg)
{
    rd_flow *flow = g_new0(rd_flow, 1);
    gboolean client = sender_is_client(seg);

    flow->id = flows->all->len + 1;
    flow->client = rd_tcp_endpoint(seg, client);
    flow->server = rd_tcp_endpoint(seg, !client);
    flow->ports[0] = client ? seg->sport : seg->dport;
    flow->ports[1] = client ? seg->dport : seg->sport;
    flow->dir[0] = dir_new(flows, flow, 0);
    flow->dir[1] = dir_new(flows, flow, 1);
    flow->dir[0]->source = endpoint_key(seg, client);
    flow->dir[1]->source = endpoint_key(seg, !client);
    g_ptr_array_add(flows->all, flow);
    return flow;
}

rd_flows *
rd_flows_new(const rd_stream_sink *sink, void *ctx, rd_edits *edits)
{
    rd_flows *flows = g_new0(rd_flows, 1);

    flows->sink = sink;
    flows->ctx = ctx;
    flows->edits = edits;
    flows->by_key = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
    flows->all = g_ptr_array_new_with_free_func(flow_free);
    return flows;
}

void
rd_flows_free(rd_flows *flows)
{
    if (!flows)
        return;
    g_hash_table_destroy(flows->by_key);
    g_ptr_array_unref(flows->all);
    g_free(flows);
}

static void
flow_finish(rd_flows *flows, rd_flow *flow)
{
    dir_finish(flows, flow->dir[0]);
    dir_finish(flows, flow->dir[1]);
}

/* A new SYN on a connection that already carried data: the four-tuple is
 * being reused, so the old connection ends here. */
static gboolean
is_reuse(const rd_flow *flow, const rd_tcp_segment *seg)
{
    const rd_dir *client = flow->dir[0];
    return (seg->flags & (RD_TCP_SYN | RD_TCP_ACK)) == RD_TCP_SYN && client->started &&
           (client->end > 0 || flow->dir[1]->end > 0) && seg->seq + 1 != client->isn;
}

void
rd_flows_segment(rd_flows *flows, guint32 frame, const guint8 *pkt, const rd_tcp_segment *seg)
{
    GBytes  *key = flow_key(seg);
    rd_flow *flow = g_hash_table_lookup(flows->by_key, key);

    if (flow && is_reuse(flow, seg)) {
        flow_finish(flows, flow);
        flow = NULL;
    }
    if (!flow) {
        flow = flow_new(flows, seg);
        g_hash_table_replace(flows->by_key, g_bytes_ref(key), flow);
    }
    g_bytes_unref(key);
    GBytes *source = endpoint_key(seg, TRUE);
    rd_dir *d = flow->dir[g_bytes_equal(source, flow->dir[0]->source) ? 0 : 1];
    g_bytes_unref(source);
    dir_segment(d, frame, pkt, seg);
}

void
rd_flows_finish(rd_flows *flows)
{
    for (guint i = 0; i < flows->all->len; i++)
        flow_finish(flows, g_ptr_array_index(flows->all, i));
}
