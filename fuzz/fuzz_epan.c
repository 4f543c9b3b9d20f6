/* fuzz_epan.c
 *
 * libFuzzer harness for the whole dissector inside the stock libwireshark
 * 4.0: the interpreters (stream, SASL, session, presence, pubsub, errors,
 * stream management, tracking), the Finesse decoders, the tree, the Info
 * column and the per-connection state.
 *
 * libwireshark is initialised once, as Wireshark's fuzz/fuzzshark.c does,
 * with the plugin's sources compiled into this program and registered
 * through plugin_register() (no plugin folder is read). Each input becomes
 * a short TCP connection of WebSocket text messages, each message one
 * frame of an Exported PDU record (WTAP_ENCAP_WIRESHARK_UPPER_PDU) naming
 * the dissector "xmppws" (the ws.protocol "xmpp" entry) or the "ws"
 * heuristic "xmppws_ws", with IPv4 addresses and TCP ports so that the
 * conversation code works as on a real capture. Each input is a connection
 * of its own (its own client address), dissected twice like tshark -2: a
 * first pass without a tree, then a second, visited pass with a visible
 * tree and the columns. A new epan session (which costs seconds) is made
 * every SESSION_INPUTS inputs, which bounds what the per-capture state of
 * earlier inputs holds.
 *
 * The input is read according to XMPPWS_FUZZ_MODE:
 *   0 (xmppws_fuzz_ws)       byte 0: flags (bit 0: via the heuristic; bit 1:
 *                            the server speaks first); the rest: messages
 *                            separated by 0x1E (ASCII record separator,
 *                            never valid in XML).
 *   1 (xmppws_fuzz_sasl)     first line: SASL mechanism (a leading '!' turns
 *                            the xmppws.show_secrets preference on); the
 *                            rest: 0x1E-separated decoded SASL data, sent
 *                            base64-encoded as <auth>, then <challenge> and
 *                            <response> in turn, the last as <success>.
 *   2 (xmppws_fuzz_finesse)  first line: pubsub node (a leading '!' sends
 *                            the Update as child XML instead of escaped);
 *                            the rest: 0x1E-separated <Update> documents,
 *                            each in a pubsub event notification.
 *
 * Specs: RFC 7395, RFC 6120 §6 (SASL), XEP-0060 (pubsub events); the
 * Exported PDU format is wsutil/exported_pdu_tlvs.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include <epan/column.h>
#include <epan/column-info.h>
#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/prefs.h>
#include <epan/timestamp.h>
#include <wiretap/wtap.h>
#include <wsutil/exported_pdu_tlvs.h>
#include <wsutil/filesystem.h>
#include <wsutil/privileges.h>
#include <wsutil/wslog.h>

#ifndef XMPPWS_FUZZ_MODE
#define XMPPWS_FUZZ_MODE 0
#endif

#define MAX_MESSAGES   64
#define SEPARATOR      0x1E
#define SESSION_INPUTS 10000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
void plugin_register(void);

typedef enum { C2S, S2C } direction;

typedef struct {
    GByteArray *bytes;           /* the Exported PDU record: tags, then the message */
    wtap_rec    rec;
    frame_data  fd;
} fuzz_frame;

typedef struct {
    fuzz_frame frames[MAX_MESSAGES];
    guint      n;
    guint32    number;           /* which input: the client's address */
    gboolean   heuristic;        /* reach the dissector through the "ws" heuristic list */
} connection;

static column_info cinfo;

/* ---- Exported PDU records -------------------------------------------- */

static void
put_tag(GByteArray *b, guint16 tag, const void *value, guint16 len)
{
    guint8 hdr[4] = { tag >> 8, tag & 0xff, len >> 8, len & 0xff };
    g_byte_array_append(b, hdr, 4);
    if (len)
        g_byte_array_append(b, (const guint8 *)value, len);
}

static void
put_u32_tag(GByteArray *b, guint16 tag, guint32 v)
{
    guint8 be[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
    put_tag(b, tag, be, 4);
}

static void
add_message(connection *c, direction dir, const guint8 *msg, gsize len)
{
    static const guint8 server[4] = { 192, 0, 2, 1 };
    const guint8 client[4] = { 10, (c->number >> 16) & 0xff, (c->number >> 8) & 0xff, c->number & 0xff };
    const char *name = c->heuristic ? "xmppws_ws" : "xmppws";
    fuzz_frame *f;

    if (c->n == MAX_MESSAGES)
        return;
    f = &c->frames[c->n++];
    f->bytes = g_byte_array_new();
    put_tag(f->bytes, c->heuristic ? EXP_PDU_TAG_HEUR_DISSECTOR_NAME : EXP_PDU_TAG_DISSECTOR_NAME,
            name, (guint16)strlen(name));
    put_tag(f->bytes, EXP_PDU_TAG_IPV4_SRC, dir == C2S ? client : server, 4);
    put_tag(f->bytes, EXP_PDU_TAG_IPV4_DST, dir == C2S ? server : client, 4);
    put_u32_tag(f->bytes, EXP_PDU_TAG_PORT_TYPE, EXP_PDU_PT_TCP);
    put_u32_tag(f->bytes, EXP_PDU_TAG_SRC_PORT, dir == C2S ? 50000 : 8445);
    put_u32_tag(f->bytes, EXP_PDU_TAG_DST_PORT, dir == C2S ? 8445 : 50000);
    put_tag(f->bytes, EXP_PDU_TAG_END_OF_OPT, NULL, 0);
    g_byte_array_append(f->bytes, msg, (guint)len);
}

static void
add_text(connection *c, direction dir, GString *s)
{
    add_message(c, dir, (const guint8 *)s->str, s->len);
    g_string_free(s, TRUE);
}

/* ---- reading the input ------------------------------------------------- */

/* Splits [p, end) at the separator; returns the start of the next piece. */
static const guint8 *
next_piece(const guint8 *p, const guint8 *end, gsize *len)
{
    const guint8 *sep = memchr(p, SEPARATOR, (gsize)(end - p));
    *len = (gsize)((sep ? sep : end) - p);
    return sep ? sep + 1 : NULL;
}

/* The first line of the input (without its '\n'); *rest is what follows. */
static char *
first_line(const guint8 *data, size_t size, const guint8 **rest)
{
    const guint8 *nl = memchr(data, '\n', size);
    gsize len = nl ? (gsize)(nl - data) : size;
    *rest = nl ? nl + 1 : data + size;
    return g_strndup((const char *)data, len);
}

/* & < > ' " escaped, byte by byte (the input need not be UTF-8). */
static void
append_escaped(GString *s, const guint8 *p, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        switch (p[i]) {
        case '&':  g_string_append(s, "&amp;");  break;
        case '<':  g_string_append(s, "&lt;");   break;
        case '>':  g_string_append(s, "&gt;");   break;
        case '\'': g_string_append(s, "&apos;"); break;
        case '"':  g_string_append(s, "&quot;"); break;
        default:   g_string_append_c(s, (gchar)p[i]); break;
        }
    }
}

static void
read_ws_messages(connection *c, const guint8 *data, size_t size)
{
    const guint8 *p = data + 1, *end = data + size;
    gboolean server_first = size && (data[0] & 2);
    gsize len;

    c->heuristic = size && (data[0] & 1);
    for (guint i = 0; size && p; i++) {
        const guint8 *piece = p;
        p = next_piece(p, end, &len);
        add_message(c, ((i + server_first) % 2) ? S2C : C2S, piece, len);
    }
}

static void
set_show_secrets(gboolean on)
{
    char *errmsg = NULL;
    char  pref[] = "xmppws.show_secrets:FALSE";

    if (on)
        strcpy(pref, "xmppws.show_secrets:TRUE");
    prefs_set_pref(pref, &errmsg);
    g_free(errmsg);
    prefs_apply_all();
}

static const char *
sasl_element(guint i, gboolean last)
{
    if (i == 0)
        return "auth";
    if (last)
        return "success";
    return (i % 2) ? "challenge" : "response";
}

static void
read_sasl_exchange(connection *c, const guint8 *data, size_t size)
{
    const guint8 *p, *end = data + size;
    char         *mechanism = first_line(data, size, &p);
    gboolean      show = mechanism[0] == '!';
    gsize         len;

    set_show_secrets(show);
    for (guint i = 0; p; i++) {
        const guint8 *piece = p;
        p = next_piece(p, end, &len);
        const char *name = sasl_element(i, i > 0 && !p);
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "<%s xmlns='urn:ietf:params:xml:ns:xmpp-sasl'", name);
        if (i == 0) {
            g_string_append(s, " mechanism='");
            append_escaped(s, (const guint8 *)mechanism + show, strlen(mechanism + show));
            g_string_append_c(s, '\'');
        }
        gchar *b64 = len ? g_base64_encode(piece, len) : g_strdup("=");
        g_string_append_printf(s, ">%s</%s>", b64, name);
        g_free(b64);
        add_text(c, (g_str_equal(name, "auth") || g_str_equal(name, "response")) ? C2S : S2C, s);
    }
    g_free(mechanism);
}

static void
read_finesse_updates(connection *c, const guint8 *data, size_t size)
{
    const guint8 *p, *end = data + size;
    char         *node = first_line(data, size, &p);
    gboolean      child_xml = node[0] == '!';
    gsize         len;

    for (guint i = 0; p; i++) {
        const guint8 *piece = p;
        p = next_piece(p, end, &len);
        GString *s = g_string_new(NULL);
        g_string_append_printf(s, "<message xmlns='jabber:client' from='pubsub.finesse.example.test' "
                               "to='1001@finesse.example.test/desktop' id='m%u'>"
                               "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='", i);
        append_escaped(s, (const guint8 *)node + child_xml, strlen(node + child_xml));
        g_string_append_printf(s, "'><item id='i%u'><notification xmlns='http://jabber.org/protocol/pubsub'>", i);
        if (child_xml)
            g_string_append_len(s, (const char *)piece, (gssize)len);
        else
            append_escaped(s, piece, len);
        g_string_append(s, "</notification></item></items></event></message>");
        add_text(c, S2C, s);
    }
    g_free(node);
}

/* ---- dissection ---------------------------------------------------------- */

static void
init_frame(fuzz_frame *f, guint32 num)
{
    wtap_rec_init(&f->rec);
    f->rec.rec_type = REC_TYPE_PACKET;
    f->rec.presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
    f->rec.ts.secs = 1767225600 + num;
    f->rec.rec_header.packet_header.pkt_encap = WTAP_ENCAP_WIRESHARK_UPPER_PDU;
    f->rec.rec_header.packet_header.caplen = f->bytes->len;
    f->rec.rec_header.packet_header.len = f->bytes->len;
    frame_data_init(&f->fd, num, &f->rec, 0, 0);
}

static void
run_pass(epan_t *session, connection *c, gboolean second)
{
    epan_dissect_t *edt = epan_dissect_new(session, second, second);

    for (guint i = 0; i < c->n; i++) {
        fuzz_frame *f = &c->frames[i];
        tvbuff_t   *tvb = tvb_new_real_data(f->bytes->data, f->bytes->len, (gint)f->bytes->len);
        epan_dissect_run(edt, WTAP_FILE_TYPE_SUBTYPE_UNKNOWN, &f->rec, tvb, &f->fd, second ? &cinfo : NULL);
        if (second)
            epan_dissect_fill_in_columns(edt, FALSE, FALSE);
        f->fd.visited = 1;
        epan_dissect_reset(edt);
    }
    epan_dissect_free(edt);
}

static const nstime_t *
frame_ts(struct packet_provider_data *prov G_GNUC_UNUSED, guint32 frame_num G_GNUC_UNUSED)
{
    static nstime_t zero;
    return &zero;
}

static epan_t *
session_for(guint32 input)
{
    static const struct packet_provider_funcs funcs = { frame_ts, NULL, NULL, NULL };
    static epan_t *session;

    if (session && input % SESSION_INPUTS == 0) {
        epan_free(session);
        session = NULL;
    }
    if (!session)
        session = epan_new(NULL, &funcs);
    return session;
}

static void
dissect_connection(connection *c)
{
    static guint32 frames;
    epan_t *session = session_for(c->number);

    for (guint i = 0; i < c->n; i++)
        init_frame(&c->frames[i], ++frames);
    run_pass(session, c, FALSE);
    run_pass(session, c, TRUE);
    for (guint i = 0; i < c->n; i++) {
        frame_data_destroy(&c->frames[i].fd);
        wtap_rec_cleanup(&c->frames[i].rec);
        g_byte_array_free(c->frames[i].bytes, TRUE);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static guint32 inputs;
    connection c;

    memset(&c, 0, sizeof c);
    c.number = inputs++ & 0xffffff;
    switch (XMPPWS_FUZZ_MODE) {
    case 1:  read_sasl_exchange(&c, data, size);   break;
    case 2:  read_finesse_updates(&c, data, size); break;
    default: read_ws_messages(&c, data, size);     break;
    }
    dissect_connection(&c);
    return 0;
}

/* ---- one-time set-up (after fuzzshark.c) ------------------------------- */

int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv)
{
    e_prefs *prefs_p;

    /* No personal configuration: a fixed, empty profile. */
    g_setenv("XDG_CONFIG_HOME", "/nonexistent/xmppws-fuzz", TRUE);
    g_setenv("HOME", "/nonexistent/xmppws-fuzz", TRUE);
    g_setenv("WIRESHARK_DEBUG_WMEM_OVERRIDE", "simple", FALSE);
    g_setenv("G_SLICE", "always-malloc", FALSE);

    ws_log_init("xmppws-fuzz", NULL);
    ws_log_set_level(LOG_LEVEL_WARNING);
    init_process_policies();
    g_free(configuration_init((*argv)[0], NULL));
    timestamp_set_type(TS_RELATIVE);
    wtap_init(FALSE);
    plugin_register();
    if (!epan_init(NULL, NULL, FALSE))
        abort();
    prefs_p = epan_load_settings();
    build_column_format_array(&cinfo, prefs_p->num_cols, TRUE);
    return 0;
}
