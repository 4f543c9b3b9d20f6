/* fuzz_redact.c
 *
 * libFuzzer harness of xmppws-redact's parsing and rewriting (redact/),
 * without libwiretap. The first input byte chooses what the rest is:
 *
 *   0  one XMPP message: its credentials are redacted, then the redacted
 *      message again, which must change nothing and find as many
 *      credentials (the check of a copy relies on both);
 *   1  an HTTP Archive: redacted, then its copy again, which must change
 *      nothing;
 *   2  a TCP connection: records [flags, length (2 bytes), bytes] make the
 *      segments of its two directions (flags: bit 0 the direction, bit 1
 *      a retransmission of the direction's previous segment, bit 2 bytes
 *      skipped before it), read as HTTP, BOSH and WebSocket would be, and
 *      the patches planned for its credentials applied to the segments'
 *      bytes: a second reading of the patched segments must plan patches
 *      that change nothing.
 * Any violation aborts. Inputs are bounded by libFuzzer's -max_len.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <wsutil/wmem/wmem.h>

#include "credentials.h"
#include "edits.h"
#include "har.h"
#include "plan.h"
#include "report.h"
#include "tcpflow.h"
#include "transport.h"
#include "xmlmodel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SEGMENTS 256

/* ---- 0: one message ------------------------------------------------------------ */

static guint
credentials_in(rd_report *report)
{
    return rd_report_founds(report)->len;
}

static void
fuzz_message(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    rd_report       *first = rd_report_new("frame"), *second = rd_report_new("frame");
    rd_credentials  *c1 = rd_credentials_new(first), *c2 = rd_credentials_new(second);
    rd_message_place place = { 1, 1, "fuzz", "session", TRUE };
    guint8          *copy = g_memdup2(data, size);

    rd_credentials_redact(c1, copy, (guint32)size, &place, NULL);
    guint8 *again = g_memdup2(copy, size);
    if (rd_credentials_redact(c2, again, (guint32)size, &place, NULL) || memcmp(again, copy, size) != 0 ||
        credentials_in(first) != credentials_in(second) || rd_report_changed(second) != 0)
        abort();
    g_free(again);
    g_free(copy);
    rd_credentials_free(c1);
    rd_credentials_free(c2);
    rd_report_free(first);
    rd_report_free(second);
}

/* ---- 1: an HTTP Archive ---------------------------------------------------------- */

static void
fuzz_har(const uint8_t *data, size_t size)
{
    char      *text = g_strndup((const char *)data, size);
    rd_report *r1 = rd_report_new("entry"), *r2 = rd_report_new("entry");
    GString   *copy = g_string_new(NULL), *again = g_string_new(NULL), *why = g_string_new(NULL);

    if (rd_har_redact(text, strlen(text), r1, copy, why)) {
        if (!rd_har_redact(copy->str, copy->len, r2, again, why) || !g_str_equal(copy->str, again->str))
            abort();
    }
    g_string_free(copy, TRUE);
    g_string_free(again, TRUE);
    g_string_free(why, TRUE);
    rd_report_free(r1);
    rd_report_free(r2);
    g_free(text);
}

/* ---- 2: a TCP connection ---------------------------------------------------------- */

typedef struct {
    guint32  offset;              /* of its bytes in the input */
    guint32  len;
    guint32  seq;
    gboolean from_client;
} segment;

static void
on_message(void *ctx, const rd_message *m)
{
    rd_plan_message(ctx, m, FALSE);
}

/* The segments the records describe. */
static guint
segments_of(const uint8_t *data, size_t size, segment *out)
{
    guint32 next[2] = { 1000, 500000 };
    segment last[2] = { { 0, 0, 0, FALSE }, { 0, 0, 0, FALSE } };
    guint   n = 0;
    size_t  i = 0;

    while (i + 3 <= size && n < MAX_SEGMENTS) {
        guint8  flags = data[i];
        guint   d = flags & 1;
        guint32 len = (guint32)MIN((size_t)(data[i + 1] << 8 | data[i + 2]), size - i - 3);
        i += 3;
        if ((flags & 2) && last[d].len) {
            out[n++] = last[d];                       /* a retransmission */
            continue;
        }
        if (flags & 4)
            next[d] += 7;                             /* bytes lost before it */
        segment s = { (guint32)i, len, next[d], d == 0 };
        next[d] += len;
        i += len;
        last[d] = s;
        out[n++] = s;
    }
    return n;
}

static void
feed(rd_flows *flows, guint8 *bytes, const segment *segs, guint n)
{
    static const guint8 client[4] = { 127, 0, 0, 1 }, server[4] = { 127, 0, 0, 2 };
    rd_tcp_segment syn = { 0 };

    syn.ip_version = 4;
    memcpy(syn.src, client, 4);
    memcpy(syn.dst, server, 4);
    syn.sport = 50000;
    syn.dport = 80;
    syn.seq = 999;
    syn.flags = RD_TCP_SYN;
    rd_flows_segment(flows, 1, bytes, &syn);
    for (guint k = 0; k < n; k++) {
        rd_tcp_segment seg = syn;
        if (!segs[k].from_client) {
            memcpy(seg.src, server, 4);
            memcpy(seg.dst, client, 4);
            seg.sport = 80;
            seg.dport = 50000;
        }
        seg.seq = segs[k].seq;
        seg.flags = RD_TCP_ACK;
        seg.payload_offset = segs[k].offset;
        seg.payload_len = seg.payload_captured = segs[k].len;
        rd_flows_segment(flows, k + 2, bytes, &seg);
    }
    rd_flows_finish(flows);
}

/* Reads the connection; returns the edits planned for its credentials. */
static rd_edits *
read_connection(guint8 *bytes, const segment *segs, guint n, rd_report *report)
{
    GArray         *ports = g_array_new(FALSE, FALSE, sizeof(guint16));
    rd_edits       *edits = rd_edits_new();
    rd_credentials *credentials = rd_credentials_new(report);
    rd_transports  *t = rd_transports_new(report, ports, on_message, credentials);
    rd_flows       *flows = rd_flows_new(&rd_transports_sink, t, edits);

    feed(flows, bytes, segs, n);
    rd_flows_free(flows);
    rd_transports_free(t);
    rd_credentials_free(credentials);
    g_array_unref(ports);
    return edits;
}

/* Frame k + 2 is segment k, whose payload is at its offset in `bytes`. */
static void
apply(rd_edits *edits, guint8 *bytes, const segment *segs, guint n)
{
    for (guint k = 0; k < n; k++)
        rd_edits_apply(edits, k + 2, bytes, segs[k].offset + segs[k].len);
}

static void
fuzz_connection(const uint8_t *data, size_t size)
{
    segment    segs[MAX_SEGMENTS];
    guint      n = segments_of(data, size, segs);
    guint8    *bytes;
    rd_report *r1, *r2;

    if (n == 0)
        return;
    bytes = g_memdup2(data, size);
    r1 = rd_report_new("frame");
    r2 = rd_report_new("frame");
    rd_edits *edits = read_connection(bytes, segs, n, r1);
    apply(edits, bytes, segs, n);
    rd_edits_free(edits);
    guint8 *patched = g_memdup2(bytes, size);
    edits = read_connection(bytes, segs, n, r2);
    apply(edits, bytes, segs, n);
    if (memcmp(bytes, patched, size) != 0 || rd_report_changed(r2) != 0)
        abort();
    rd_edits_free(edits);
    g_free(patched);
    g_free(bytes);
    rd_report_free(r1);
    rd_report_free(r2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gboolean initialised;

    if (!initialised) {
        wmem_init();
        initialised = TRUE;
    }
    if (size < 1)
        return 0;
    switch (data[0] % 3) {
    case 0: fuzz_message(data + 1, size - 1); break;
    case 1: fuzz_har(data + 1, size - 1); break;
    default: fuzz_connection(data + 1, size - 1); break;
    }
    return 0;
}
