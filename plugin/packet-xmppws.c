/* packet-xmppws.c
 *
 * XMPP over WebSocket: protocol registration, the two ways in from the
 * WebSocket dissector, and the dissection of one message.
 *
 * Ways in:
 *   - the "ws.protocol" table, string "xmpp": the upgrade negotiated the
 *     RFC 7395 subprotocol. The WebSocket dissector shows nothing else once
 *     such a dissector is found, so every message is accepted: non-XMPP text
 *     is shown as text with an expert note.
 *   - a heuristic in the WebSocket "ws" list (no subprotocol negotiated, or
 *     pre-RFC 7395 framing): claims only what framing.c recognises as XMPP,
 *     plus any message of a connection already recognised as XMPP.
 *
 * A message goes bytes -> framing (framing.c) -> model (xmlmodel.c) ->
 * tree (elementtree.c) and Info column (summary.c). BOSH bodies come in
 * over HTTP (bosh.c) and share the stanza dissection below.
 *
 * Specs: RFC 7395 (XMPP over WebSocket), RFC 6120 (XMPP core),
 * RFC 6455 (WebSocket).
 * Limitations: messages larger than what the WebSocket dissector unmasked
 * (256 KiB in Wireshark 4.0) are parsed as far as captured.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "xmppws.h"

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "bosh.h"
#include "deflate.h"
#include "elementtree.h"
#include "finesse.h"
#include "framing.h"
#include "interpreters.h"
#include "midsession.h"
#include "sasl.h"
#include "session.h"
#include "summary.h"

void proto_register_xmppws(void);
void proto_reg_handoff_xmppws(void);

int proto_xmppws = -1;

static int hf_direction = -1;
static int hf_direction_source = -1;
static int hf_framing = -1;
static int hf_raw_text = -1;
static int hf_keepalive = -1;
static int hf_stream_end = -1;

static gint ett_xmppws = -1;

static expert_field ei_malformed = EI_INIT;
static expert_field ei_too_large = EI_INIT;
static expert_field ei_truncated = EI_INIT;
static expert_field ei_not_xmpp = EI_INIT;
static expert_field ei_keepalive = EI_INIT;
static expert_field ei_several_elements = EI_INIT;

static dissector_handle_t xmppws_handle;

/* Key of the per-pass count of messages already dissected in a frame. */
#define MESSAGE_COUNT_KEY 0

/* ---- Info column ------------------------------------------------------ */

/* Several messages can share a frame: the WebSocket dissector rewrites the
 * Info column for each, so each summary is appended behind a fence. */
void
xmppws_set_info(xmppws_msg *msg, const char *protocol, const char *text)
{
    col_set_str(msg->pinfo->cinfo, COL_PROTOCOL, protocol);
    if (msg->index == 0)
        col_add_str(msg->pinfo->cinfo, COL_INFO, text);
    else
        col_add_fstr(msg->pinfo->cinfo, COL_INFO, " | %s", text);
    col_set_fence(msg->pinfo->cinfo, COL_INFO);
}

/* Messages of one frame are numbered in the order the WebSocket dissector
 * hands them over, which is the same in every pass. */
guint
xmppws_next_message_index(packet_info *pinfo)
{
    guint n = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_xmppws, MESSAGE_COUNT_KEY));
    p_add_proto_data(pinfo->pool, pinfo, proto_xmppws, MESSAGE_COUNT_KEY, GUINT_TO_POINTER(n + 1));
    return n;
}

/* ---- what the content says about the connection --------------------- */

/* RFC 6120 §4.7.3, §6.4: only the server's stream header has an id; only
 * the server sends features, challenges, successes and failures. */
static void
learn_from_element(xmppws_msg *msg, const xm_element *el)
{
    const char *ns = el->ns ? el->ns : "";
    gboolean stream_header = (g_str_equal(ns, XMPPWS_NS_FRAMING) && g_str_equal(el->name, "open")) ||
                             (g_str_equal(ns, XMPPWS_NS_STREAMS) && g_str_equal(el->name, "stream"));

    if (g_str_equal(ns, XMPPWS_NS_FRAMING) && g_str_equal(el->name, "close") && !PINFO_FD_VISITED(msg->pinfo))
        msg->conv->closed = TRUE;
    if (stream_header) {
        msg->conv->framing = g_str_equal(el->name, "open") ? XMPPWS_FRAMING_RFC7395 : XMPPWS_FRAMING_LEGACY;
        xmppws_conversation_learn_sender(msg->conv, msg->pinfo, xm_attr_value(el, "id") != NULL);
    } else if (g_str_equal(ns, XMPPWS_NS_STREAMS) && g_str_equal(el->name, "features")) {
        xmppws_conversation_learn_sender(msg->conv, msg->pinfo, TRUE);
    } else if (g_str_equal(ns, XMPPWS_NS_SASL)) {
        gboolean from_client = g_str_equal(el->name, "auth") || g_str_equal(el->name, "response") ||
                               g_str_equal(el->name, "abort");
        xmppws_conversation_learn_sender(msg->conv, msg->pinfo, !from_client);
    }
}

void
xmppws_add_direction_fields(xmppws_msg *msg, xmppws_direction_source source)
{
    proto_item *ti;

    ti = proto_tree_add_uint(msg->tree, hf_direction, msg->tvb, 0, 0, msg->direction);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(msg->tree, hf_direction_source, msg->tvb, 0, 0, source);
    proto_item_set_generated(ti);
    ti = proto_tree_add_uint(msg->tree, hf_framing, msg->tvb, 0, 0, msg->conv->framing);
    proto_item_set_generated(ti);
}

static void
add_direction(xmppws_msg *msg)
{
    xmppws_direction_source source;

    msg->direction = xmppws_conversation_direction(msg->conv, msg->pinfo, &source);
    xmppws_add_direction_fields(msg, source);
}

/* ---- the kinds of message ------------------------------------------- */

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
    return "stream end (legacy framing)";
}

/* The "Raw text" item: invalid UTF-8 shown as U+FFFD and NUL bytes as
 * U+2400 (a NUL would end the string and hide the rest). A message that
 * may hold SASL credentials shows none of its text or bytes. */
static proto_item *
add_raw_text(xmppws_msg *msg)
{
    guint32        len = tvb_captured_length(msg->tvb);
    const guint8  *p = tvb_get_ptr(msg->tvb, 0, len);
    wmem_strbuf_t *s;
    gchar         *valid;
    proto_item    *ti;

    if (!msg->tree)
        return NULL;
    if (xmppws_sasl_may_hold_secret(p, len))
        return proto_tree_add_string(msg->tree, hf_raw_text, msg->tvb, 0, 0,
                                     "<hidden: may hold SASL credentials (Preferences > Protocols > XMPP/WS > "
                                     "Show passwords and SASL proofs)>");
    s = wmem_strbuf_sized_new(msg->pinfo->pool, len + 1, 0);
    for (guint32 i = 0; i < len; i++) {
        if (p[i])
            wmem_strbuf_append_c(s, (gchar)p[i]);
        else
            wmem_strbuf_append(s, "\xe2\x90\x80");
    }
    valid = g_utf8_make_valid(wmem_strbuf_get_str(s), (gssize)wmem_strbuf_get_len(s));
    ti = proto_tree_add_string(msg->tree, hf_raw_text, msg->tvb, 0, len, valid);
    g_free(valid);
    return ti;
}

static const char *
dissect_not_xmpp(xmppws_msg *msg)
{
    proto_item *ti = add_raw_text(msg);
    expert_add_info(msg->pinfo, ti, &ei_not_xmpp);
    return "not XMPP";
}

void
xmppws_report_parse_problems(xmppws_msg *msg, const xm_doc *doc, guint32 captured, guint32 reported)
{
    proto_item *ti = NULL;

    if (doc->status != XM_OK) {
        if (!doc->first || !xmppws_sasl_hides_text(doc->first))
            ti = add_raw_text(msg);
        expert_add_info_format(msg->pinfo, ti, doc->status == XM_TOO_LARGE ? &ei_too_large : &ei_malformed,
                               "%s XML: %s (at byte %u of %u)",
                               doc->status == XM_TOO_LARGE ? "Oversized" : "Malformed",
                               doc->error, doc->error_offset, captured);
    }
    if (captured < reported) {
        expert_add_info_format(msg->pinfo, ti ? ti : proto_tree_get_parent(msg->tree), &ei_truncated,
                               "Only %u of the message's %u bytes are in the capture (snap length, or the "
                               "WebSocket unmasking limit)", captured, reported);
    }
}

/* Every interpreter sees every top-level element; each takes what it knows. */
static void
interpret(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    xmppws_stream_dissect(msg, el, tree);
    xmppws_sasl_dissect(msg, el, tree);
    xmppws_session_dissect(msg, el, tree);
    xmppws_presence_dissect(msg, el, tree);
    xmppws_pubsub_dissect(msg, el, tree);
    xmppws_errors_dissect(msg, el, tree);
    xmppws_sm_dissect(msg, el, tree);
    xmppws_tracking_dissect(msg, el, tree);
}

const char *
xmppws_dissect_stanzas(xmppws_msg *msg, const xm_element *first)
{
    wmem_strbuf_t *info = wmem_strbuf_new(msg->pinfo->pool, "");

    for (const xm_element *el = first; el; el = el->next) {
        const char *summary = xmppws_summary(msg->pinfo->pool, el);
        msg->info = NULL;
        interpret(msg, el, xmppws_elementtree_add(msg, el, summary));
        if (msg->info)
            summary = wmem_strbuf_get_str(msg->info);
        wmem_strbuf_append_printf(info, "%s%s", el == first ? "" : ", ", summary);
    }
    return wmem_strbuf_finalize(info);
}

static const char *
dissect_elements(xmppws_msg *msg, const framing_info *fi)
{
    guint32        captured = tvb_captured_length(msg->tvb);
    xm_parse_opts  opts = { fi->skip, fi->kind == FRAMING_STREAM_HEADER ? fi->stream_qname : NULL };
    xm_doc        *doc = xm_parse(msg->pinfo->pool, tvb_get_ptr(msg->tvb, 0, captured), captured, &opts);
    const char    *info;

    for (const xm_element *el = doc->first; el; el = el->next)
        learn_from_element(msg, el);
    add_direction(msg);

    info = xmppws_dissect_stanzas(msg, doc->first);
    if (doc->n_top > 1 && msg->conv->framing == XMPPWS_FRAMING_RFC7395)
        proto_tree_add_expert_format(msg->tree, msg->pinfo, &ei_several_elements, msg->tvb, 0, -1,
                                     "This message holds %u top-level elements; RFC 7395 3.3.3 says one",
                                     doc->n_top);
    xmppws_report_parse_problems(msg, doc, captured, tvb_reported_length(msg->tvb));

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
    proto_item *ti;
    const char *info;

    ti = proto_tree_add_item(tree, proto_xmppws, tvb, 0, -1, ENC_NA);
    msg.tvb = tvb;
    msg.pinfo = pinfo;
    msg.tree = proto_item_add_subtree(ti, ett_xmppws);
    msg.conv = xmppws_conversation_get(pinfo);
    msg.direction = XMPPWS_DIR_UNKNOWN;
    msg.index = xmppws_next_message_index(pinfo);
    msg.info = NULL;

    switch (fi->kind) {
    case FRAMING_ELEMENTS:
    case FRAMING_STREAM_HEADER:
        info = dissect_elements(&msg, fi);
        break;
    case FRAMING_WHITESPACE:
        add_direction(&msg);
        info = dissect_keepalive(&msg);
        break;
    case FRAMING_STREAM_END:
        add_direction(&msg);
        info = dissect_stream_end(&msg, fi);
        if (!PINFO_FD_VISITED(pinfo))
            msg.conv->closed = TRUE;
        break;
    case FRAMING_NOT_XMPP:
    default:
        add_direction(&msg);
        info = xmppws_deflate_still_compressed(tvb, pinfo) ? xmppws_deflate_dissect(&msg) : dissect_not_xmpp(&msg);
        break;
    }
    if (!PINFO_FD_VISITED(pinfo)) {
        msg.conv->last_frame = pinfo->num;
        msg.conv->last_index = msg.index;
    }
    xmppws_session_add_identity(&msg);
    xmppws_midsession_add_identity_note(&msg);
    xmppws_session_check_end(&msg);
    proto_item_append_text(ti, ", %s", info);
    xmppws_set_info(&msg, "XMPP/WS", info);
}

static framing_kind
classify(tvbuff_t *tvb, framing_info *fi)
{
    guint32 len = tvb_captured_length(tvb);
    return framing_classify(len ? tvb_get_ptr(tvb, 0, len) : NULL, len, fi);
}

/* ws.protocol "xmpp": every message is ours. */
static int
dissect_xmppws_subprotocol(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    framing_info fi;

    classify(tvb, &fi);
    dissect_message(tvb, pinfo, tree, &fi);
    return tvb_captured_length(tvb);
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
    return xmppws_conversation_find_earlier(pinfo) != NULL;
}

/* The "ws" heuristic list: XMPP only. Allocates nothing and cannot throw
 * before deciding. */
static gboolean
dissect_xmppws_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    framing_info fi;
    framing_kind kind = classify(tvb, &fi);

    if ((kind == FRAMING_NOT_XMPP || kind == FRAMING_WHITESPACE) && !belongs_to_xmpp_connection(tvb, pinfo, &fi))
        return FALSE;
    dissect_message(tvb, pinfo, tree, &fi);
    return TRUE;
}

/* ---- registration ------------------------------------------------------ */

void
proto_register_xmppws(void)
{
    module_t *prefs;

    static hf_register_info hf[] = {
        { &hf_direction,
          { "Direction", "xmppws.direction", FT_UINT8, BASE_DEC, VALS(xmppws_direction_vals), 0x0,
            "Who sent this message: the client (e.g. the Finesse desktop) or the server", HFILL }},
        { &hf_direction_source,
          { "Direction known", "xmppws.direction.source", FT_UINT8, BASE_DEC,
            VALS(xmppws_direction_source_vals), 0x0,
            "How the direction was worked out", HFILL }},
        { &hf_framing,
          { "Framing", "xmppws.framing", FT_UINT8, BASE_DEC, VALS(xmppws_framing_vals), 0x0,
            "How the connection frames its XML stream: RFC 7395 <open/>/<close/>, or the older "
            "<stream:stream>; learned from the stream header", HFILL }},
        { &hf_raw_text,
          { "Raw text", "xmppws.raw_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The message as it was received, shown when it is not well-formed XMPP", HFILL }},
        { &hf_keepalive,
          { "Whitespace keepalive", "xmppws.keepalive", FT_NONE, BASE_NONE, NULL, 0x0,
            "The message holds only whitespace", HFILL }},
        { &hf_stream_end,
          { "Stream end", "xmppws.stream_end", FT_NONE, BASE_NONE, NULL, 0x0,
            "A bare </stream:stream> end tag (pre-RFC 7395 framing)", HFILL }},
    };
    static gint *ett[] = {
        &ett_xmppws,
    };
    static ei_register_info ei[] = {
        { &ei_malformed,
          { "xmppws.expert.malformed", PI_MALFORMED, PI_ERROR,
            "Malformed XML", EXPFILL }},
        { &ei_too_large,
          { "xmppws.expert.too_large", PI_MALFORMED, PI_WARN,
            "Message too large to parse completely", EXPFILL }},
        { &ei_truncated,
          { "xmppws.expert.truncated", PI_MALFORMED, PI_WARN,
            "Message not completely captured", EXPFILL }},
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

    proto_xmppws = proto_register_protocol("XMPP over WebSocket", "XMPP/WS", "xmppws");
    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));

    prefs = prefs_register_protocol(proto_xmppws, xmppws_midsession_apply_prefs);

    xmppws_elementtree_register(proto_xmppws);
    finesse_register();
    xmppws_stream_register(proto_xmppws, prefs);
    xmppws_sasl_register(proto_xmppws, prefs);
    xmppws_session_register(proto_xmppws, prefs);
    xmppws_presence_register(proto_xmppws, prefs);
    xmppws_pubsub_register(proto_xmppws, prefs);
    xmppws_errors_register(proto_xmppws, prefs);
    xmppws_sm_register(proto_xmppws, prefs);
    xmppws_tracking_register(proto_xmppws, prefs);
    xmppws_midsession_register(proto_xmppws, prefs);
    xmppws_deflate_register(proto_xmppws);
    xmppws_bosh_register(proto_xmppws, prefs);

    xmppws_handle = register_dissector("xmppws", dissect_xmppws_subprotocol, proto_xmppws);
    register_shutdown_routine(xm_parse_cleanup);
}

void
proto_reg_handoff_xmppws(void)
{
    dissector_add_string("ws.protocol", "xmpp", xmppws_handle);
    heur_dissector_add("ws", dissect_xmppws_heur, "XMPP over WebSocket", "xmppws_ws", proto_xmppws,
                       HEURISTIC_ENABLE);
    xmppws_conversation_register_handoff();
    xmppws_bosh_register_handoff();
}
