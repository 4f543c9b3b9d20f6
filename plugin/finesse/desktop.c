/* desktop.c
 *
 * The Finesse state of an XMPP connection, and what generic XMPP events
 * mean when the connection is a Finesse desktop's. The XMPP layer reports
 * such events in product-neutral terms; on a connection that carried
 * Finesse traffic (an Update, or a subscription to a /finesse/api/ node)
 * this interpreter adds Finesse's consequence as an expert of its own:
 *
 *   the desktop's presence goes unavailable, or its connection ends
 *   without <close/>: Finesse logs the agent out about 60 s later (reason
 *   code 255) unless the desktop reconnects (docs/finesse-reference.md
 *   §3);
 *   a ping of the desktop goes unanswered: the desktop gives up after
 *   about 20 s and reconnects (§2);
 *   a stream error "conflict": another session bound the agent's resource
 *   (§1.1, §8);
 *   the client asks for stream management, which Finesse does not support
 *   (§7).
 *
 * The state is kept in the connection (core/connection.h) under the
 * protocol's id, filled on the first pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/expert.h>

#include "namespaces.h"
#include "pipeline.h"
#include "xmpp.h"

typedef struct {
    guint32     first_frame;   /* first frame with Finesse traffic on the connection */
    const char *agent_id;      /* the agent its User updates are about */
    const char *agent_state;   /* that agent's last state: so far on the first pass, at the end later */
} finesse_desktop;

static expert_field ei_desktop_unavailable = EI_INIT;
static expert_field ei_desktop_lost = EI_INIT;
static expert_field ei_keepalive_unanswered = EI_INIT;
static expert_field ei_resource_conflict = EI_INIT;
static expert_field ei_stream_management = EI_INIT;

/* ---- the state ------------------------------------------------------------ */

static finesse_desktop *
desktop_of(const xmppws_connection *conn)
{
    return (finesse_desktop *)xmppws_connection_get_protocol_data(conn, proto_finesse);
}

void
finesse_desktop_note_traffic(xmppws_msg *msg)
{
    finesse_desktop *d;

    if (PINFO_FD_VISITED(msg->pinfo) || desktop_of(msg->conn))
        return;
    d = wmem_new0(wmem_file_scope(), finesse_desktop);
    d->first_frame = msg->pinfo->num;
    xmppws_connection_set_protocol_data(msg->conn, proto_finesse, d);
}

void
finesse_desktop_note_agent(xmppws_msg *msg, const char *agent_id, const char *state)
{
    finesse_desktop *d = desktop_of(msg->conn);

    if (PINFO_FD_VISITED(msg->pinfo) || !d)
        return;
    if (agent_id)
        d->agent_id = wmem_strdup(wmem_file_scope(), agent_id);
    d->agent_state = wmem_strdup(wmem_file_scope(), state);
}

/* The desktop, when the message is on a connection that carries Finesse
 * traffic: known up to this message on the first pass, and for the whole
 * connection once the whole capture was seen (the GUI, tshark -2), so that
 * what comes before the first subscription (stream management) is
 * explained too. */
static const finesse_desktop *
desktop_at(const xmppws_msg *msg)
{
    const finesse_desktop *d = desktop_of(msg->conn);
    return (d && (PINFO_FD_VISITED(msg->pinfo) || d->first_frame <= msg->pinfo->num)) ? d : NULL;
}

/* " of agent 1001", from its User updates or the SASL user; "" if unknown. */
static const char *
agent_of(const xmppws_msg *msg, const finesse_desktop *d)
{
    const xmppws_learned *user = xmppws_connection_user_at(msg->conn, msg->pinfo->num);
    const char           *id = d->agent_id ? d->agent_id : user ? user->value : NULL;
    return id ? wmem_strdup_printf(msg->pinfo->pool, " of agent %s", id) : "";
}

/* ---- what an element means for a Finesse desktop ----------------------------- */

/* A subscribe request for a Finesse feed marks the connection. */
static void
note_subscription(xmppws_msg *msg, const xm_element *el)
{
    const xm_element *pubsub = xm_child(el, "pubsub", XMPPWS_NS_PUBSUB);
    const xm_element *subscribe = pubsub ? xm_child(pubsub, "subscribe", NULL) : NULL;
    const char       *node = subscribe ? xm_attr_value(subscribe, "node") : NULL;

    if (node && g_str_has_prefix(node, "/finesse/api/"))
        finesse_desktop_note_traffic(msg);
}

static void
explain_presence(xmppws_msg *msg, const xm_element *el, proto_tree *tree, const finesse_desktop *d)
{
    const char *type = xm_attr_value(el, "type");

    if (msg->direction != XMPPWS_DIR_C2S || !type || !g_str_equal(type, "unavailable"))
        return;
    proto_tree_add_expert_format(tree, msg->pinfo, &ei_desktop_unavailable, msg->tvb, el->span.offset,
                                 el->span.length,
                                 "Finesse desktop%s goes unavailable: Finesse logs the agent out about 60 s later "
                                 "(reason code 255) unless the desktop reconnects", agent_of(msg, d));
}

static void
explain_ping(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    gboolean is_ping;

    if (msg->direction == XMPPWS_DIR_C2S &&
        xmppws_tracking_request_state(msg, el, &is_ping) == XMPPWS_IQ_UNANSWERED && is_ping)
        proto_tree_add_expert(tree, msg->pinfo, &ei_keepalive_unanswered, msg->tvb, el->span.offset,
                              el->span.length);
}

/* The stream error ends the stream: the connection's end is no "lost
 * without <close/>" (the agent's session lives on in the other one, when
 * the capture shows its bind). */
static void
explain_stream_error(xmppws_msg *msg, const xm_element *el, proto_tree *tree, const finesse_desktop *d)
{
    guint32 bind;

    if (!xm_child(el, "conflict", XMPPWS_NS_STREAM_ERRORS))
        return;
    bind = xmppws_connection_next_bind_elsewhere(msg->conn, msg->pinfo->num);
    proto_tree_add_expert_format(tree, msg->pinfo, &ei_resource_conflict, msg->tvb, el->span.offset,
                                 el->span.length,
                                 "Another session bound the resource of this Finesse desktop%s (a second "
                                 "desktop, browser tab, or a tool using the resource \"desktop\")%s: this one "
                                 "is disconnected", agent_of(msg, d),
                                 bind ? wmem_strdup_printf(msg->pinfo->pool, " in frame %u", bind) : "");
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const finesse_desktop *d;

    if (xm_is(el, "iq", NULL))
        note_subscription(msg, el);
    if (!(d = desktop_at(msg)))
        return;
    if (xm_is(el, "presence", NULL))
        explain_presence(msg, el, tree, d);
    else if (xm_is(el, "iq", NULL))
        explain_ping(msg, el, tree);
    else if (xm_is(el, "error", XMPPWS_NS_STREAMS))
        explain_stream_error(msg, el, tree, d);
    else if (xm_is(el, "enable", XMPPWS_NS_SM_3) || xm_is(el, "enable", XMPPWS_NS_SM_2))
        proto_tree_add_expert(tree, msg->pinfo, &ei_stream_management, msg->tvb, el->span.offset,
                              el->span.length);
}

/* ---- how the connection ended ---------------------------------------------- */

static void
message_end(xmppws_msg *msg)
{
    const finesse_desktop *d = desktop_at(msg);

    if (!d || !xmppws_connection_ended_without_close(msg->conn, msg->pinfo, msg->index) ||
        (d->agent_state && g_str_equal(d->agent_state, "LOGOUT")))
        return;
    proto_tree_add_expert_format(msg->tree, msg->pinfo, &ei_desktop_lost, msg->tvb, 0, 0,
                                 "Finesse desktop%s (agent state %s) lost its connection without <close/>: "
                                 "Finesse logs the agent out about 60 s later (reason code 255) unless the "
                                 "desktop reconnects", agent_of(msg, d),
                                 d->agent_state ? d->agent_state : "not in capture");
}

void
finesse_desktop_register(int proto)
{
    static const xmppws_interpreter interpreter = { &proto_finesse, dissect_element, message_end };
    static ei_register_info ei[] = {
        { &ei_desktop_unavailable,
          { "finesse.expert.desktop_unavailable", PI_SEQUENCE, PI_NOTE,
            "Finesse desktop goes unavailable: the agent is logged out about 60 s later unless it reconnects",
            EXPFILL }},
        { &ei_desktop_lost,
          { "finesse.expert.desktop_lost", PI_SEQUENCE, PI_WARN,
            "Finesse desktop lost its connection without <close/>: the agent is logged out about 60 s later "
            "unless it reconnects", EXPFILL }},
        { &ei_keepalive_unanswered,
          { "finesse.expert.keepalive_unanswered", PI_SEQUENCE, PI_WARN,
            "Finesse desktop ping without a reply: the desktop gives up after about 20 s without one and "
            "reconnects", EXPFILL }},
        { &ei_resource_conflict,
          { "finesse.expert.resource_conflict", PI_SEQUENCE, PI_WARN,
            "Another session bound the resource of this Finesse desktop", EXPFILL }},
        { &ei_stream_management,
          { "finesse.expert.stream_management", PI_PROTOCOL, PI_NOTE,
            "Finesse does not support stream management: no acks, no resumption", EXPFILL }},
    };

    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
