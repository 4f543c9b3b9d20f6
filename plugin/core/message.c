/* message.c
 *
 * What every XMPP message gets, whatever carried it (see message.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "message.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/proto_data.h>

#include "keys.h"
#include "printable.h"
#include "protocol.h"
#include "secrets.h"

static int hf_text = -1;
static int hf_connection = -1;
static int hf_direction = -1;
static int hf_direction_source = -1;
static int hf_framing = -1;

static gint ett_message = -1;

guint
xmppws_count_in_frame(packet_info *pinfo, guint32 key)
{
    guint n = GPOINTER_TO_UINT(p_get_proto_data(pinfo->pool, pinfo, proto_xmppws, key));

    p_add_proto_data(pinfo->pool, pinfo, proto_xmppws, key, GUINT_TO_POINTER(n + 1));
    return n;
}

void
xmppws_message_begin(xmppws_msg *msg, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    memset(msg, 0, sizeof *msg);
    msg->tvb = tvb;
    msg->pinfo = pinfo;
    msg->root = tree;
    msg->item = proto_tree_add_item(tree, proto_xmppws, tvb, 0, -1, ENC_NA);
    msg->tree = proto_item_add_subtree(msg->item, ett_message);
    msg->direction = XMPPWS_DIR_UNKNOWN;
    /* Messages of one frame are numbered in the order the dissector below
     * hands them over. */
    msg->index = xmppws_count_in_frame(pinfo, xmppws_key(XMPPWS_KEY_MESSAGE_COUNT, 0, 0));
}

static void
add_generated_uint(xmppws_msg *msg, int hf, guint32 value)
{
    proto_item_set_generated(proto_tree_add_uint(msg->tree, hf, msg->tvb, 0, 0, value));
}

void
xmppws_message_set_direction(xmppws_msg *msg, xmppws_direction direction, xmppws_direction_source source)
{
    msg->direction = direction;
    add_generated_uint(msg, hf_connection, msg->conn->index);
    add_generated_uint(msg, hf_direction, direction);
    add_generated_uint(msg, hf_direction_source, source);
    add_generated_uint(msg, hf_framing, msg->conn->stream.framing);
}

void
xmppws_message_add_info(xmppws_msg *msg, const char *text)
{
    if (!msg->info)
        msg->info = wmem_strbuf_new(msg->pinfo->pool, text);
    else
        wmem_strbuf_append_printf(msg->info, ", %s", text);
}

void
xmppws_message_add_text(xmppws_msg *msg)
{
    guint32       len = tvb_captured_length(msg->tvb);
    const guint8 *p;

    if (!proto_field_is_referenced(msg->tree, hf_text))
        return;
    p = len ? tvb_get_ptr(msg->tvb, 0, len) : (const guint8 *)"";
    if (xmppws_secrets_may_be_in(p, len))
        proto_tree_add_string(msg->tree, hf_text, msg->tvb, 0, 0,
                              "<hidden: may hold SASL credentials (Preferences > Protocols > XMPP/WS > "
                              "Show passwords and SASL proofs)>");
    else
        proto_tree_add_string(msg->tree, hf_text, msg->tvb, 0, len,
                              xm_printable(msg->pinfo->pool, (const char *)p, len));
}

/* Where our Info text ends in the frame being dissected, for the
 * postdissector below. Not proto data: that is keyed by the layer, and a
 * postdissector runs in a layer of its own. */
static struct {
    guint32 frame;
    guint   length;
} info_end;

static void
remember_info_end(packet_info *pinfo)
{
    const char *text = pinfo->cinfo ? col_get_text(pinfo->cinfo, COL_INFO) : NULL;

    info_end.frame = text ? pinfo->num : 0;
    info_end.length = text ? (guint)strlen(text) : 0;
}

/* Several messages can share a frame: the dissector below rewrites the
 * Info column for each, so each summary is appended behind a fence. */
void
xmppws_message_set_columns(xmppws_msg *msg, const char *protocol, const char *info)
{
    proto_item_append_text(msg->item, ", %s", info);
    col_set_str(msg->pinfo->cinfo, COL_PROTOCOL, protocol);
    if (msg->index == 0)
        col_add_str(msg->pinfo->cinfo, COL_INFO, info);
    else
        col_add_fstr(msg->pinfo->cinfo, COL_INFO, " | %s", info);
    col_set_fence(msg->pinfo->cinfo, COL_INFO);
    remember_info_end(msg->pinfo);
}

/* A postdissector: when a lower dissector wrote its own text right behind
 * ours (WebSocket's "WebSocket Connection Close [FIN]" for a close frame
 * in the same segment, after its col_set_str hit our fence), puts " | "
 * between the two. */
static int
separate_what_follows(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree _U_, void *data _U_)
{
    guint       end = info_end.frame == pinfo->num ? info_end.length : 0;
    const char *text;

    info_end.frame = 0;
    if (!end || !pinfo->cinfo || !(text = col_get_text(pinfo->cinfo, COL_INFO)) || strlen(text) <= end ||
        text[end] == ' ')
        return 0;
    text = wmem_strdup_printf(pinfo->pool, "%.*s | %s", (int)end, text, text + end);
    col_clear_fence(pinfo->cinfo, COL_INFO);
    col_add_str(pinfo->cinfo, COL_INFO, text);
    return 0;
}

void
xmppws_message_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_text,
          { "Text", "xmppws.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The whole message as text, as the WebSocket or HTTP dissector handed it over (unmasked, "
            "inflated; invalid UTF-8 as U+FFFD, control characters as their U+2400 pictures), for "
            "\"contains\" and \"matches\" filters; hidden when it may hold SASL credentials", HFILL }},
        { &hf_connection,
          { "Connection", "xmppws.connection", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Index of the XMPP connection this message belongs to (a WebSocket connection, or a BOSH "
            "session across its TCP connections): 1, 2, ... in the order the capture first shows them; "
            "the row of Statistics > XMPP/WS Sessions (-z xmppws,sessions)", HFILL }},
        { &hf_direction,
          { "Direction", "xmppws.direction", FT_UINT8, BASE_DEC, VALS(xmppws_direction_vals), 0x0,
            "Who sent this message: the client or the server", HFILL }},
        { &hf_direction_source,
          { "Direction known", "xmppws.direction.source", FT_UINT8, BASE_DEC,
            VALS(xmppws_direction_source_vals), 0x0,
            "How the direction was worked out", HFILL }},
        { &hf_framing,
          { "Framing", "xmppws.framing", FT_UINT8, BASE_DEC, VALS(xmppws_framing_vals), 0x0,
            "How the connection frames its XML stream: RFC 7395 <open/>/<close/>, the older "
            "<stream:stream>, or BOSH <body/> wrappers; learned from the stream header", HFILL }},
    };
    static gint *ett[] = {
        &ett_message,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    register_postdissector(create_dissector_handle(separate_what_follows, proto));
}
