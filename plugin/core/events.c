/* events.c
 *
 * The "xmppws" tap (see events.h).
 *
 * Specs: RFC 6120 §4.4 (closing a stream), §4.9 (stream errors), §6.4.5
 * (SASL failure), §8.3 (stanza errors); RFC 7395 §3.6 (<close/>); RFC 6455
 * §5.5.1 (close frames); XEP-0124 §13 (terminate).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "events.h"

#include <epan/proto_data.h>
#include <epan/tap.h>

#include "keys.h"
#include "namespaces.h"
#include "protocol.h"

const value_string xmppws_event_kind_vals[] = {
    { XMPPWS_EVENT_MESSAGE,  "XMPP message" },
    { XMPPWS_EVENT_WS_CLOSE, "WebSocket close" },
    { XMPPWS_EVENT_TCP_FIN,  "TCP FIN" },
    { XMPPWS_EVENT_TCP_RST,  "TCP RST" },
    { 0, NULL }
};

const value_string xmppws_end_kind_vals[] = {
    { XMPPWS_END_NONE,           "open at capture end" },
    { XMPPWS_END_CLOSE,          "<close/>" },
    { XMPPWS_END_STREAM_ERROR,   "stream error" },
    { XMPPWS_END_WS_CLOSE,       "WebSocket close" },
    { XMPPWS_END_TCP_FIN,        "FIN without <close/>" },
    { XMPPWS_END_TCP_RST,        "RST without <close/>" },
    { XMPPWS_END_BOSH_TERMINATE, "BOSH terminate" },
    { 0, NULL }
};

static int xmppws_tap = -1;

void
xmppws_events_register(void)
{
    xmppws_tap = register_tap("xmppws");
}

gboolean
xmppws_events_wanted(void)
{
    return have_tap_listener(xmppws_tap);
}

/* The event of the message being dissected, made on first use (packet
 * scope: keyed by the message's index in the frame, so a copy of the
 * message, e.g. a payload decoder's, finds the same one). */
static xmppws_event *
event_of(const xmppws_msg *msg)
{
    guint32       key = xmppws_key(XMPPWS_KEY_EVENT, msg->index, 0);
    xmppws_event *ev = (xmppws_event *)p_get_proto_data(msg->pinfo->pool, msg->pinfo, proto_xmppws, key);

    if (!ev) {
        ev = wmem_new0(msg->pinfo->pool, xmppws_event);
        p_add_proto_data(msg->pinfo->pool, msg->pinfo, proto_xmppws, key, ev);
    }
    return ev;
}

/* ---- what a message holds ------------------------------------------------ */

static gboolean
is_stanza(const xm_element *el)
{
    return xm_is(el, "message", NULL) || xm_is(el, "presence", NULL) || xm_is(el, "iq", NULL);
}

/* The defined condition of a stream error: its child in the
 * stream-errors namespace that is not <text>. */
static const char *
stream_error_condition(const xm_element *el)
{
    for (const xm_element *c = el->first_child; c; c = c->next)
        if (c->ns && g_str_equal(c->ns, XMPPWS_NS_STREAM_ERRORS) && !g_str_equal(c->name, "text"))
            return c->name;
    return NULL;
}

void
xmppws_events_note_element(const xmppws_msg *msg, const xm_element *el)
{
    xmppws_event *ev;
    const char   *type = xm_attr_value(el, "type");

    if (!xmppws_events_wanted())
        return;
    ev = event_of(msg);
    if (is_stanza(el)) {
        ev->stanzas++;
        if (type && g_str_equal(type, "error"))
            ev->errors++;
    } else if (xm_is(el, "error", XMPPWS_NS_STREAMS)) {
        ev->errors++;
        xmppws_events_note_end(msg, XMPPWS_END_STREAM_ERROR, stream_error_condition(el));
    } else if (xm_is(el, "failure", XMPPWS_NS_SASL)) {
        ev->errors++;
    } else if (xm_is(el, "close", XMPPWS_NS_FRAMING)) {
        xmppws_events_note_end(msg, XMPPWS_END_CLOSE, NULL);
    }
}

void
xmppws_events_note_iq_request(const xmppws_msg *msg)
{
    if (xmppws_events_wanted())
        event_of(msg)->iq_requests++;
}

void
xmppws_events_note_iq_response(const xmppws_msg *msg, const char *kind, guint32 request_frame,
                               const nstime_t *request_time)
{
    xmppws_event         *ev;
    xmppws_event_response r;

    if (!xmppws_events_wanted())
        return;
    ev = event_of(msg);
    if (!ev->responses)
        ev->responses = wmem_array_new(msg->pinfo->pool, sizeof(xmppws_event_response));
    r.kind = kind;
    r.request_frame = request_frame;
    r.request_time = *request_time;
    wmem_array_append_one(ev->responses, r);
}

void
xmppws_events_note_update(const xmppws_msg *msg, const char *state, tvbuff_t *payload)
{
    xmppws_event *ev;

    if (!xmppws_events_wanted())
        return;
    ev = event_of(msg);
    ev->updates++;
    if (state && *state)
        ev->state = wmem_strdup(msg->pinfo->pool, state);
    if (payload) {
        if (!ev->payloads)
            ev->payloads = wmem_array_new(msg->pinfo->pool, sizeof(tvbuff_t *));
        wmem_array_append_one(ev->payloads, payload);
    }
}

void
xmppws_events_note_end(const xmppws_msg *msg, xmppws_end_kind end, const char *detail)
{
    xmppws_event *ev;

    if (!xmppws_events_wanted())
        return;
    ev = event_of(msg);
    /* A BOSH terminate carrying a stream error (XEP-0206 §7.2.2,
     * remote-stream-error) ended on that error. */
    if (ev->end != XMPPWS_END_NONE && !(ev->end == XMPPWS_END_BOSH_TERMINATE && end == XMPPWS_END_STREAM_ERROR))
        return;
    ev->end = end;
    ev->end_detail = detail ? wmem_strdup(msg->pinfo->pool, detail) : NULL;
}

/* ---- queueing ---------------------------------------------------------------- */

void
xmppws_events_queue_message(const xmppws_msg *msg, const char *info)
{
    xmppws_event *ev;

    if (!xmppws_events_wanted() || !msg->conn)
        return;
    ev = event_of(msg);
    ev->kind = XMPPWS_EVENT_MESSAGE;
    ev->conn = msg->conn;
    ev->direction = msg->direction;
    ev->tvb = msg->tvb;
    ev->index = msg->index;
    ev->info = wmem_strdup(msg->pinfo->pool, info);
    tap_queue_packet(xmppws_tap, msg->pinfo, ev);
}

static xmppws_end_kind
end_of_lower(xmppws_event_kind kind)
{
    switch (kind) {
    case XMPPWS_EVENT_WS_CLOSE: return XMPPWS_END_WS_CLOSE;
    case XMPPWS_EVENT_TCP_FIN:  return XMPPWS_END_TCP_FIN;
    case XMPPWS_EVENT_TCP_RST:  return XMPPWS_END_TCP_RST;
    default:                    return XMPPWS_END_NONE;
    }
}

void
xmppws_events_queue_lower(packet_info *pinfo, const xmppws_connection *conn, xmppws_event_kind kind,
                          const char *detail)
{
    xmppws_event *ev;

    if (!xmppws_events_wanted())
        return;
    ev = wmem_new0(pinfo->pool, xmppws_event);
    ev->kind = kind;
    ev->conn = conn;
    ev->direction = XMPPWS_DIR_UNKNOWN;
    ev->info = val_to_str_const(kind, xmppws_event_kind_vals, "?");
    ev->end = end_of_lower(kind);
    ev->end_detail = detail ? wmem_strdup(pinfo->pool, detail) : NULL;
    tap_queue_packet(xmppws_tap, pinfo, ev);
}
