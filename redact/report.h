/* report.h
 *
 * What a run found and did, for the user and for the decision to write:
 * every credential (frame, connection, transport, kind; never its value),
 * what could not be examined or rewritten (each a reason to refuse), the
 * connections by protocol, and the original values of the credentials,
 * kept only to check that the copy holds none of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_REPORT_H
#define XMPPWS_REDACT_REPORT_H

#include <stdio.h>
#include <glib.h>

#include "sasl.h"

typedef enum {
    RD_PROTO_HTTP,               /* HTTP/1.x, BOSH included */
    RD_PROTO_WEBSOCKET,          /* after an HTTP upgrade, or on a --ws-port */
    RD_PROTO_TLS,
    RD_PROTO_OTHER,
    RD_PROTO_COUNT
} rd_proto;

typedef enum {
    RD_PROBLEM_UNEXAMINED,       /* bytes that were not read: the copy is not verified there */
    RD_PROBLEM_KEPT              /* a credential that cannot be rewritten in place */
} rd_problem_kind;

typedef struct {
    guint32     frame;           /* where Wireshark shows the message (HAR: the entry) */
    guint32     flow;            /* connection number (order of appearance) */
    const char *transport;       /* "WebSocket", "HTTP (BOSH)", "HAR WebSocket", ... */
    rd_kind     kind;
    gboolean    changed;         /* FALSE: it was already filler */
} rd_found;

typedef struct {
    rd_problem_kind kind;
    guint32         frame;
    guint32         flow;
    char           *text;
} rd_problem;

typedef struct rd_report rd_report;

/* `unit`: what a found's frame number counts ("frame" in a capture,
 * "entry" in an HTTP Archive). */
rd_report *rd_report_new(const char *unit);
void       rd_report_free(rd_report *report);

void rd_report_found(rd_report *report, const rd_found *found);
void rd_report_problem(rd_report *report, rd_problem_kind kind, guint32 frame, guint32 flow, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
/* A connection, numbered 1, 2, ... as they appear, and what it carries. */
void rd_report_connection(rd_report *report, guint32 flow, const char *client, const char *server, rd_proto proto);
void rd_report_frames_changed(rd_report *report, guint frames, guint checksums_set, guint checksums_kept);

/* An original value, to look for in the copy (values shorter than
 * RD_SECRET_MIN_SEARCH bytes are too likely to occur by chance). */
#define RD_SECRET_MIN_SEARCH 6
void rd_report_secret(rd_report *report, const guint8 *value, gsize len);

const GArray    *rd_report_founds(const rd_report *report);     /* rd_found */
const GArray    *rd_report_problems(const rd_report *report);   /* rd_problem */
const GPtrArray *rd_report_secrets(const rd_report *report);    /* GBytes, each once */
guint            rd_report_connections(const rd_report *report, rd_proto proto);
guint            rd_report_changed(const rd_report *report);     /* credentials changed */
gboolean         rd_report_has_problem(const rd_report *report, rd_problem_kind kind);

/* The credentials and connections, as the user reads them. */
void rd_report_print_findings(const rd_report *report, FILE *out);
void rd_report_print_problems(const rd_report *report, FILE *out, const char *prefix);

#endif /* XMPPWS_REDACT_REPORT_H */
