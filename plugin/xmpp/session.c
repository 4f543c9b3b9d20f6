/* session.c
 *
 * Resource binding, the session iq, and the identity of the connection:
 * once the bind result (or the SASL user) has been seen, every later
 * message of the connection carries them as generated fields, so
 * `xmppws.session.jid == "1001@host/desktop"` selects one client's whole
 * conversation. What only the start of a session tells (who logged in, the
 * bound JID) is never guessed: on a connection whose stream start is not
 * in the capture, a generated item says so. And on the last message of a
 * connection that ended without <close/>, an expert says so.
 *
 * Specs: RFC 6120 §7 (resource binding), §4.4 (closing a stream); RFC 3921
 * §3 (session establishment, still offered by OpenFire; RFC 6121 made it
 * optional); RFC 7395 §3.6 (<close/>).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>

#include "namespaces.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"

static int hf_bind_resource = -1;
static int hf_bind_jid = -1;
static int hf_session_iq = -1;
static int hf_session_jid = -1;
static int hf_session_user = -1;
static int hf_session_bound_in = -1;
static int hf_identity_not_in_capture = -1;

static gint ett_bind = -1;

static expert_field ei_ended_without_close = EI_INIT;

static void
dissect_bind(xmppws_msg *msg, const xm_element *bind, proto_tree *tree)
{
    proto_item *ti = proto_tree_add_item(tree, hf_session_iq, msg->tvb, bind->span.offset, bind->span.length,
                                         ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_bind);
    const xm_element *jid = xm_child(bind, "jid", NULL);

    proto_item_set_text(ti, "Resource binding");
    xmppws_tree_add_text(msg, sub, hf_bind_resource, xm_child(bind, "resource", NULL));
    if (jid && jid->text_len) {
        xmppws_tree_add_text(msg, sub, hf_bind_jid, jid);
        xmppws_connection_learn_jid(msg->conn, msg->pinfo, jid->text);
    }
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const xm_element *payload;

    if (!xm_is(el, "iq", NULL) || !(payload = el->first_child))
        return;
    if (xm_is(payload, "bind", XMPPWS_NS_BIND)) {
        dissect_bind(msg, payload, tree);
    } else if (xm_is(payload, "session", XMPPWS_NS_SESSION)) {
        proto_item *ti = proto_tree_add_item(tree, hf_session_iq, msg->tvb, payload->span.offset,
                                             payload->span.length, ENC_NA);
        proto_item_set_text(ti, "Session establishment (RFC 3921)");
    }
}

/* ---- on every message: identity and end ------------------------------------ */

static void
add_identity(xmppws_msg *msg)
{
    const xmppws_learned *user = xmppws_connection_user_at(msg->conn, msg->pinfo->num);
    const xmppws_learned *jid = xmppws_connection_jid_at(msg->conn, msg->pinfo->num);

    if (jid) {
        proto_item_set_generated(proto_tree_add_string(msg->tree, hf_session_jid, msg->tvb, 0, 0, jid->value));
        proto_item_set_generated(proto_tree_add_uint(msg->tree, hf_session_bound_in, msg->tvb, 0, 0, jid->frame));
    }
    if (user)
        proto_item_set_generated(proto_tree_add_string(msg->tree, hf_session_user, msg->tvb, 0, 0, user->value));
    if (!jid && msg->conn->stream.framing == XMPPWS_FRAMING_UNKNOWN)
        proto_item_set_generated(proto_tree_add_item(msg->tree, hf_identity_not_in_capture, msg->tvb, 0, 0,
                                                     ENC_NA));
}

static void
check_end(xmppws_msg *msg)
{
    const xmppws_learned *user;

    if (!xmppws_connection_ended_without_close(msg->conn, msg->pinfo, msg->index))
        return;
    user = xmppws_connection_user_at(msg->conn, msg->pinfo->num);
    proto_tree_add_expert_format(msg->tree, msg->pinfo, &ei_ended_without_close, msg->tvb, 0, 0,
                                 "The TCP connection ended after this message without <close/>%s%s",
                                 user ? ", user " : "", user ? user->value : "");
}

static void
message_end(xmppws_msg *msg)
{
    add_identity(msg);
    check_end(msg);
}

void
xmppws_session_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, message_end };
    static hf_register_info hf[] = {
        { &hf_bind_resource,
          { "Resource", "xmppws.bind.resource", FT_STRING, BASE_NONE, NULL, 0x0,
            "Resource the client asks to bind (RFC 6120 7.7)", HFILL }},
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
        { &hf_identity_not_in_capture,
          { "Session identity not in capture (the capture starts after the stream was opened: "
            "no SASL user or bound JID)", "xmppws.session.not_in_capture", FT_NONE, BASE_NONE, NULL, 0x0,
            "On every message of a connection whose stream start is not in the capture: "
            "xmppws.session.jid and .user are then absent, not guessed", HFILL }},
    };
    static gint *ett[] = {
        &ett_bind,
    };
    static ei_register_info ei[] = {
        { &ei_ended_without_close,
          { "xmppws.expert.ended_without_close", PI_SEQUENCE, PI_WARN,
            "The connection ended without <close/>", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
