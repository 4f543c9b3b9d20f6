/* transport.c
 *
 * What each connection carries, and its messages (see transport.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "transport.h"

#include <string.h>

#include "http.h"
#include "inflate.h"
#include "namespaces.h"
#include "websocket.h"
#include "xmlscan.h"

enum { T_UNKNOWN, T_HTTP, T_WEBSOCKET, T_TLS, T_OTHER, T_LOST };

#define TLS_MIN_CONTENT_TYPE 0x14      /* change_cipher_spec .. application_data */
#define TLS_MAX_CONTENT_TYPE 0x17
#define SASL_NS_LEN (sizeof XMPPWS_NS_SASL - 1)

typedef struct {
    int          kind;
    rd_http      http;
    rd_ws        ws;
    rd_inflater *inflater;
    GByteArray  *tail;               /* T_OTHER: the last bytes, to search across segments */
    gboolean     sasl_named;         /* T_OTHER: the SASL namespace was seen */
} dir_state;

typedef struct {
    dir_state        dir[2];
    GQueue           requests;
    rd_ws_extensions ext;
    rd_proto         proto;
    gboolean         proto_known;
} flow_state;

struct rd_transports {
    rd_report     *report;
    GArray        *ws_ports;
    rd_message_fn  fn;
    void          *ctx;
};

static void on_data(void *ctx, rd_dir *dir);
static void on_gap(void *ctx, rd_dir *dir, guint64 skipped);
static void on_end(void *ctx, rd_dir *dir);

const rd_stream_sink rd_transports_sink = { on_data, on_gap, on_end };

rd_transports *
rd_transports_new(rd_report *report, const GArray *ws_ports, rd_message_fn fn, void *ctx)
{
    rd_transports *t = g_new0(rd_transports, 1);

    t->report = report;
    t->ws_ports = g_array_copy((GArray *)ws_ports);
    t->fn = fn;
    t->ctx = ctx;
    return t;
}

void
rd_transports_free(rd_transports *t)
{
    if (!t)
        return;
    g_array_unref(t->ws_ports);
    g_free(t);
}

/* ---- per-connection state ------------------------------------------------------ */

static void
flow_state_free(gpointer data)
{
    flow_state *fs = data;

    for (guint i = 0; i < 2; i++) {
        rd_http_clear(&fs->dir[i].http);
        rd_ws_clear(&fs->dir[i].ws);
        rd_inflater_free(fs->dir[i].inflater);
        g_byte_array_unref(fs->dir[i].tail);
    }
    g_queue_clear(&fs->requests);
    g_free(fs);
}

static flow_state *
state_of(rd_flow *flow)
{
    flow_state *fs = flow->user;

    if (fs)
        return fs;
    fs = g_new0(flow_state, 1);
    g_queue_init(&fs->requests);
    for (guint i = 0; i < 2; i++) {
        rd_http_init(&fs->dir[i].http, &fs->requests);
        rd_ws_init(&fs->dir[i].ws, FALSE);
        fs->dir[i].tail = g_byte_array_new();
    }
    flow->user = fs;
    flow->user_free = flow_state_free;
    return fs;
}

static dir_state *
dir_state_of(rd_dir *dir)
{
    return &state_of(rd_dir_flow(dir))->dir[rd_dir_from_client(dir) ? 0 : 1];
}

static const char *
direction(rd_dir *dir)
{
    return rd_dir_from_client(dir) ? "client to server" : "server to client";
}

/* The connection's protocol for the report: WebSocket over HTTP over TLS
 * over anything else. */
static void
set_proto(rd_transports *t, rd_flow *flow, rd_proto proto)
{
    static const int rank[RD_PROTO_COUNT] = {
        [RD_PROTO_OTHER] = 0, [RD_PROTO_TLS] = 1, [RD_PROTO_HTTP] = 2, [RD_PROTO_WEBSOCKET] = 3,
    };
    flow_state *fs = state_of(flow);

    if (fs->proto_known && rank[fs->proto] >= rank[proto])
        return;
    fs->proto = proto;
    fs->proto_known = TRUE;
    rd_report_connection(t->report, flow->id, flow->client, flow->server, proto);
}

static void
unexamined(rd_transports *t, rd_dir *dir, const char *why)
{
    rd_report_problem(t->report, RD_PROBLEM_UNEXAMINED, rd_dir_frame(dir), rd_dir_flow(dir)->id,
                      "%s: %s", direction(dir), why);
}

/* ---- handing messages over ------------------------------------------------------- */

static void
hand_over(rd_transports *t, rd_dir *dir, const char *transport, const guint8 *bytes, guint32 len,
          const rd_msgmap *map, gboolean damaged)
{
    rd_message m = { dir, transport, bytes, len, map, damaged };
    t->fn(t->ctx, &m);
}

static void
deliver_ws(rd_transports *t, rd_dir *dir, dir_state *ds)
{
    rd_ws *ws = &ds->ws;

    if (ws->too_large)
        unexamined(t, dir, "a WebSocket message larger than 64 MiB was not examined");
    if (!ws->compressed) {
        hand_over(t, dir, "WebSocket", ws->msg.bytes->data, ws->msg.bytes->len, &ws->msg, ws->damaged);
        return;
    }
    GByteArray *plain = g_byte_array_new();
    if (!ws->damaged && ds->inflater &&
        rd_inflate_message(ds->inflater, ws->msg.bytes->data, ws->msg.bytes->len, plain, RD_MAX_MESSAGE))
        hand_over(t, dir, "WebSocket (compressed)", plain->data, plain->len, NULL, FALSE);
    else
        unexamined(t, dir, "a compressed (permessage-deflate) message that cannot be inflated");
    g_byte_array_unref(plain);
}

static void
deliver_body(rd_transports *t, rd_dir *dir, dir_state *ds)
{
    rd_http    *h = &ds->http;
    const char *what = h->body.bytes->len && xs_first_element_is(h->body.bytes->data, h->body.bytes->len, "body", FALSE)
                           ? "BOSH" : "HTTP";

    if (h->too_large)
        unexamined(t, dir, "an HTTP body larger than 64 MiB was not examined");
    if (!h->encoding) {
        hand_over(t, dir, what, h->body.bytes->data, h->body.bytes->len, &h->body, h->damaged);
        return;
    }
    GByteArray *plain = g_byte_array_new();
    if (!h->damaged && rd_inflate_body(h->encoding, h->body.bytes->data, h->body.bytes->len, plain, RD_MAX_MESSAGE))
        hand_over(t, dir, "HTTP (content-encoded)", plain->data, plain->len, NULL, FALSE);
    else
        unexamined(t, dir, "an HTTP body with a Content-Encoding that cannot be decoded");
    g_byte_array_unref(plain);
}

/* ---- the protocols ------------------------------------------------------------------- */

static void
give_up(rd_transports *t, rd_dir *dir, dir_state *ds, const char *why)
{
    guint32 avail;

    unexamined(t, dir, why);
    ds->kind = T_LOST;
    rd_dir_data(dir, &avail);
    rd_dir_consume(dir, avail);
}

static void
run_ws(rd_transports *t, rd_dir *dir, dir_state *ds)
{
    for (;;) {
        rd_ws_event ev = rd_ws_step(&ds->ws, dir);
        if (ev == RD_WS_NEED_MORE)
            return;
        if (ev == RD_WS_LOST && !rd_ws_end(&ds->ws)) {
            give_up(t, dir, ds, ds->ws.lost);
            return;
        }
        deliver_ws(t, dir, ds);
        rd_ws_message_done(&ds->ws, dir);
        if (ev == RD_WS_LOST) {
            give_up(t, dir, ds, ds->ws.lost);
            return;
        }
    }
}

static void
switch_to_websocket(rd_transports *t, rd_flow *flow, const char *extensions)
{
    flow_state *fs = state_of(flow);

    rd_ws_extensions_parse(extensions, &fs->ext);
    for (guint i = 0; i < 2; i++) {
        fs->dir[i].kind = T_WEBSOCKET;
        fs->dir[i].ws.deflate = fs->ext.deflate;
        if (fs->ext.deflate && !fs->dir[i].inflater)
            fs->dir[i].inflater = rd_inflater_new(fs->ext.no_context_takeover[i]);
    }
    set_proto(t, flow, RD_PROTO_WEBSOCKET);
}

static void
run_http(rd_transports *t, rd_dir *dir, dir_state *ds)
{
    rd_flow *flow = rd_dir_flow(dir);

    for (;;) {
        switch (rd_http_step(&ds->http, dir)) {
        case RD_HTTP_NEED_MORE:
        case RD_HTTP_UPGRADE_WAIT:
            return;
        case RD_HTTP_BODY:
            deliver_body(t, dir, ds);
            rd_http_body_done(&ds->http, dir);
            break;
        case RD_HTTP_UPGRADE_REFUSED:
            rd_http_resume(&dir_state_of(rd_dir_other(dir))->http);
            on_data(t, rd_dir_other(dir));
            break;
        case RD_HTTP_SWITCHED:
            switch_to_websocket(t, flow, ds->http.extensions);
            run_ws(t, dir, ds);
            on_data(t, rd_dir_other(dir));
            return;
        case RD_HTTP_LOST:
            if (ds->http.body.bytes->len) {
                ds->http.damaged = TRUE;
                deliver_body(t, dir, ds);
                rd_http_body_done(&ds->http, dir);
            }
            give_up(t, dir, ds, ds->http.lost);
            return;
        }
    }
}

/* Bytes of another protocol: only looked at for the SASL namespace. */
static void
search_other(rd_transports *t, rd_dir *dir, dir_state *ds)
{
    guint32       avail;
    const guint8 *p = rd_dir_data(dir, &avail);

    g_byte_array_append(ds->tail, p, avail);
    rd_dir_consume(dir, avail);
    if (!ds->sasl_named && ds->tail->len && xs_contains(ds->tail->data, ds->tail->len, XMPPWS_NS_SASL)) {
        ds->sasl_named = TRUE;
        unexamined(t, dir, "names the SASL namespace, but is neither HTTP nor WebSocket (XMPP over TCP is not "
                           "read by this command; WebSocket without its handshake needs --ws-port)");
    }
    if (ds->tail->len >= SASL_NS_LEN)
        g_byte_array_remove_range(ds->tail, 0, ds->tail->len - (guint)(SASL_NS_LEN - 1));
}

static gboolean
is_ws_port(const rd_transports *t, const rd_flow *flow)
{
    for (guint i = 0; i < t->ws_ports->len; i++) {
        guint16 port = g_array_index(t->ws_ports, guint16, i);
        if (port == flow->ports[0] || port == flow->ports[1])
            return TRUE;
    }
    return FALSE;
}

static gboolean
looks_like_tls(const guint8 *p, guint32 len)
{
    return len >= 3 && p[0] >= TLS_MIN_CONTENT_TYPE && p[0] <= TLS_MAX_CONTENT_TYPE && p[1] == 0x03 && p[2] <= 0x04;
}

/* FALSE while the first bytes do not tell yet. */
static gboolean
classify(rd_transports *t, rd_dir *dir, dir_state *ds, gboolean final)
{
    rd_flow      *flow = rd_dir_flow(dir);
    guint32       len;
    const guint8 *p = rd_dir_data(dir, &len);
    gboolean      undecided;

    if (is_ws_port(t, flow)) {
        ds->kind = T_WEBSOCKET;
        set_proto(t, flow, RD_PROTO_WEBSOCKET);
    } else if (looks_like_tls(p, len)) {
        ds->kind = T_TLS;
        set_proto(t, flow, RD_PROTO_TLS);
    } else if (rd_http_looks_like(p, len, &undecided)) {
        ds->kind = T_HTTP;
        set_proto(t, flow, RD_PROTO_HTTP);
    } else if (undecided && !final) {
        return FALSE;
    } else {
        ds->kind = T_OTHER;
        set_proto(t, flow, RD_PROTO_OTHER);
    }
    return TRUE;
}

static void
on_data(void *ctx, rd_dir *dir)
{
    rd_transports *t = ctx;
    dir_state     *ds = dir_state_of(dir);
    guint32        avail;

    if (ds->kind == T_UNKNOWN && !classify(t, dir, ds, FALSE))
        return;
    switch (ds->kind) {
    case T_HTTP:
        run_http(t, dir, ds);
        break;
    case T_WEBSOCKET:
        run_ws(t, dir, ds);
        break;
    case T_OTHER:
        search_other(t, dir, ds);
        break;
    default:                           /* TLS, lost: not read */
        rd_dir_data(dir, &avail);
        rd_dir_consume(dir, avail);
        break;
    }
}

static void
on_gap(void *ctx, rd_dir *dir, guint64 skipped)
{
    rd_transports *t = ctx;
    dir_state     *ds = dir_state_of(dir);

    if (ds->kind == T_HTTP) {
        if (rd_http_gap(&ds->http, skipped)) {
            deliver_body(t, dir, ds);
            rd_http_body_done(&ds->http, dir);
        }
        if (ds->http.lost)
            give_up(t, dir, ds, ds->http.lost);
    } else if (ds->kind == T_WEBSOCKET && rd_ws_gap(&ds->ws, skipped)) {
        deliver_ws(t, dir, ds);
        rd_ws_message_done(&ds->ws, dir);
    } else if (ds->kind == T_OTHER) {
        g_byte_array_set_size(ds->tail, 0);
    }
}

static void
on_end(void *ctx, rd_dir *dir)
{
    rd_transports *t = ctx;
    dir_state     *ds = dir_state_of(dir);

    if (ds->kind == T_UNKNOWN) {
        guint32 avail;
        rd_dir_data(dir, &avail);
        if (!avail)
            return;
        classify(t, dir, ds, TRUE);
        on_data(t, dir);
    }
    if (ds->kind == T_HTTP && rd_http_end(&ds->http)) {
        deliver_body(t, dir, ds);
        rd_http_body_done(&ds->http, dir);
    } else if (ds->kind == T_WEBSOCKET && rd_ws_end(&ds->ws)) {
        deliver_ws(t, dir, ds);
        rd_ws_message_done(&ds->ws, dir);
    }
}
