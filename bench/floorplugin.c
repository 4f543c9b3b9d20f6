/* floorplugin.c
 *
 * The benchmark's floors, measured inside tshark in the same run as the
 * plugin: a minimal epan plugin that takes every message of the WebSocket
 * subprotocol "xmpp" (RFC 7395), as xmppws does, and then, by FLOOR_LEVEL
 * (set when it is compiled, see bench/run.sh):
 *
 *   0  does nothing else: what reading the capture, TCP reassembly and
 *      the WebSocket dissector cost, which any XMPP plugin pays;
 *   1  parses the message with libxml2's SAX2 parser (one reused context,
 *      empty callbacks, the options xmppws uses);
 *   2  and parses the text of the message's <notification> element, which
 *      libxml2 has unescaped (the Finesse <Update>), a second time.
 *
 * No tree items, columns, experts or state: whatever xmppws costs above
 * level 2 is its own code. Not a dissector anyone should load otherwise.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>

#include <libxml/parser.h>

#ifndef FLOOR_LEVEL
#error "compile with -DFLOOR_LEVEL=0, 1 or 2"
#endif

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

static int proto_floor = -1;
static dissector_handle_t floor_handle;
static xmlParserCtxtPtr parser;

/* The <notification> text of the message being parsed (level 2). */
typedef struct {
    int      depth_in_notification;     /* 0: outside */
    GString *payload;                   /* one buffer, reused */
} payload_state;

static payload_state payload;

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix _U_, const xmlChar *uri _U_,
         int n_ns _U_, const xmlChar **ns _U_, int n_attrs _U_, int n_defaulted _U_,
         const xmlChar **attrs _U_)
{
    payload_state *st = ctx;

    if (st && (st->depth_in_notification || strcmp((const char *)name, "notification") == 0))
        st->depth_in_notification++;
}

static void
on_end(void *ctx, const xmlChar *name _U_, const xmlChar *prefix _U_, const xmlChar *uri _U_)
{
    payload_state *st = ctx;

    if (st && st->depth_in_notification)
        st->depth_in_notification--;
}

static void
on_text(void *ctx, const xmlChar *text, int len)
{
    payload_state *st = ctx;

    if (st && st->depth_in_notification == 1)
        g_string_append_len(st->payload, (const char *)text, len);
}

static void
sax_parse(const char *bytes, int len, payload_state *st)
{
    xmlSAXHandler handler;

    memset(&handler, 0, sizeof handler);
    handler.initialized    = XML_SAX2_MAGIC;
    handler.startElementNs = on_start;
    handler.endElementNs   = on_end;
    handler.characters     = on_text;
    handler.cdataBlock     = on_text;

    xmlSAXHandlerPtr saved = parser->sax;
    parser->sax = &handler;
    parser->userData = st;
    xmlDocPtr doc = xmlCtxtReadMemory(parser, bytes, len, NULL, NULL, PARSE_OPTIONS);
    if (doc)
        xmlFreeDoc(doc);
    parser->sax = saved;
}

static int
dissect_floor(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    int len = (int)tvb_captured_length(tvb);

    if (FLOOR_LEVEL >= 1 && len > 0) {
        payload.depth_in_notification = 0;
        g_string_truncate(payload.payload, 0);
        sax_parse((const char *)tvb_get_ptr(tvb, 0, len), len, FLOOR_LEVEL >= 2 ? &payload : NULL);
        if (FLOOR_LEVEL >= 2 && payload.payload->len)
            sax_parse(payload.payload->str, (int)payload.payload->len, NULL);
    }
    return len;
}

static void
free_parser(void)
{
    xmlFreeParserCtxt(parser);
    parser = NULL;
    g_string_free(payload.payload, TRUE);
    payload.payload = NULL;
}

static void
register_floor(void)
{
    proto_floor = proto_register_protocol("xmppws benchmark floor", "XMPPWS-FLOOR", "xmppws_floor");
    floor_handle = create_dissector_handle(dissect_floor, proto_floor);
    if (FLOOR_LEVEL >= 1) {
        parser = xmlNewParserCtxt();
        payload.payload = g_string_new(NULL);
        register_shutdown_routine(free_parser);
    }
}

static void
handoff_floor(void)
{
    dissector_add_string("ws.protocol", "xmpp", floor_handle);
}

void
plugin_register(void)
{
    static proto_plugin plugin;

    plugin.register_protoinfo = register_floor;
    plugin.register_handoff = handoff_floor;
    proto_register_plugin(&plugin);
}
