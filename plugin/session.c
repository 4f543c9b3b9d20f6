/* session.c
 *
 * Resource binding, the session iq, and the identity of the connection:
 * once the bind result (or the SASL user) has been seen, every later
 * message of the connection carries them as generated fields, so
 * `xmppws.session.jid == "1001@host/desktop"` selects one desktop's whole
 * conversation, notifications included.
 *
 * Specs: RFC 6120 §7 (resource binding), RFC 3921 §3 (session
 * establishment, still offered by OpenFire; RFC 6121 made it optional).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/expert.h>

#include "interpreters.h"
#include "elementtree.h"
#include "session.h"

#define NS_BIND    "urn:ietf:params:xml:ns:xmpp-bind"
#define NS_SESSION "urn:ietf:params:xml:ns:xmpp-session"

static int hf_bind_resource = -1;
static int hf_bind_jid = -1;
static int hf_session_iq = -1;
static int hf_session_jid = -1;
static int hf_session_user = -1;
static int hf_session_bound_in = -1;

static gint ett_bind = -1;

static expert_field ei_ended_without_close = EI_INIT;

/* What the connection learned, and in which frame. */
typedef struct {
    const char *value;
    guint32     frame;
} learned_t;

static void
learn(xmppws_msg *msg, wmem_tree_t *tree, const char *value)
{
    if (PINFO_FD_VISITED(msg->pinfo) || !value || !*value)
        return;
    learned_t *l = wmem_new(wmem_file_scope(), learned_t);
    l->value = wmem_strdup(wmem_file_scope(), value);
    l->frame = msg->pinfo->num;
    wmem_tree_insert32(tree, msg->pinfo->num, l);
}

void
xmppws_session_note_user(xmppws_msg *msg, const char *user)
{
    learn(msg, msg->conv->users, user);
}

static void
dissect_bind(xmppws_msg *msg, const xm_element *bind, proto_tree *tree)
{
    proto_item *ti = proto_tree_add_item(tree, hf_session_iq, msg->tvb, bind->span.offset, bind->span.length,
                                         ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_bind);
    const xm_element *jid = xm_child(bind, "jid", NULL);

    proto_item_set_text(ti, "Resource binding");
    xmppws_add_text(msg, sub, hf_bind_resource, xm_child(bind, "resource", NULL));
    if (jid && jid->text_len) {
        xmppws_add_text(msg, sub, hf_bind_jid, jid);
        learn(msg, msg->conv->jids, jid->text);
    }
}

void
xmppws_session_dissect(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const xm_element *payload;

    if (!xm_is(el, "iq", NULL) || !(payload = el->first_child))
        return;
    if (xm_is(payload, "bind", NS_BIND)) {
        dissect_bind(msg, payload, tree);
    } else if (xm_is(payload, "session", NS_SESSION)) {
        proto_item *ti = proto_tree_add_item(tree, hf_session_iq, msg->tvb, payload->span.offset,
                                             payload->span.length, ENC_NA);
        proto_item_set_text(ti, "Session establishment (RFC 3921)");
    }
}

void
xmppws_session_add_identity(xmppws_msg *msg)
{
    const learned_t *user = (const learned_t *)wmem_tree_lookup32_le(msg->conv->users, msg->pinfo->num);
    const learned_t *jid = (const learned_t *)wmem_tree_lookup32_le(msg->conv->jids, msg->pinfo->num);
    proto_item      *ti;

    if (jid) {
        ti = proto_tree_add_string(msg->tree, hf_session_jid, msg->tvb, 0, 0, jid->value);
        proto_item_set_generated(ti);
        ti = proto_tree_add_uint(msg->tree, hf_session_bound_in, msg->tvb, 0, 0, jid->frame);
        proto_item_set_generated(ti);
    }
    if (user) {
        ti = proto_tree_add_string(msg->tree, hf_session_user, msg->tvb, 0, 0, user->value);
        proto_item_set_generated(ti);
    }
}

void
xmppws_session_check_end(xmppws_msg *msg)
{
    const xmppws_conv_t *conv = msg->conv;
    const learned_t     *user;

    if (!PINFO_FD_VISITED(msg->pinfo) || conv->closed || conv->last_frame != msg->pinfo->num ||
        conv->last_index != msg->index || !xmppws_conversation_tcp_ended(msg->pinfo))
        return;
    if (conv->agent_state && g_str_equal(conv->agent_state, "LOGOUT"))
        return;
    user = (const learned_t *)wmem_tree_lookup32_le(conv->users, msg->pinfo->num);
    proto_tree_add_expert_format(msg->tree, msg->pinfo, &ei_ended_without_close, msg->tvb, 0, 0,
                                 "The TCP connection ended after this message without <close/>%s%s%s%s: for a "
                                 "Finesse desktop, Finesse logs the agent out 60 s later unless it reconnects",
                                 user ? ", user " : "", user ? user->value : "",
                                 conv->agent_state ? ", agent state " : ", agent state not in capture",
                                 conv->agent_state ? conv->agent_state : "");
}

void
xmppws_session_register(int proto, module_t *prefs _U_)
{
    static hf_register_info hf[] = {
        { &hf_bind_resource,
          { "Resource", "xmppws.bind.resource", FT_STRING, BASE_NONE, NULL, 0x0,
            "Resource the client asks to bind (the Finesse desktop uses \"desktop\"; RFC 6120 7.7)", HFILL }},
        { &hf_bind_jid,
          { "JID", "xmppws.bind.jid", FT_STRING, BASE_NONE, NULL, 0x0,
            "Full JID the server bound for this connection (RFC 6120 7.6.1)", HFILL }},
        { &hf_session_iq,
          { "Session setup", "xmppws.session.setup", FT_NONE, BASE_NONE, NULL, 0x0,
            "A resource binding or session establishment request or result", HFILL }},
        { &hf_session_jid,
          { "Session JID", "xmppws.session.jid", FT_STRING, BASE_NONE, NULL, 0x0,
            "Full JID bound earlier on this connection: on every message from the bind result on", HFILL }},
        { &hf_session_user,
          { "Session user", "xmppws.session.user", FT_STRING, BASE_NONE, NULL, 0x0,
            "SASL user that authenticated earlier on this connection: on every message from the <auth> on",
            HFILL }},
        { &hf_session_bound_in,
          { "Bound in", "xmppws.session.bound_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "Frame of the bind result that gave this connection its JID", HFILL }},
    };
    static gint *ett[] = {
        &ett_bind,
    };

    static ei_register_info ei[] = {
        { &ei_ended_without_close,
          { "xmppws.expert.ended_without_close", PI_SEQUENCE, PI_WARN,
            "The connection ended without <close/>", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
