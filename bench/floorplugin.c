/* floorplugin.c
 *
 * The benchmark's floors, measured inside tshark in the same run as the
 * plugin: a minimal epan plugin that takes every message of the WebSocket
 * subprotocol "xmpp" (RFC 7395), as xmppws does, and then, by FLOOR_LEVEL
 * (set when it is compiled, see bench/run.sh):
 *
 *   0  does nothing else: what reading the capture, TCP reassembly and
 *      the WebSocket dissector cost, which any XMPP plugin pays;
 *   1  parses each whole message with libxml2's SAX2 parser (one reused
 *      context, empty callbacks, the options xmppws uses): an XMPP
 *      dissector that leaves the Finesse payload as text;
 *   2  the least a libxml2-based decoder of the Finesse payload can do:
 *      cuts the escaped text of the message's <notification> element out
 *      (memmem), parses the rest with libxml2, turns the five predefined
 *      entities of the cut text back into characters and parses that (the
 *      <Update>) with libxml2.
 *
 * No tree items, columns, experts or state: whatever xmppws costs above
 * level 2 is its own code. Not a dissector anyone should load otherwise.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE             /* memmem */
#include <string.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>

#include <libxml/parser.h>

#ifndef FLOOR_LEVEL
#error "compile with -DFLOOR_LEVEL=0, 1 or 2"
#endif

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

#define NOTIFICATION_START "<notification"
#define NOTIFICATION_END   "</notification>"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

static int proto_floor = -1;
static dissector_handle_t floor_handle;
static xmlParserCtxtPtr parser;
static GString *stanza;         /* level 2: the message less the payload, reused */
static GString *update;         /* level 2: the unescaped payload, reused */

static void
on_start(void *ctx _U_, const xmlChar *name _U_, const xmlChar *prefix _U_, const xmlChar *uri _U_,
         int n_ns _U_, const xmlChar **ns _U_, int n_attrs _U_, int n_defaulted _U_,
         const xmlChar **attrs _U_)
{
}

static void
on_end(void *ctx _U_, const xmlChar *name _U_, const xmlChar *prefix _U_, const xmlChar *uri _U_)
{
}

static void
on_text(void *ctx _U_, const xmlChar *text _U_, int len _U_)
{
}

static void
sax_parse(const char *bytes, gsize len)
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
    xmlDocPtr doc = xmlCtxtReadMemory(parser, bytes, (int)len, NULL, NULL, PARSE_OPTIONS);
    if (doc)
        xmlFreeDoc(doc);
    parser->sax = saved;
}

/* The five predefined entities back to characters, anything else as is;
 * the text between entities is copied in one piece. */
static void
unescape(const char *text, gsize len, GString *out)
{
    static const struct { const char *entity; gsize len; char c; } predefined[] = {
        { "&lt;", 4, '<' }, { "&gt;", 4, '>' }, { "&amp;", 5, '&' }, { "&quot;", 6, '"' }, { "&apos;", 6, '\'' },
    };
    const char *p = text, *end = text + len;

    g_string_truncate(out, 0);
    while (p < end) {
        const char *amp = memchr(p, '&', (gsize)(end - p));
        if (!amp) {
            g_string_append_len(out, p, end - p);
            break;
        }
        g_string_append_len(out, p, amp - p);
        p = amp + 1;
        char c = '&';
        for (gsize e = 0; e < G_N_ELEMENTS(predefined); e++) {
            if ((gsize)(end - amp) >= predefined[e].len && memcmp(amp, predefined[e].entity, predefined[e].len) == 0) {
                c = predefined[e].c;
                p = amp + predefined[e].len;
                break;
            }
        }
        g_string_append_c(out, c);
    }
}

/* Level 2: the stanza without its payload, then the payload. */
static void
parse_stanza_and_update(const char *msg, gsize len)
{
    const char *open = memmem(msg, len, NOTIFICATION_START, strlen(NOTIFICATION_START));
    const char *text = open ? memchr(open, '>', len - (gsize)(open - msg)) : NULL;
    const char *close = text ? memmem(text, len - (gsize)(text - msg), NOTIFICATION_END, strlen(NOTIFICATION_END))
                             : NULL;

    if (!close) {
        sax_parse(msg, len);
        return;
    }
    text++;
    g_string_truncate(stanza, 0);
    g_string_append_len(stanza, msg, text - msg);
    g_string_append_len(stanza, close, len - (gsize)(close - msg));
    sax_parse(stanza->str, stanza->len);
    unescape(text, (gsize)(close - text), update);
    sax_parse(update->str, update->len);
}

static int
dissect_floor(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *tree _U_, void *data _U_)
{
    gsize       len = tvb_captured_length(tvb);
    const char *msg = len ? (const char *)tvb_get_ptr(tvb, 0, (gint)len) : NULL;

    if (FLOOR_LEVEL == 1 && msg)
        sax_parse(msg, len);
    else if (FLOOR_LEVEL == 2 && msg)
        parse_stanza_and_update(msg, len);
    return (int)len;
}

static void
free_buffers(void)
{
    xmlFreeParserCtxt(parser);
    parser = NULL;
    g_string_free(stanza, TRUE);
    g_string_free(update, TRUE);
    stanza = update = NULL;
}

static void
register_floor(void)
{
    proto_floor = proto_register_protocol("xmppws benchmark floor", "XMPPWS-FLOOR", "xmppws_floor");
    floor_handle = create_dissector_handle(dissect_floor, proto_floor);
    parser = xmlNewParserCtxt();
    stanza = g_string_new(NULL);
    update = g_string_new(NULL);
    register_shutdown_routine(free_buffers);
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
