/* packets.c
 *
 * Builds the packets of a HAR (see packets.h):
 *
 *   Addresses. The server is serverIPAddress, else the URL's host when it
 *   is an address, else a documentation address (RFC 5737 198.51.100.x,
 *   one per host name); its port is Playwright's _serverPort, else the
 *   URL's. The browser is a documentation address (192.0.2.1, or
 *   2001:db8::1 for an IPv6 server, RFC 5737 / RFC 3849): the HAR does not
 *   know it. Client ports count up from 49152, one per entry.
 *
 *   Times. SYN at startedDateTime + blocked + dns, SYN-ACK and ACK after
 *   connect, the request over send, the response after wait over receive,
 *   then FIN (HAR 1.2 "timings"). WebSocket frames at their message's
 *   time. A time that would go back within a connection is raised to the
 *   previous packet's.
 *
 *   Content. HTTP as http.c writes it; WebSocket frames as websocket.c
 *   writes them, client frames masked with a fixed sequence of keys (so
 *   the output is the same on every run), compressed when the 101 response
 *   agreed permessage-deflate. What the HAR lacks or could not say on the
 *   wire (an error message, a failed request, a missing body, HTTP/2)
 *   becomes a packet comment, which Wireshark shows as an expert item.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "packets.h"

#include <arpa/inet.h>
#include <string.h>

#include "http.h"
#include "tcp.h"
#include "url.h"
#include "websocket.h"

static const guint8 client_v4[4] = { 192, 0, 2, 1 };
static const guint8 client_v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

typedef struct {
    har_capture *capture;
    GHashTable *hosts;     /* host name -> documentation address number */
    guint connections;
} builder;

/* ---- addresses ---------------------------------------------------------------- */

/* The server's address: TRUE for IPv6. */
static gboolean
server_address(builder *b, const har_entry *e, guint8 addr[16])
{
    const char *candidates[] = { e->server_ip, e->url.host };
    for (size_t i = 0; i < G_N_ELEMENTS(candidates); i++) {
        if (!candidates[i])
            continue;
        if (inet_pton(AF_INET, candidates[i], addr) == 1)
            return FALSE;
        if (inet_pton(AF_INET6, candidates[i], addr) == 1)
            return TRUE;
    }
    gpointer n = g_hash_table_lookup(b->hosts, e->url.host);
    if (!n) {
        n = GUINT_TO_POINTER(g_hash_table_size(b->hosts) % 254 + 1);
        g_hash_table_insert(b->hosts, g_strdup(e->url.host), n);
    }
    addr[0] = 198, addr[1] = 51, addr[2] = 100, addr[3] = (guint8)GPOINTER_TO_UINT(n);
    return FALSE;
}

static void
open_connection(builder *b, const har_entry *e, har_tcp *tcp)
{
    guint8 server[16];
    gboolean v6 = server_address(b, e, server);
    guint16 port = (guint16)(e->server_port ? e->server_port : e->url.port);
    guint16 client_port = (guint16)(49152 + b->connections++ % 16384);
    guint32 isn = 0x1000u + e->index * 2654435761u;
    har_tcp_init(tcp, b->capture, v6, v6 ? client_v6 : client_v4, client_port, server, port, isn);
}

/* ---- times ------------------------------------------------------------------------ */

static gint64
ms(double value)
{
    return value > 0 ? (gint64)(value * 1000.0) : 0;
}

typedef struct {
    gint64 syn, established, request_end, response_start, response_end;
} schedule;

static schedule
entry_schedule(const har_entry *e)
{
    const har_timings *t = &e->timings;
    schedule s;
    s.syn = e->start_us + ms(t->blocked) + ms(t->dns);
    s.established = s.syn + ms(t->connect);
    s.request_end = s.established + ms(t->send);
    s.response_start = s.request_end + ms(t->wait);
    s.response_end = s.response_start + ms(t->receive);
    return s;
}

/* ---- notes -------------------------------------------------------------------------- */

static char *
missing_body_note(const har_entry *e)
{
    if (e->response_body || e->body_size <= 0)
        return NULL;
    return g_strdup_printf("HAR: the response body (%" G_GINT64_FORMAT " bytes) is not in the HAR", e->body_size);
}

static void
note_failure(har_tcp *tcp, const har_entry *e, gint64 time_us)
{
    if (e->failure)
        har_tcp_note(tcp, TRUE, time_us, g_strdup_printf("HAR: the browser recorded a failure: %s", e->failure));
}

static void
send_bytes(har_tcp *tcp, gboolean from_client, gint64 first, gint64 last, GByteArray *bytes, char *comment)
{
    har_tcp_send(tcp, from_client, first, last, bytes->data, bytes->len, comment);
    g_byte_array_unref(bytes);
}

/* ---- HTTP entries ---------------------------------------------------------------------- */

static void
build_http(builder *b, const har_entry *e)
{
    har_tcp tcp;
    schedule s = entry_schedule(e);
    open_connection(b, e, &tcp);
    har_tcp_open(&tcp, s.syn, s.established);
    send_bytes(&tcp, TRUE, s.established, s.request_end, har_http_request(e, NULL), har_http_version_note(e));
    if (e->status)
        send_bytes(&tcp, FALSE, s.response_start, s.response_end, har_http_response(e, NULL), missing_body_note(e));
    else
        har_tcp_note(&tcp, FALSE, s.response_start, g_strdup("HAR: no response recorded"));
    note_failure(&tcp, e, s.response_end);
    har_tcp_close(&tcp, s.response_end);
    b->capture->http_entries++;
}

/* ---- WebSocket entries ------------------------------------------------------------------- */

/* xorshift32: the masking keys and the Sec-WebSocket-Key, fixed per entry. */
static guint32
next_random(guint32 *state)
{
    guint32 x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

static void
add_header(GArray *headers, const char *name, char *value)
{
    har_header h = { (char *)name, value };
    g_array_append_val(headers, h);
}

static void
free_extra(GArray *extra)
{
    for (guint i = 0; i < extra->len; i++)
        g_free(g_array_index(extra, har_header, i).value);
    g_array_free(extra, TRUE);
}

/* The upgrade headers the HAR lacks (Playwright records only some). */
static void
upgrade_headers(const har_entry *e, guint32 *rng, GArray *request, GArray *response)
{
    const char *key = har_header_find(e->request_headers, "sec-websocket-key");
    char *made_key = NULL;
    if (!key) {
        guint8 raw[16];
        for (int i = 0; i < 16; i++)
            raw[i] = (guint8)next_random(rng);
        key = made_key = g_base64_encode(raw, sizeof raw);
    }
    add_header(request, "Upgrade", g_strdup("websocket"));
    add_header(request, "Connection", g_strdup("Upgrade"));
    add_header(request, "Sec-WebSocket-Version", g_strdup("13"));
    add_header(request, "Sec-WebSocket-Key", g_strdup(key));
    add_header(response, "Upgrade", g_strdup("websocket"));
    add_header(response, "Connection", g_strdup("Upgrade"));
    add_header(response, "Sec-WebSocket-Accept", har_ws_accept(key));
    g_free(made_key);
}

/* The handshake; FALSE if the server did not switch protocols. */
static gboolean
ws_handshake(har_tcp *tcp, const har_entry *e, const schedule *s, guint32 *rng)
{
    GArray *request = g_array_new(FALSE, TRUE, sizeof(har_header));
    GArray *response = g_array_new(FALSE, TRUE, sizeof(har_header));
    upgrade_headers(e, rng, request, response);
    send_bytes(tcp, TRUE, s->established, s->request_end, har_http_request(e, request), har_http_version_note(e));
    gboolean upgraded = e->status == 101 || (e->status == 0 && e->messages->len > 0);
    if (e->status == 0 && upgraded) {
        har_entry with_101 = *e;
        with_101.status = 101;
        with_101.status_text = (char *)"Switching Protocols";
        send_bytes(tcp, FALSE, s->response_start, s->response_end, har_http_response(&with_101, response),
                   g_strdup("HAR: no handshake response recorded; a 101 is written in its place"));
    } else if (e->status) {
        send_bytes(tcp, FALSE, s->response_start, s->response_end, har_http_response(e, response), NULL);
    } else {
        har_tcp_note(tcp, FALSE, s->response_start, g_strdup("HAR: no response recorded"));
    }
    free_extra(request);
    free_extra(response);
    return upgraded;
}

static gboolean
is_data_opcode(int opcode)
{
    return opcode == 1 || opcode == 2;
}

static void
ws_message(har_tcp *tcp, const har_ws_message *m, const har_ws_deflate *deflate, guint32 *rng, gint64 t)
{
    gboolean client = m->type == HAR_WS_SEND;
    if (m->type == HAR_WS_ERROR) {
        har_tcp_note(tcp, TRUE, t, g_strdup_printf("HAR: WebSocket error recorded by the browser: %.*s",
                                                   (int)MIN(m->data->len, 4096), (const char *)m->data->data));
        return;
    }
    GByteArray *compressed = NULL;
    if (deflate->enabled && is_data_opcode(m->opcode))
        compressed = har_ws_compress(m->data->data, m->data->len,
                                     client ? deflate->client_window_bits : deflate->server_window_bits);
    const GByteArray *payload = compressed ? compressed : m->data;
    guint32 key = next_random(rng);
    guint8 mask[4] = { (guint8)(key >> 24), (guint8)(key >> 16), (guint8)(key >> 8), (guint8)key };
    send_bytes(tcp, client, t, t, har_ws_frame(m->opcode, compressed != NULL, payload->data, payload->len,
                                               client ? mask : NULL), NULL);
    if (compressed)
        g_byte_array_unref(compressed);
}

static void
build_websocket(builder *b, const har_entry *e)
{
    har_tcp tcp;
    schedule s = entry_schedule(e);
    guint32 rng = 0x9e3779b9u ^ (e->index + 1);
    open_connection(b, e, &tcp);
    har_tcp_open(&tcp, s.syn, s.established);
    gint64 t = s.response_end;
    if (ws_handshake(&tcp, e, &s, &rng)) {
        har_ws_deflate deflate;
        har_ws_deflate_parse(har_header_find(e->response_headers, "sec-websocket-extensions"), &deflate);
        for (guint i = 0; i < e->messages->len; i++) {
            const har_ws_message *m = &g_array_index(e->messages, har_ws_message, i);
            t = MAX(t, m->time_us);
            ws_message(&tcp, m, &deflate, &rng, t);
        }
        b->capture->websocket_messages += e->messages->len;
    }
    note_failure(&tcp, e, t);
    har_tcp_close(&tcp, t);
    b->capture->websocket_entries++;
}

/* ---- all entries ------------------------------------------------------------------------------ */

har_capture *
har_packets_build(const har_log *log)
{
    builder b = {
        .capture = har_capture_new(),
        .hosts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
    };
    for (guint i = 0; i < log->entries->len; i++) {
        const har_entry *e = g_ptr_array_index(log->entries, i);
        if (e->websocket)
            build_websocket(&b, e);
        else
            build_http(&b, e);
    }
    g_hash_table_destroy(b.hosts);
    har_capture_sort(b.capture);
    return b.capture;
}
