/* report.c
 *
 * What a run found and did (see report.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report.h"

#include <stdarg.h>
#include <string.h>

typedef struct {
    char    *client;
    char    *server;
    rd_proto proto;
} connection;

struct rd_report {
    const char *unit;
    GArray     *founds;
    GArray     *problems;
    GHashTable *secret_set;        /* GBytes -> itself */
    GPtrArray  *secrets;
    GHashTable *connections;       /* flow number -> connection */
    guint       frames_changed;
    guint       checksums_set;
    guint       checksums_kept;
};

static const char *const proto_names[RD_PROTO_COUNT] = {
    [RD_PROTO_HTTP] = "HTTP",
    [RD_PROTO_WEBSOCKET] = "WebSocket",
    [RD_PROTO_TLS] = "TLS",
    [RD_PROTO_OTHER] = "other",
};

static void
problem_clear(gpointer p)
{
    g_free(((rd_problem *)p)->text);
}

static void
connection_free(gpointer p)
{
    connection *c = p;
    g_free(c->client);
    g_free(c->server);
    g_free(c);
}

rd_report *
rd_report_new(const char *unit)
{
    rd_report *r = g_new0(rd_report, 1);

    r->unit = unit;
    r->founds = g_array_new(FALSE, FALSE, sizeof(rd_found));
    r->problems = g_array_new(FALSE, FALSE, sizeof(rd_problem));
    g_array_set_clear_func(r->problems, problem_clear);
    r->secret_set = g_hash_table_new(g_bytes_hash, g_bytes_equal);
    r->secrets = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    r->connections = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, connection_free);
    return r;
}

void
rd_report_free(rd_report *r)
{
    if (!r)
        return;
    g_array_unref(r->founds);
    g_array_unref(r->problems);
    g_hash_table_destroy(r->secret_set);
    g_ptr_array_unref(r->secrets);
    g_hash_table_destroy(r->connections);
    g_free(r);
}

void
rd_report_found(rd_report *r, const rd_found *found)
{
    g_array_append_val(r->founds, *found);
}

void
rd_report_problem(rd_report *r, rd_problem_kind kind, guint32 frame, guint32 flow, const char *fmt, ...)
{
    va_list    ap;
    rd_problem p = { kind, frame, flow, NULL };

    va_start(ap, fmt);
    p.text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_array_append_val(r->problems, p);
}

void
rd_report_connection(rd_report *r, guint32 flow, const char *client, const char *server, rd_proto proto)
{
    connection *c = g_hash_table_lookup(r->connections, GUINT_TO_POINTER(flow));

    if (!c) {
        c = g_new0(connection, 1);
        c->client = g_strdup(client);
        c->server = g_strdup(server);
        g_hash_table_insert(r->connections, GUINT_TO_POINTER(flow), c);
    }
    c->proto = proto;
}

void
rd_report_frames_changed(rd_report *r, guint frames, guint checksums_set, guint checksums_kept)
{
    r->frames_changed = frames;
    r->checksums_set = checksums_set;
    r->checksums_kept = checksums_kept;
}

void
rd_report_secret(rd_report *r, const guint8 *value, gsize len)
{
    GBytes *b;

    if (len < RD_SECRET_MIN_SEARCH)
        return;
    b = g_bytes_new(value, len);
    if (g_hash_table_contains(r->secret_set, b)) {
        g_bytes_unref(b);
        return;
    }
    g_hash_table_add(r->secret_set, b);
    g_ptr_array_add(r->secrets, b);
}

const GArray *
rd_report_founds(const rd_report *r)
{
    return r->founds;
}

const GArray *
rd_report_problems(const rd_report *r)
{
    return r->problems;
}

const GPtrArray *
rd_report_secrets(const rd_report *r)
{
    return r->secrets;
}

guint
rd_report_connections(const rd_report *r, rd_proto proto)
{
    GHashTableIter it;
    gpointer       value;
    guint          n = 0;

    g_hash_table_iter_init(&it, r->connections);
    while (g_hash_table_iter_next(&it, NULL, &value))
        n += ((connection *)value)->proto == proto;
    return n;
}

guint
rd_report_changed(const rd_report *r)
{
    guint n = 0;
    for (guint i = 0; i < r->founds->len; i++)
        n += g_array_index(r->founds, rd_found, i).changed;
    return n;
}

gboolean
rd_report_has_problem(const rd_report *r, rd_problem_kind kind)
{
    for (guint i = 0; i < r->problems->len; i++) {
        if (g_array_index(r->problems, rd_problem, i).kind == kind)
            return TRUE;
    }
    return FALSE;
}

/* ---- printing ------------------------------------------------------------------ */

static void
print_where(const rd_report *r, FILE *out, guint32 frame, guint32 flow)
{
    const connection *c = g_hash_table_lookup(r->connections, GUINT_TO_POINTER(flow));

    if (frame)
        fprintf(out, "%s %u", r->unit, frame);
    if (c)
        fprintf(out, "%sconnection %u (%s -> %s)", frame ? ", " : "", flow, c->client, c->server);
}

static void
print_kinds(const rd_report *r, FILE *out)
{
    guint counts[RD_KIND_COUNT] = { 0 };

    for (guint i = 0; i < r->founds->len; i++)
        counts[g_array_index(r->founds, rd_found, i).kind]++;
    for (guint k = 0; k < RD_KIND_COUNT; k++) {
        if (counts[k])
            fprintf(out, "    %-52s %u\n", rd_kind_name(k), counts[k]);
    }
}

static void
print_connections(const rd_report *r, FILE *out)
{
    const char *sep = "";

    fprintf(out, "  connections:");
    for (guint p = 0; p < RD_PROTO_COUNT; p++) {
        guint n = rd_report_connections(r, p);
        if (n) {
            fprintf(out, "%s %u %s", sep, n, proto_names[p]);
            sep = ",";
        }
    }
    fprintf(out, "%s\n", *sep ? "" : " none");
}

void
rd_report_print_findings(const rd_report *r, FILE *out)
{
    guint changed = rd_report_changed(r);

    if (g_str_equal(r->unit, "frame"))
        print_connections(r, out);
    fprintf(out, "  credentials found: %u, redacted now: %u, already redacted: %u\n", r->founds->len, changed,
            r->founds->len - changed);
    for (guint i = 0; i < r->founds->len; i++) {
        const rd_found *f = &g_array_index(r->founds, rd_found, i);
        fprintf(out, "    ");
        print_where(r, out, f->frame, f->flow);
        fprintf(out, " %s: %s%s\n", f->transport, rd_kind_name(f->kind), f->changed ? "" : " (already redacted)");
    }
    if (r->founds->len) {
        fprintf(out, "  by kind:\n");
        print_kinds(r, out);
    }
    if (r->frames_changed)
        fprintf(out, "  frames changed: %u; TCP checksums recomputed: %u, kept as captured (not valid before): %u\n",
                r->frames_changed, r->checksums_set, r->checksums_kept);
}

void
rd_report_print_problems(const rd_report *r, FILE *out, const char *prefix)
{
    for (guint i = 0; i < r->problems->len; i++) {
        const rd_problem *p = &g_array_index(r->problems, rd_problem, i);
        fprintf(out, "%s", prefix);
        print_where(r, out, p->frame, p->flow);
        fprintf(out, "%s%s\n", p->frame || p->flow ? ": " : "", p->text);
    }
}
