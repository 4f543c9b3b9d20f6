/* websocket.c
 *
 * XMPP over WebSocket: the two ways in from the WebSocket dissector, and
 * the kinds of WebSocket message.
 *
 * Ways in:
 *   - the "ws.protocol" table, string "xmpp": the upgrade negotiated the
 *     RFC 7395 subprotocol. The WebSocket dissector shows nothing else once
 *     such a dissector is found, so every message is accepted: non-XMPP text
 *     is shown as text with an expert note. The entry belongs to no
 *     protocol, so that with xmppws disabled (Analyze > Enabled Protocols)
 *     it still runs and shows the message as the WebSocket dissector would
 *     without the plugin (websocket.payload.text, line-based text).
 *   - a heuristic in the WebSocket "ws" list (no subprotocol negotiated, or
 *     pre-RFC 7395 framing): claims only what framing.c recognises as XMPP,
 *     plus any message of a connection already recognised as XMPP; never a
 *     message of a connection whose upgrade negotiated another subprotocol
 *     (mqtt, sip, ...: RFC 6455 4.2.2, the server's Sec-WebSocket-Protocol
 *     is the one in use), whatever its payload looks like.
 *
 * A message goes bytes -> framing (parse/framing.c) -> model
 * (parse/xmlmodel.c) -> the core pipeline (tree, interpreters, Info).
 *
 * Specs: RFC 7395 (XMPP over WebSocket), RFC 6120 (XMPP core), RFC 6455
 * (WebSocket).
 * Limitations: messages larger than what the WebSocket dissector unmasked
 * (256 KiB in Wireshark 4.0) are parsed as far as captured.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/expert.h>

#include "compat.h"
#include "events.h"
#include "framing.h"
#include "lower-layers.h"
#include "pipeline.h"
#include "protocol.h"

static int hf_keepalive = -1;
static int hf_stream_end = -1;

static expert_field ei_not_xmpp = EI_INIT;
static expert_field ei_keepalive = EI_INIT;
static expert_field ei_several_elements = EI_INIT;

static dissector_handle_t subprotocol_handle;
static dissector_handle_t negotiated_handle;      /* dissect_negotiated, with proto_xmppws */
static dissector_handle_t text_lines_handle;
static int hf_websocket_payload_text = -1;

/* ---- the kinds of message ------------------------------------------- */

static void
set_direction(xmppws_msg *msg)
{
    xmppws_direction_source source;
    xmppws_direction        direction = xmppws_connection_direction(msg->conn, msg->pinfo, &source);

    xmppws_message_set_direction(msg, direction, source);
}

static const char *
dissect_keepalive(xmppws_msg *msg)
{
    proto_item *ti = proto_tree_add_item(msg->tree, hf_keepalive, msg->tvb, 0, -1, ENC_NA);
    expert_add_info(msg->pinfo, ti, &ei_keepalive);
    return "whitespace keepalive";
}

static const char *
dissect_stream_end(xmppws_msg *msg, const framing_info *fi)
{
    proto_item *ti = proto_tree_add_item(msg->tree, hf_stream_end, msg->tvb, 0, -1, ENC_NA);
    proto_item_append_text(ti, " (</%s>)", fi->stream_qname);
    if (!PINFO_FD_VISITED(msg->pinfo))
        msg->conn->stream.closed = TRUE;
    xmppws_events_note_end(msg, XMPPWS_END_CLOSE, NULL);
    return "stream end (legacy framing)";
}

static const char *
dissect_not_xmpp(xmppws_msg *msg)
{
    if (xmppws_deflate_still_compressed(msg->tvb, msg->pinfo))
        return xmppws_deflate_dissect(msg);
    expert_add_info(msg->pinfo, msg->item, &ei_not_xmpp);
    return "not XMPP";
}

static const char *
dissect_elements(xmppws_msg *msg, const framing_info *fi)
{
    guint32        captured = tvb_captured_length(msg->tvb);
    xm_parse_opts  opts = { fi->skip, fi->kind == FRAMING_STREAM_HEADER ? fi->stream_qname : NULL };
    xm_doc        *doc = xm_parse(msg->pinfo->pool, tvb_get_ptr(msg->tvb, 0, captured), captured, &opts);
    const char    *info;

    for (const xm_element *el = doc->first; el; el = el->next)
        xmppws_connection_learn_from_element(msg->conn, msg->pinfo, el);
    set_direction(msg);

    info = xmppws_pipeline_dissect_elements(msg, doc->first);
    if (doc->n_top > 1 && msg->conn->stream.framing == XMPPWS_FRAMING_RFC7395)
        proto_tree_add_expert_format(msg->tree, msg->pinfo, &ei_several_elements, msg->tvb, 0, -1,
                                     "This message holds %u top-level elements; RFC 7395 3.3.3 says one",
                                     doc->n_top);
    xmppws_pipeline_report_parse_problems(msg, doc);

    if (doc->status != XM_OK)
        return wmem_strdup_printf(msg->pinfo->pool, "%s%s%s",
                                  doc->status == XM_TOO_LARGE ? "Oversized XML" : "Malformed XML",
                                  doc->first ? ": " : "", info);
    return info;
}

/* ---- one message ------------------------------------------------------ */

static void
dissect_message(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const framing_info *fi)
{
    xmppws_msg  msg;
    const char *info;

    xmppws_message_begin(&msg, tvb, pinfo, tree);
    msg.conn = xmppws_connection_of_tcp(pinfo);

    if (fi->kind == FRAMING_ELEMENTS || fi->kind == FRAMING_STREAM_HEADER) {
        info = dissect_elements(&msg, fi);
    } else {
        set_direction(&msg);
        if (fi->kind == FRAMING_WHITESPACE)
            info = dissect_keepalive(&msg);
        else if (fi->kind == FRAMING_STREAM_END)
            info = dissect_stream_end(&msg, fi);
        else
            info = dissect_not_xmpp(&msg);
    }
    xmppws_pipeline_finish(&msg, "XMPP/WS", info);
}

static framing_kind
classify(tvbuff_t *tvb, framing_info *fi)
{
    guint32 len = tvb_captured_length(tvb);
    return framing_classify(len ? tvb_get_ptr(tvb, 0, len) : NULL, len, fi);
}

/* What the WebSocket dissector shows for a text message no dissector
 * takes (packet-websocket.c): its text field, and line-based text. */
static int
dissect_as_websocket_text(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    proto_tree_add_item(tree, hf_websocket_payload_text, tvb, 0, -1, ENC_UTF_8);
    return call_dissector(text_lines_handle, tvb, pinfo, tree);
}

/* A message of a connection that negotiated "xmpp": every message is ours. */
static int
dissect_negotiated(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    framing_info fi;

    classify(tvb, &fi);
    dissect_message(tvb, pinfo, tree, &fi);
    return tvb_captured_length(tvb);
}

/* ws.protocol "xmpp". This handle has no protocol, so that it still runs
 * when XMPP/WS is disabled and gives WebSocket's own text view; when it is
 * enabled, the message goes through negotiated_handle, whose protocol puts
 * XMPP/WS among the frame's layers (frame.protocols, and what the GUI's
 * Follow menu looks at). */
static int
dissect_subprotocol(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (!proto_is_protocol_enabled(find_protocol_by_id(proto_xmppws)))
        return dissect_as_websocket_text(tvb, pinfo, tree);
    return call_dissector_only(negotiated_handle, tvb, pinfo, tree, data);
}

/* Past the first message, a connection recognised as XMPP also gets its
 * whitespace keepalives, XML that framing.c cannot vouch for (so that
 * broken XML is reported) and messages Wireshark left compressed
 * (deflate.c), but never text that is not XML at all. */
static gboolean
belongs_to_xmpp_connection(tvbuff_t *tvb, packet_info *pinfo, const framing_info *fi)
{
    if (fi->kind == FRAMING_NOT_XMPP && !fi->starts_like_xml && !xmppws_deflate_still_compressed(tvb, pinfo))
        return FALSE;
    return xmppws_connection_find_earlier(pinfo) != NULL;
}

/* The upgrade of this TCP connection negotiated a subprotocol other than
 * XMPP ("xmpp" itself comes in through ws.protocol, never here). */
static gboolean
negotiated_another_subprotocol(packet_info *pinfo)
{
    const xmppws_tcp_facts *facts = xmppws_lower_layers_facts(pinfo);

    return facts && facts->subprotocol && g_ascii_strcasecmp(facts->subprotocol, "xmpp") != 0;
}

/* The "ws" heuristic list: XMPP only. Allocates nothing and cannot throw
 * before deciding. */
static xmppws_heur_result
dissect_heuristic(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    framing_info fi;
    framing_kind kind;

    if (negotiated_another_subprotocol(pinfo))
        return FALSE;
    kind = classify(tvb, &fi);
    if ((kind == FRAMING_NOT_XMPP || kind == FRAMING_WHITESPACE) && !belongs_to_xmpp_connection(tvb, pinfo, &fi))
        return FALSE;
    dissect_message(tvb, pinfo, tree, &fi);
    return TRUE;
}

/* ---- registration ------------------------------------------------------ */

void
xmppws_websocket_register(void)
{
    static hf_register_info hf[] = {
        { &hf_keepalive,
          { "Whitespace keepalive", "xmppws.keepalive", FT_NONE, BASE_NONE, NULL, 0x0,
            "The message holds only whitespace", HFILL }},
        { &hf_stream_end,
          { "Stream end", "xmppws.stream_end", FT_NONE, BASE_NONE, NULL, 0x0,
            "A bare </stream:stream> end tag (pre-RFC 7395 framing)", HFILL }},
    };
    static ei_register_info ei[] = {
        { &ei_not_xmpp,
          { "xmppws.expert.not_xmpp", PI_PROTOCOL, PI_WARN,
            "Not an XMPP message, on a connection that negotiated or showed XMPP", EXPFILL }},
        { &ei_keepalive,
          { "xmppws.expert.whitespace_keepalive", PI_SEQUENCE, PI_NOTE,
            "Whitespace keepalive: RFC 7395 3.4 says to use WebSocket pings instead", EXPFILL }},
        { &ei_several_elements,
          { "xmppws.expert.several_elements", PI_PROTOCOL, PI_NOTE,
            "Several top-level elements in one message", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    subprotocol_handle = register_dissector_with_description("xmppws", "XMPP over WebSocket (RFC 7395), or the "
                                                             "text when XMPP/WS is disabled",
                                                             dissect_subprotocol, -1);
    negotiated_handle = create_dissector_handle(dissect_negotiated, proto_xmppws);
}

void
xmppws_websocket_register_handoff(void)
{
    dissector_add_string("ws.protocol", "xmpp", subprotocol_handle);
    text_lines_handle = find_dissector_add_dependency("data-text-lines", proto_xmppws);
    hf_websocket_payload_text = proto_registrar_get_id_byname("websocket.payload.text");
    heur_dissector_add("ws", dissect_heuristic, "XMPP over WebSocket", "xmppws_ws", proto_xmppws,
                       HEURISTIC_ENABLE);
}
