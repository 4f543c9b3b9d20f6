/* presence.c
 *
 * Presence (RFC 6121 §4.7): type (absent means available), show, status,
 * priority; and XEP-0115 entity capabilities (<c node ver hash>). A
 * negative priority means the server routes no messages to the session
 * (RFC 6121 §4.7.2.3), which for a client that gets its events as messages
 * means it gets none.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>

#include "connection.h"
#include "meaning.h"
#include "namespaces.h"
#include "numbers.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"

static int hf_presence_type = -1;
static int hf_presence_show = -1;
static int hf_presence_status = -1;
static int hf_presence_priority = -1;
static int hf_caps_node = -1;
static int hf_caps_ver = -1;
static int hf_caps_hash = -1;
static int hf_caps_ext = -1;

static gint ett_presence = -1;
static gint ett_caps = -1;

static expert_field ei_unavailable = EI_INIT;
static expert_field ei_negative_priority = EI_INIT;
static expert_field ei_bad_priority = EI_INIT;

static const string_string presence_type_meanings[] = {
    { "available",    "the entity is online (no type attribute)" },
    { "unavailable",  "the entity is going offline" },
    { "subscribe",    "asks to subscribe to the recipient's presence" },
    { "subscribed",   "allows the recipient to see the sender's presence" },
    { "unsubscribe",  "stops seeing the recipient's presence" },
    { "unsubscribed", "cancels the recipient's subscription" },
    { "probe",        "server asks for current presence" },
    { "error",        "an earlier presence could not be delivered" },
    { NULL, NULL }
};

static const string_string show_meanings[] = {
    { "away", "temporarily away" },
    { "chat", "free to chat" },
    { "dnd",  "do not disturb" },
    { "xa",   "away for an extended period" },
    { NULL, NULL }
};

/* The server hands the client's own presence back to it (RFC 6121 §4.5.2,
 * as Prosody, ejabberd and OpenFire do): the client's going unavailable
 * was noted on its own message already, when that message was read (a
 * client message Wireshark could not inflate was not). */
static gboolean
is_own_presence_echoed(const xmppws_msg *msg, const xm_element *el)
{
    const char           *from = xm_attr_value(el, "from");
    const xmppws_learned *own;
    guint32               sent;

    if (msg->direction != XMPPWS_DIR_S2C || !from || !msg->conn)
        return FALSE;
    sent = msg->conn->session.unavailable_sent;
    own = xmppws_connection_jid_at(msg->conn, msg->pinfo->num);
    return sent && sent <= msg->pinfo->num && own && g_str_equal(own->value, from);
}

/* First pass: the client's first presence unavailable, for the echo. */
static void
remember_unavailable_sent(xmppws_msg *msg)
{
    if (msg->direction == XMPPWS_DIR_C2S && msg->conn && !msg->conn->session.unavailable_sent &&
        !PINFO_FD_VISITED(msg->pinfo))
        msg->conn->session.unavailable_sent = msg->pinfo->num;
}

static void
dissect_type(xmppws_msg *msg, const xm_element *el, proto_tree *tree, proto_item *top)
{
    const xm_attr *type = xm_attr_find(el, "type");
    const char    *value = type ? type->value : "available";
    proto_item    *ti;

    if (type)
        ti = proto_tree_add_string(tree, hf_presence_type, msg->tvb, type->value_span.offset,
                                   type->value_span.length, value);
    else
        ti = proto_tree_add_string(tree, hf_presence_type, msg->tvb, el->span.offset, 0, value);
    xmppws_item_append_meaning(ti, value, presence_type_meanings);
    if (!type)
        proto_item_set_generated(ti);
    if (!g_str_equal(value, "unavailable"))
        return;
    remember_unavailable_sent(msg);
    if (!is_own_presence_echoed(msg, el))
        expert_add_info_format(msg->pinfo, top, &ei_unavailable, "Presence unavailable%s%s",
                               xm_attr_value(el, "from") ? " from " : "",
                               xm_attr_value(el, "from") ? xm_attr_value(el, "from") : "");
}

static void
dissect_priority(xmppws_msg *msg, const xm_element *priority, proto_tree *tree)
{
    gint32 value;

    if (!priority)
        return;
    if (!xm_parse_int32(priority->text, -128, 127, &value)) {
        proto_tree_add_expert(tree, msg->pinfo, &ei_bad_priority, msg->tvb, priority->content.offset,
                              priority->content.length);
        return;
    }
    proto_item *ti = proto_tree_add_int(tree, hf_presence_priority, msg->tvb, priority->content.offset,
                                        priority->content.length, value);
    if (value < 0)
        expert_add_info(msg->pinfo, ti, &ei_negative_priority);
}

static void
dissect_caps(xmppws_msg *msg, const xm_element *c, proto_tree *tree)
{
    proto_tree *sub = xmppws_tree_add_subtree(msg, tree, c, ett_caps, "Entity capabilities (XEP-0115)");

    xmppws_tree_add_attribute(msg, sub, hf_caps_node, c, "node");
    xmppws_tree_add_attribute(msg, sub, hf_caps_ver, c, "ver");
    xmppws_tree_add_attribute(msg, sub, hf_caps_hash, c, "hash");
    xmppws_tree_add_attribute(msg, sub, hf_caps_ext, c, "ext");
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const xm_element *show, *c;
    proto_tree *sub;

    if (!xm_is(el, "presence", NULL))
        return;
    sub = xmppws_tree_add_subtree(msg, tree, el, ett_presence, "Presence");

    dissect_type(msg, el, sub, proto_tree_get_parent(sub));
    if ((show = xm_child(el, "show", NULL)) != NULL)
        xmppws_item_append_meaning(xmppws_tree_add_text(msg, sub, hf_presence_show, show), show->text,
                                   show_meanings);
    xmppws_tree_add_text(msg, sub, hf_presence_status, xm_child(el, "status", NULL));
    dissect_priority(msg, xm_child(el, "priority", NULL), sub);
    if ((c = xm_child(el, "c", XMPPWS_NS_CAPS)) != NULL)
        dissect_caps(msg, c, sub);
}

void
xmppws_presence_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_presence_type,
          { "Presence type", "xmppws.presence.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "Presence type; \"available\" (generated) when the type attribute is absent (RFC 6121 4.7.1)",
            HFILL }},
        { &hf_presence_show,
          { "Show", "xmppws.presence.show", FT_STRING, BASE_NONE, NULL, 0x0,
            "Availability sub-state: away, chat, dnd, xa (RFC 6121 4.7.2.1)", HFILL }},
        { &hf_presence_status,
          { "Status", "xmppws.presence.status", FT_STRING, BASE_NONE, NULL, 0x0,
            "Free-text status (RFC 6121 4.7.2.2)", HFILL }},
        { &hf_presence_priority,
          { "Priority", "xmppws.presence.priority", FT_INT8, BASE_DEC, NULL, 0x0,
            "Resource priority -128..127; negative means no messages are routed to it (RFC 6121 4.7.2.3)",
            HFILL }},
        { &hf_caps_node,
          { "Caps node", "xmppws.caps.node", FT_STRING, BASE_NONE, NULL, 0x0,
            "XEP-0115 node: the software that sent the presence", HFILL }},
        { &hf_caps_ver,
          { "Caps version", "xmppws.caps.ver", FT_STRING, BASE_NONE, NULL, 0x0,
            "XEP-0115 ver: hash of the client's identity and features", HFILL }},
        { &hf_caps_hash,
          { "Caps hash", "xmppws.caps.hash", FT_STRING, BASE_NONE, NULL, 0x0,
            "XEP-0115 hash algorithm of ver (sha-1)", HFILL }},
        { &hf_caps_ext,
          { "Caps extensions", "xmppws.caps.ext", FT_STRING, BASE_NONE, NULL, 0x0,
            "XEP-0115 ext (legacy extension names)", HFILL }},
    };
    static gint *ett[] = {
        &ett_presence,
        &ett_caps,
    };
    static ei_register_info ei[] = {
        { &ei_unavailable,
          { "xmppws.expert.presence_unavailable", PI_SEQUENCE, PI_NOTE,
            "Presence unavailable", EXPFILL }},
        { &ei_negative_priority,
          { "xmppws.expert.negative_priority", PI_PROTOCOL, PI_WARN,
            "Negative presence priority: the server routes no messages to this session (RFC 6121 4.7.2.3)",
            EXPFILL }},
        { &ei_bad_priority,
          { "xmppws.expert.bad_priority", PI_MALFORMED, PI_WARN,
            "Presence priority is not an integer from -128 to 127", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
