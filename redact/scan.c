/* scan.c
 *
 * A capture from packets to credentials, and its copy (see scan.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scan.h"

#include <string.h>

#include <wiretap/wtap.h>

#include "credentials.h"
#include "edits.h"
#include "iptcp.h"
#include "linklayer.h"
#include "plan.h"
#include "tcpflow.h"
#include "transport.h"

/* Packets that could not be read, counted by reason. */
typedef struct {
    guint   count;
    guint32 first_frame;
    int     encap;
} skipped_packets;

struct rd_scan {
    GArray          *ws_ports;
    gboolean         checking;
    rd_report       *report;
    rd_capinfo       info;
    rd_edits        *edits;
    rd_credentials  *credentials;
    rd_transports   *transports;
    rd_flows        *flows;
    skipped_packets  unknown_link;
    skipped_packets  fragments;
    skipped_packets  truncated;
    guint            frames_changed;
    guint            checksums_set;
    guint            checksums_kept;
};

rd_scan *
rd_scan_new(const GArray *ws_ports, gboolean checking)
{
    rd_scan *scan = g_new0(rd_scan, 1);

    scan->ws_ports = g_array_copy((GArray *)ws_ports);
    scan->checking = checking;
    scan->report = rd_report_new("frame");
    scan->edits = rd_edits_new();
    scan->credentials = rd_credentials_new(scan->report);
    return scan;
}

void
rd_scan_free(rd_scan *scan)
{
    if (!scan)
        return;
    rd_flows_free(scan->flows);
    rd_transports_free(scan->transports);
    rd_credentials_free(scan->credentials);
    rd_edits_free(scan->edits);
    rd_report_free(scan->report);
    rd_capinfo_clear(&scan->info);
    g_array_unref(scan->ws_ports);
    g_free(scan);
}

rd_report *
rd_scan_report(const rd_scan *scan)
{
    return scan->report;
}

const rd_capinfo *
rd_scan_info(const rd_scan *scan)
{
    return &scan->info;
}

/* ---- messages ------------------------------------------------------------------------ */

static void
on_message(void *ctx, const rd_message *m)
{
    rd_scan *scan = ctx;
    rd_plan_message(scan->credentials, m, scan->checking);
}

/* ---- packets -------------------------------------------------------------------------- */

static void
count_skipped(skipped_packets *s, const rd_packet *pkt)
{
    if (s->count++ == 0) {
        s->first_frame = pkt->number;
        s->encap = pkt->encap;
    }
}

static void
on_packet(void *ctx, const rd_packet *pkt)
{
    rd_scan       *scan = ctx;
    guint32        ip_offset;
    rd_tcp_segment seg;

    switch (rd_link_ip_offset(pkt->encap, pkt->data, pkt->caplen, &ip_offset)) {
    case RD_LINK_IP:
        break;
    case RD_LINK_UNKNOWN:
        count_skipped(&scan->unknown_link, pkt);
        return;
    case RD_LINK_TRUNCATED:
        count_skipped(&scan->truncated, pkt);
        return;
    case RD_LINK_NOT_IP:
        return;
    }
    switch (rd_ip_tcp(pkt->data, pkt->caplen, ip_offset, &seg)) {
    case RD_IP_TCP:
        rd_flows_segment(scan->flows, pkt->number, pkt->data, &seg);
        break;
    case RD_IP_FRAGMENT:
        count_skipped(&scan->fragments, pkt);
        break;
    case RD_IP_TRUNCATED:
        count_skipped(&scan->truncated, pkt);
        break;
    case RD_IP_NOT_TCP:
        break;
    }
}

static void
report_skipped(rd_scan *scan)
{
    if (scan->unknown_link.count)
        rd_report_problem(scan->report, RD_PROBLEM_UNEXAMINED, scan->unknown_link.first_frame, 0,
                          "%u records with a link layer this command does not read (%s), from this one on",
                          scan->unknown_link.count, wtap_encap_description(scan->unknown_link.encap));
    if (scan->fragments.count)
        rd_report_problem(scan->report, RD_PROBLEM_UNEXAMINED, scan->fragments.first_frame, 0,
                          "%u IP fragments, from this one on (fragments are not reassembled here)",
                          scan->fragments.count);
    if (scan->truncated.count)
        rd_report_problem(scan->report, RD_PROBLEM_UNEXAMINED, scan->truncated.first_frame, 0,
                          "%u records cut short inside their headers, from this one on", scan->truncated.count);
}

gboolean
rd_scan_capture(rd_scan *scan, const char *path, GError **error)
{
    gboolean ok;

    scan->transports = rd_transports_new(scan->report, scan->ws_ports, on_message, scan);
    scan->flows = rd_flows_new(&rd_transports_sink, scan->transports, scan->edits);
    ok = rd_capfile_read(path, on_packet, scan, &scan->info, error);
    rd_flows_finish(scan->flows);
    report_skipped(scan);
    return ok;
}

/* ---- checking a copy ------------------------------------------------------------------------ */

typedef struct {
    rd_scan *scan;
    guint    differing;
    guint32  first;
} consistency;

static void
compare_frame(void *ctx, const rd_packet *pkt)
{
    consistency *c = ctx;

    if (!rd_edits_has(c->scan->edits, pkt->number))
        return;
    guint8 *expected = g_memdup2(pkt->data, pkt->caplen);
    rd_edits_apply(c->scan->edits, pkt->number, expected, pkt->caplen);
    if (memcmp(expected, pkt->data, pkt->caplen) != 0 && c->differing++ == 0)
        c->first = pkt->number;
    g_free(expected);
}

gboolean
rd_scan_copy_consistent(rd_scan *scan, const char *path, GString *why)
{
    consistency c = { scan, 0, 0 };
    rd_capinfo  info;
    GError     *error = NULL;

    if (!rd_capfile_read(path, compare_frame, &c, &info, &error)) {
        g_string_append_printf(why, "%s\n", error->message);
        g_error_free(error);
        rd_capinfo_clear(&info);
        return FALSE;
    }
    rd_capinfo_clear(&info);
    if (c.differing)
        g_string_append_printf(why, "%u frames (the first: %u) carry credential bytes that differ from the message "
                               "they belong to\n", c.differing, c.first);
    return c.differing == 0;
}

/* ---- the copy ----------------------------------------------------------------------------- */

static void
rewrite(void *ctx, guint32 number, int encap, guint8 *data, guint32 caplen, guint32 len)
{
    rd_scan       *scan = ctx;
    guint32        ip_offset;
    rd_tcp_segment seg;

    (void)len;
    if (!rd_edits_has(scan->edits, number) || rd_link_ip_offset(encap, data, caplen, &ip_offset) != RD_LINK_IP ||
        rd_ip_tcp(data, caplen, ip_offset, &seg) != RD_IP_TCP)
        return;
    gboolean valid = rd_tcp_checksum_valid(data, caplen, &seg);
    guint8  *before = g_memdup2(data, caplen);
    rd_edits_apply(scan->edits, number, data, caplen);
    if (memcmp(before, data, caplen) != 0) {
        scan->frames_changed++;
        if (valid) {
            rd_tcp_checksum_set(data, &seg);
            scan->checksums_set++;
        } else {
            scan->checksums_kept++;
        }
    }
    g_free(before);
}

gboolean
rd_scan_write_copy(rd_scan *scan, const char *in, const char *out, gboolean drop_secrets, GError **error)
{
    gboolean ok;

    scan->frames_changed = scan->checksums_set = scan->checksums_kept = 0;
    ok = rd_capfile_copy(in, out, drop_secrets, rewrite, scan, error);
    rd_report_frames_changed(scan->report, scan->frames_changed, scan->checksums_set, scan->checksums_kept);
    return ok;
}
