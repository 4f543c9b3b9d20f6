/* tracking.c
 *
 * iq request/response matching (RFC 6120 §8.2.3: every get/set is answered
 * by a result or error with the same id, in the other direction) and
 * XEP-0199 pings.
 *
 * Requests are keyed per connection by direction and id, so ids reused by
 * other connections or by the other side do not mix. Matching happens on
 * the first pass; the record is then found again from the message
 * (p_add_proto_data keyed by message and element position, keys.h). A
 * request with no response is reported only once the whole capture was
 * seen (second pass: the GUI, or tshark -2); other layers can ask what
 * became of a request (xmppws_tracking_request_state, xmpp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/unit_strings.h>

#include "events.h"
#include "keys.h"
#include "namespaces.h"
#include "pipeline.h"
#include "protocol.h"
#include "xmpp.h"

static int hf_response_in = -1;
static int hf_response_to = -1;
static int hf_response_time = -1;
static int hf_ping = -1;

static expert_field ei_no_response = EI_INIT;
static expert_field ei_ping_unanswered = EI_INIT;

typedef struct {
    guint32  request_frame;
    guint32  response_frame;     /* 0 until matched */
    nstime_t request_time;
    gboolean is_ping;
    const char *kind;            /* what the request asks (iq_kind), for the response times */
} iq_exchange;

static gboolean
is_request(const char *type)
{
    return type && (g_str_equal(type, "get") || g_str_equal(type, "set"));
}

static gboolean
is_response(const char *type)
{
    return type && (g_str_equal(type, "result") || g_str_equal(type, "error"));
}

/* What an iq request asks, from its payload (its first child): "bind",
 * "session", "ping", "roster", "pubsub <action>" (the first child of
 * <pubsub>), or "other <namespace>"; file scope. */
static const char *
iq_kind(const xm_element *iq)
{
    static const struct { const char *ns, *kind; } kinds[] = {
        { XMPPWS_NS_BIND, "bind" },
        { XMPPWS_NS_SESSION, "session" },
        { XMPPWS_NS_PING, "ping" },
        { "jabber:iq:roster", "roster" },
    };
    const xm_element *payload = iq->first_child;

    if (!payload || !payload->ns)
        return "other (no payload)";
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (g_str_equal(payload->ns, kinds[i].ns))
            return kinds[i].kind;
    if ((g_str_equal(payload->ns, XMPPWS_NS_PUBSUB) || g_str_equal(payload->ns, XMPPWS_NS_PUBSUB_OWNER)) &&
        payload->first_child)
        return wmem_strdup_printf(wmem_file_scope(), "pubsub %s", payload->first_child->name);
    return wmem_strdup_printf(wmem_file_scope(), "other %s", payload->ns);
}

/* The proto_data key of one top-level element: stable across passes. */
static guint32
element_key(const xmppws_msg *msg, const xm_element *el)
{
    return xmppws_key(XMPPWS_KEY_IQ, msg->index, el->ordinal);
}

static const char *
exchange_key(wmem_allocator_t *scope, xmppws_direction request_direction, const char *id)
{
    return wmem_strdup_printf(scope, "%u/%s", request_direction, id);
}

static xmppws_direction
opposite(xmppws_direction d)
{
    return d == XMPPWS_DIR_C2S ? XMPPWS_DIR_S2C : d == XMPPWS_DIR_S2C ? XMPPWS_DIR_C2S : XMPPWS_DIR_UNKNOWN;
}

static void
track_first_pass(xmppws_msg *msg, const xm_element *el, const char *type, const char *id)
{
    iq_exchange *x = NULL;

    if (is_request(type)) {
        x = wmem_new0(wmem_file_scope(), iq_exchange);
        x->request_frame = msg->pinfo->num;
        x->request_time = msg->pinfo->abs_ts;
        x->is_ping = xm_child(el, "ping", XMPPWS_NS_PING) != NULL;
        x->kind = iq_kind(el);
        wmem_map_insert(msg->conn->session.open_iqs, exchange_key(wmem_file_scope(), msg->direction, id), x);
    } else if (is_response(type)) {
        const char *key = exchange_key(msg->pinfo->pool, opposite(msg->direction), id);
        x = (iq_exchange *)wmem_map_remove(msg->conn->session.open_iqs, key);
        if (x)
            x->response_frame = msg->pinfo->num;
    }
    if (x)
        p_add_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws, element_key(msg, el), x);
}

static void
add_request_fields(xmppws_msg *msg, const xm_element *el, proto_tree *tree, const iq_exchange *x)
{
    proto_item *ti;

    if (x->is_ping) {
        ti = proto_tree_add_item(tree, hf_ping, msg->tvb, el->span.offset, el->span.length, ENC_NA);
        proto_item_set_text(ti, "XEP-0199 ping");
    }
    if (x->response_frame) {
        ti = proto_tree_add_uint(tree, hf_response_in, msg->tvb, 0, 0, x->response_frame);
        proto_item_set_generated(ti);
    } else if (PINFO_FD_VISITED(msg->pinfo)) {
        ti = proto_tree_add_expert(tree, msg->pinfo, x->is_ping ? &ei_ping_unanswered : &ei_no_response,
                                   msg->tvb, el->span.offset, el->span.length);
        proto_item_set_generated(ti);
    }
}

static void
add_response_fields(xmppws_msg *msg, proto_tree *tree, const iq_exchange *x)
{
    nstime_t    delta;
    proto_item *ti;

    ti = proto_tree_add_uint(tree, hf_response_to, msg->tvb, 0, 0, x->request_frame);
    proto_item_set_generated(ti);
    nstime_delta(&delta, &msg->pinfo->abs_ts, &x->request_time);
    ti = proto_tree_add_double(tree, hf_response_time, msg->tvb, 0, 0, nstime_to_msec(&delta));
    proto_item_set_generated(ti);
    if (x->is_ping) {
        ti = proto_tree_add_item(tree, hf_ping, msg->tvb, 0, 0, ENC_NA);
        proto_item_set_text(ti, "XEP-0199 ping reply");
        proto_item_set_generated(ti);
    }
}

static const iq_exchange *
exchange_of(const xmppws_msg *msg, const xm_element *el)
{
    return (const iq_exchange *)p_get_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws,
                                                 element_key(msg, el));
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const char        *type = xm_attr_value(el, "type");
    const char        *id = xm_attr_value(el, "id");
    const iq_exchange *x;

    if (!xm_is(el, "iq", NULL) || !id || !(is_request(type) || is_response(type)))
        return;
    if (!PINFO_FD_VISITED(msg->pinfo))
        track_first_pass(msg, el, type, id);
    x = exchange_of(msg, el);
    if (!x)
        return;                                 /* a response whose request is not in the capture */
    if (x->request_frame == msg->pinfo->num && is_request(type)) {
        add_request_fields(msg, el, tree, x);
        xmppws_events_note_iq_request(msg);
    } else {
        add_response_fields(msg, tree, x);
        xmppws_events_note_iq_response(msg, x->kind, x->request_frame, &x->request_time);
    }
}

xmppws_iq_state
xmppws_tracking_request_state(const xmppws_msg *msg, const xm_element *el, gboolean *is_ping)
{
    const iq_exchange *x = xm_is(el, "iq", NULL) && is_request(xm_attr_value(el, "type")) ? exchange_of(msg, el)
                                                                                       : NULL;

    *is_ping = x && x->is_ping;
    if (!x || x->request_frame != msg->pinfo->num)
        return XMPPWS_IQ_UNTRACKED;
    if (x->response_frame)
        return XMPPWS_IQ_ANSWERED;
    return PINFO_FD_VISITED(msg->pinfo) ? XMPPWS_IQ_UNANSWERED : XMPPWS_IQ_UNTRACKED;
}

void
xmppws_tracking_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_response_in,
          { "Response in", "xmppws.response_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "Frame with the result or error answering this iq (needs the second pass: GUI, or tshark -2)",
            HFILL }},
        { &hf_response_to,
          { "Response to", "xmppws.response_to", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "Frame with the iq get/set this result or error answers", HFILL }},
        { &hf_response_time,
          { "Response time", "xmppws.response_time", FT_DOUBLE, BASE_NONE | BASE_UNIT_STRING,
            &units_milliseconds, 0x0,
            "Time between the iq request and its response, in milliseconds", HFILL }},
        { &hf_ping,
          { "Ping", "xmppws.ping", FT_NONE, BASE_NONE, NULL, 0x0,
            "An XEP-0199 ping request, or the reply to one", HFILL }},
    };
    static ei_register_info ei[] = {
        { &ei_no_response,
          { "xmppws.expert.no_response", PI_SEQUENCE, PI_WARN,
            "iq request without a response in the capture", EXPFILL }},
        { &ei_ping_unanswered,
          { "xmppws.expert.ping_unanswered", PI_SEQUENCE, PI_WARN,
            "XEP-0199 ping without a reply in the capture", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
