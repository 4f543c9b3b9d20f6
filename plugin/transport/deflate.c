/* deflate.c
 *
 * WebSocket messages that reach xmppws still compressed with
 * permessage-deflate (RFC 7692): recognised, never parsed as XML, and
 * explained in an expert note with the remedy.
 *
 * Why a message arrives compressed: the WebSocket preference "Try to
 * decompress permessage-deflate payload" (websocket.decompress) is off; or,
 * in Wireshark 4.0 only, the message is also fragmented: 4.0 decompresses a
 * message only when the frame that completes it has RSV1 set, which in a
 * fragmented message only the first frame has (RFC 7692 §6.1), so the
 * reassembled message is handed over as raw deflate data. Its inflate
 * context for that direction never sees the message, so with context
 * takeover (no <sender>_no_context_takeover in the 101 response, §7.1.1)
 * every later message of the direction fails with the WebSocket
 * dissector's own "Decompression failed" and never reaches xmppws. 4.2
 * fixed it: from 4.2 on, with the preference on, no message reaches xmppws
 * compressed.
 *
 * Recognition: permessage-deflate in the Sec-WebSocket-Extensions of the
 * captured 101 response (lower-layers.h), and bytes that cannot be an XMPP
 * text message: a control byte or a sequence that is not UTF-8 near the
 * start, and a first deflate block header that is not the reserved type
 * (RFC 1951 §3.2.3).
 *
 * Specs: RFC 7692 (permessage-deflate), RFC 6455 §5.4 (fragmentation).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/prefs.h>

#include "compat.h"
#include "lower-layers.h"
#include "protocol.h"

static int hf_extensions = -1;
static int hf_compressed = -1;

static expert_field ei_fragmented = EI_INIT;
static expert_field ei_decompression_off = EI_INIT;

/* How many bytes at the start are checked for text. */
#define TEXT_CHECK_MAX 256u

/* The longest UTF-8 sequence, minus one: how far from the end of the
 * checked bytes a sequence may be cut. */
#define UTF8_TAIL_MAX 3u

/* RFC 1951 §3.2.3: BTYPE, bits 1-2 of the first byte; 3 is reserved. */
#define DEFLATE_BTYPE(b)    (((b) >> 1) & 0x3)
#define DEFLATE_BTYPE_ERROR 3

/* Sec-WebSocket-Extensions of the 101 response, or NULL. */
static const char *
negotiated_extensions(packet_info *pinfo)
{
    const xmppws_tcp_facts *facts = xmppws_lower_layers_facts(pinfo);
    return facts ? facts->extensions : NULL;
}

/* The two names Wireshark's WebSocket dissector decompresses. */
static gboolean
deflate_negotiated(const char *extensions)
{
    return extensions && (strstr(extensions, "permessage-deflate") || strstr(extensions, "x-webkit-deflate-frame"));
}

static gboolean
has_control_byte(const guint8 *p, guint32 n)
{
    for (guint32 i = 0; i < n; i++) {
        if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return TRUE;
    }
    return FALSE;
}

/* Not UTF-8 within the first n bytes of a message of len bytes; a
 * sequence cut by the end of the checked bytes is not an error. */
static gboolean
has_invalid_utf8(const guint8 *p, guint32 n, guint32 len)
{
    const gchar *end;

    if (g_utf8_validate((const gchar *)p, n, &end))
        return FALSE;
    return n == len || (guint32)((const guint8 *)end - p) + UTF8_TAIL_MAX < n;
}

/* The WebSocket preference that turns all decompression off, read through
 * the public preferences API. */
static gboolean
websocket_decompresses(void)
{
    module_t *ws = prefs_find_module("websocket");
    pref_t   *pref = ws ? prefs_find_preference(ws, "decompress") : NULL;
    char     *value;
    gboolean  on;

    if (!pref)
        return TRUE;
    value = prefs_pref_to_str(pref, pref_current);
    on = g_ascii_strcasecmp(value, "TRUE") == 0;
    g_free(value);
    return on;
}

gboolean
xmppws_deflate_still_compressed(tvbuff_t *tvb, packet_info *pinfo)
{
    guint32       len = tvb_captured_length(tvb);
    guint32       n = MIN(len, TEXT_CHECK_MAX);
    const guint8 *p;

    if (n == 0 || !deflate_negotiated(negotiated_extensions(pinfo)))
        return FALSE;
    if (XMPPWS_WEBSOCKET_INFLATES_FRAGMENTED && websocket_decompresses())
        return FALSE;
    p = tvb_get_ptr(tvb, 0, n);
    return DEFLATE_BTYPE(p[0]) != DEFLATE_BTYPE_ERROR && (has_control_byte(p, n) || has_invalid_utf8(p, n, len));
}

/* RFC 7692 §7.1.1: without "<sender>_no_context_takeover", the sender
 * compresses each message with the context of the ones before it. */
static const char *
later_messages_note(const char *extensions, xmppws_direction direction)
{
    static const char note[] =
        "; later messages in this direction share its compression context (context takeover), so Wireshark "
        "4.0 cannot decompress them either (\"Decompression failed\")";

    if (direction == XMPPWS_DIR_S2C)
        return strstr(extensions, "server_no_context_takeover") ? "" : note;
    if (direction == XMPPWS_DIR_C2S)
        return strstr(extensions, "client_no_context_takeover") ? "" : note;
    return "";
}

const char *
xmppws_deflate_dissect(xmppws_msg *msg)
{
    const char *extensions = negotiated_extensions(msg->pinfo);
    proto_item *ti;

    ti = proto_tree_add_string(msg->tree, hf_extensions, msg->tvb, 0, 0, extensions);
    proto_item_set_generated(ti);
    ti = proto_tree_add_item(msg->tree, hf_compressed, msg->tvb, 0, -1, ENC_NA);
    if (!websocket_decompresses()) {
        expert_add_info(msg->pinfo, ti, &ei_decompression_off);
        return "compressed message (WebSocket decompression is off)";
    }
    expert_add_info_format(msg->pinfo, ti, &ei_fragmented,
                           "Compressed and fragmented WebSocket message: Wireshark 4.0 cannot decompress it; open "
                           "the capture in Wireshark ≥ 4.2%s",
                           later_messages_note(extensions, msg->direction));
    return "compressed and fragmented message (not decompressed by Wireshark 4.0)";
}

void
xmppws_deflate_register(void)
{
    static hf_register_info hf[] = {
        { &hf_extensions,
          { "Negotiated WebSocket extensions", "xmppws.deflate.extensions", FT_STRING, BASE_NONE, NULL, 0x0,
            "Sec-WebSocket-Extensions of the connection's WebSocket upgrade response (RFC 7692)", HFILL }},
        { &hf_compressed,
          { "Compressed payload", "xmppws.deflate.compressed", FT_BYTES, BASE_NONE, NULL, 0x0,
            "The message as Wireshark handed it over: still permessage-deflate compressed", HFILL }},
    };
    static ei_register_info ei[] = {
        { &ei_fragmented,
          { "xmppws.expert.deflate_fragmented", PI_UNDECODED, PI_WARN,
            "Compressed and fragmented WebSocket message: Wireshark 4.0 cannot decompress it; open the "
            "capture in Wireshark ≥ 4.2", EXPFILL }},
        { &ei_decompression_off,
          { "xmppws.expert.deflate_off", PI_UNDECODED, PI_WARN,
            "Compressed WebSocket message not decompressed: turn on the WebSocket preference \"Try to "
            "decompress permessage-deflate payload\" (websocket.decompress)", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
}
