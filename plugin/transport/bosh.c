/* bosh.c
 *
 * XMPP over BOSH (XEP-0124, XEP-0206): HTTP bodies whose root is
 * <body xmlns="http://jabber.org/protocol/httpbind"> (typically POSTed to
 * /http-bind/). The stanzas inside get exactly the fields they get over
 * WebSocket; the session state (identity, iq tracking, the state of the
 * protocols carried) follows the BOSH sid across the session's TCP
 * connections.
 *
 * Way in: the heuristic list of HTTP XML bodies (httpxml.c); a body that is
 * not a BOSH <body/> is left to the others on it, and then to the XML
 * dissector.
 *
 * Direction: from the HTTP message (request = client to server).
 * Session: requests carry the sid (except the session request); responses
 * may not (XEP-0124 §7.1 puts it only in the session creation response),
 * so a response belongs to the session of the last request on the same
 * TCP connection (HTTP/1.1 answers requests in order; BOSH clients do not
 * pipeline). Worked out on the first pass and stored per message; the state
 * itself (core/connection.c, keyed by sid) is shared by all the session's
 * TCP connections, so xmppws.session.*, iq tracking and the state of the
 * protocols carried follow the sid.
 *
 * Specs: XEP-0124 (BOSH) 1.11, XEP-0206 (XMPP over BOSH) 1.4.
 * Limitations: a body is claimed only when its Content-Type is text/xml or
 * application/xml and its root is an unprefixed <body>; an HTTP error
 * status without a body (XEP-0124 §17.2 legacy 404) is left to HTTP; a
 * rid gap is judged in capture order (a request overtaken on another TCP
 * connection reads as a gap, then as repeated).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include <epan/conversation.h>
#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/unit_strings.h>

#include "compat.h"
#include "events.h"
#include "http-body.h"
#include "keys.h"
#include "meaning.h"
#include "namespaces.h"
#include "numbers.h"
#include "pipeline.h"
#include "protocol.h"
#include "xmlscan.h"

static int hf_body = -1;
static int hf_rid = -1;
static int hf_sid = -1;
static int hf_session_sid = -1;
static int hf_type = -1;
static int hf_condition = -1;
static int hf_to = -1;
static int hf_from = -1;
static int hf_wait = -1;
static int hf_hold = -1;
static int hf_ver = -1;
static int hf_ack = -1;
static int hf_inactivity = -1;
static int hf_polling = -1;
static int hf_requests = -1;
static int hf_maxpause = -1;
static int hf_pause = -1;
static int hf_authid = -1;
static int hf_content = -1;
static int hf_secure = -1;
static int hf_route = -1;
static int hf_report = -1;
static int hf_time = -1;
static int hf_lang = -1;
static int hf_xmpp_version = -1;
static int hf_restart = -1;
static int hf_restart_logic = -1;
static int hf_attribute = -1;
static int hf_stanza_count = -1;
static int hf_rid_check = -1;

static gint ett_body = -1;

static expert_field ei_terminate = EI_INIT;
static expert_field ei_rid_gap = EI_INIT;
static expert_field ei_rid_repeated = EI_INIT;
static expert_field ei_bad_number = EI_INIT;

/* TCP conversation index -> the session of that connection's last request. */
static wmem_map_t *last_request_session;

typedef enum {
    RID_OK = 0,
    RID_GAP,           /* higher than the session's last rid + 1 */
    RID_REPEATED       /* not higher than the session's last rid */
} rid_check;

static const value_string rid_check_vals[] = {
    { RID_OK,       "in sequence" },
    { RID_GAP,      "gap" },
    { RID_REPEATED, "repeated or out of order" },
    { 0, NULL }
};

/* What the first pass found about one body. */
typedef struct {
    xmppws_connection *session;
    rid_check      rid_check;
    guint64        expected_rid;   /* the session's last rid + 1, for RID_GAP / RID_REPEATED */
} bosh_frame;

/* XEP-0124 §7.6 (type) and §17.2 (terminal binding conditions). */
static const string_string type_meanings[] = {
    { "terminate", "the session ends" },
    { "error",     "recoverable binding error (XEP-0124 17.3; the client resends)" },
    { NULL, NULL }
};

static const string_string condition_meanings[] = {
    { "bad-request",              "the format of an HTTP header or binding element from the client is unacceptable" },
    { "host-gone",                "the target domain or route is no longer serviced by the connection manager" },
    { "host-unknown",             "the target domain or route is unknown to the connection manager" },
    { "improper-addressing",      "the session request lacks a 'to' or 'route' the connection manager needs, "
                                  "or names a domain it does not serve" },
    { "internal-server-error",    "the connection manager has an internal error" },
    { "item-not-found",           "unknown sid, rid outside the window, a response that cannot be resent, "
                                  "or an invalid key sequence" },
    { "other-request",            "another request processed at the same time made the session end" },
    { "policy-violation",         "the client broke the session rules (polling too often, too many requests)" },
    { "remote-connection-failed", "the connection manager could not reach, or lost, the XMPP server" },
    { "remote-stream-error",      "the XMPP server ended the stream: the <stream:error> is inside" },
    { "see-other-uri",            "the connection manager does not operate at this URI (e.g. https only)" },
    { "system-shutdown",          "the connection manager is shutting down" },
    { "undefined-condition",      "an error not defined by XEP-0124" },
    { NULL, NULL }
};

/* ---- the <body/> attributes -------------------------------------------- */

typedef enum {
    ATTR_STRING,
    ATTR_UINT,
    ATTR_UINT64,
    ATTR_BOOLEAN
} attr_kind;

typedef struct {
    const char *name;
    const char *ns;      /* NULL: unqualified */
    int        *hf;
    attr_kind   kind;
} body_attr;

static const body_attr body_attrs[] = {
    { "rid",          NULL,     &hf_rid,           ATTR_UINT64 },
    { "sid",          NULL,     &hf_sid,           ATTR_STRING },
    { "type",         NULL,     &hf_type,          ATTR_STRING },
    { "condition",    NULL,     &hf_condition,     ATTR_STRING },
    { "to",           NULL,     &hf_to,            ATTR_STRING },
    { "from",         NULL,     &hf_from,          ATTR_STRING },
    { "wait",         NULL,     &hf_wait,          ATTR_UINT },
    { "hold",         NULL,     &hf_hold,          ATTR_UINT },
    { "ver",          NULL,     &hf_ver,           ATTR_STRING },
    { "ack",          NULL,     &hf_ack,           ATTR_UINT64 },
    { "inactivity",   NULL,     &hf_inactivity,    ATTR_UINT },
    { "polling",      NULL,     &hf_polling,       ATTR_UINT },
    { "requests",     NULL,     &hf_requests,      ATTR_UINT },
    { "maxpause",     NULL,     &hf_maxpause,      ATTR_UINT },
    { "pause",        NULL,     &hf_pause,         ATTR_UINT },
    { "authid",       NULL,     &hf_authid,        ATTR_STRING },
    { "content",      NULL,     &hf_content,       ATTR_STRING },
    { "secure",       NULL,     &hf_secure,        ATTR_STRING },
    { "route",        NULL,     &hf_route,         ATTR_STRING },
    { "report",       NULL,     &hf_report,        ATTR_UINT64 },
    { "time",         NULL,     &hf_time,          ATTR_UINT },
    { "lang",         XMPPWS_NS_XML,   &hf_lang,          ATTR_STRING },
    { "version",      XMPPWS_NS_XBOSH, &hf_xmpp_version,  ATTR_STRING },
    { "restart",      XMPPWS_NS_XBOSH, &hf_restart,       ATTR_BOOLEAN },
    { "restartlogic", XMPPWS_NS_XBOSH, &hf_restart_logic, ATTR_BOOLEAN },
};

static const body_attr *
find_body_attr(const xm_attr *attr)
{
    for (gsize i = 0; i < G_N_ELEMENTS(body_attrs); i++) {
        if (g_str_equal(attr->name, body_attrs[i].name) && g_strcmp0(attr->ns, body_attrs[i].ns) == 0)
            return &body_attrs[i];
    }
    return NULL;
}

/* XML Schema boolean; anything else is false. */
static gboolean
is_true(const char *value)
{
    gboolean b;
    return xm_parse_boolean(value, &b) && b;
}

/* XEP-0206 §9: xmpp:restart="true". */
static gboolean
is_restart(const xm_element *body)
{
    for (guint i = 0; i < body->n_attrs; i++) {
        const xm_attr *a = &body->attrs[i];
        if (g_strcmp0(a->ns, XMPPWS_NS_XBOSH) == 0 && g_str_equal(a->name, "restart"))
            return is_true(a->value);
    }
    return FALSE;
}

static proto_item *
add_number(xmppws_msg *msg, proto_tree *tree, const body_attr *ba, const xm_attr *attr)
{
    guint64     v;
    proto_item *ti;

    if (!xm_parse_uint64(attr->value, &v) || (ba->kind == ATTR_UINT && v > G_MAXUINT32)) {
        ti = proto_tree_add_string_format(tree, hf_attribute, msg->tvb, attr->value_span.offset,
                                          attr->value_span.length, attr->value, "%s: %s", attr->name, attr->value);
        expert_add_info_format(msg->pinfo, ti, &ei_bad_number, "BOSH attribute '%s' is not a number: %s",
                               attr->name, attr->value);
        return ti;
    }
    if (ba->kind == ATTR_UINT)
        return proto_tree_add_uint(tree, *ba->hf, msg->tvb, attr->value_span.offset, attr->value_span.length,
                                   (guint32)v);
    return proto_tree_add_uint64(tree, *ba->hf, msg->tvb, attr->value_span.offset, attr->value_span.length, v);
}

static void
add_attribute(xmppws_msg *msg, proto_tree *tree, const xm_attr *attr)
{
    const body_attr *ba = find_body_attr(attr);
    xm_span          at = attr->value_span;
    proto_item      *ti;

    if (!ba) {
        proto_tree_add_string_format(tree, hf_attribute, msg->tvb, at.offset, at.length, attr->value,
                                     "%s%s%s: %s", attr->prefix ? attr->prefix : "", attr->prefix ? ":" : "",
                                     attr->name, attr->value);
        return;
    }
    switch (ba->kind) {
    case ATTR_BOOLEAN:
        proto_tree_add_boolean(tree, *ba->hf, msg->tvb, at.offset, at.length, is_true(attr->value));
        return;
    case ATTR_UINT:
    case ATTR_UINT64:
        add_number(msg, tree, ba, attr);
        return;
    case ATTR_STRING:
    default:
        ti = proto_tree_add_string(tree, *ba->hf, msg->tvb, at.offset, at.length, attr->value);
        if (ba->hf == &hf_type)
            xmppws_item_append_meaning(ti, attr->value, type_meanings);
        else if (ba->hf == &hf_condition)
            xmppws_item_append_meaning(ti, attr->value, condition_meanings);
        return;
    }
}

/* ---- the session a body belongs to (first pass) ------------------------ */

static xmppws_connection **
tcp_slot(packet_info *pinfo)
{
    conversation_t     *conv = find_or_create_conversation(pinfo);
    gpointer            key = GUINT_TO_POINTER(conv->conv_index);
    xmppws_connection **slot = (xmppws_connection **)wmem_map_lookup(last_request_session, key);

    if (!slot) {
        slot = wmem_new0(wmem_file_scope(), xmppws_connection *);
        wmem_map_insert(last_request_session, key, slot);
    }
    return slot;
}

/* XEP-0124 §14: each request's rid is the previous one + 1. */
static void
check_rid(bosh_frame *f, const xm_element *body)
{
    const char *text = xm_attr_value(body, "rid");
    guint64     rid;

    if (!xm_parse_uint64(text, &rid))
        return;
    if (f->session->bosh.last_rid) {
        f->expected_rid = f->session->bosh.last_rid + 1;
        if (rid > f->expected_rid)
            f->rid_check = RID_GAP;
        else if (rid < f->expected_rid)
            f->rid_check = RID_REPEATED;
    }
    if (rid > f->session->bosh.last_rid)
        f->session->bosh.last_rid = rid;
}

static xmppws_connection *
response_session(packet_info *pinfo, xmppws_connection *request_session, const char *sid)
{
    if (!sid)
        return request_session ? request_session : xmppws_connection_of_bosh(pinfo, NULL);
    if (request_session && !request_session->bosh.sid) {
        xmppws_connection_set_bosh_sid(request_session, sid);      /* the session creation response */
        return request_session;
    }
    return xmppws_connection_of_bosh(pinfo, sid);
}

static bosh_frame *
track_first_pass(xmppws_msg *msg, const xm_element *body)
{
    bosh_frame         *f = wmem_new0(wmem_file_scope(), bosh_frame);
    xmppws_connection **slot = tcp_slot(msg->pinfo);
    const char         *sid = xm_attr_value(body, "sid");

    if (msg->direction == XMPPWS_DIR_C2S) {
        f->session = xmppws_connection_of_bosh(msg->pinfo, sid);
        check_rid(f, body);
        *slot = f->session;
    } else {
        f->session = response_session(msg->pinfo, *slot, sid);
    }
    return f;
}

static bosh_frame *
frame_state(xmppws_msg *msg, const xm_element *body)
{
    guint32     key = xmppws_key(XMPPWS_KEY_BOSH_BODY, msg->index, 0);
    bosh_frame *f = (bosh_frame *)p_get_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws, key);

    if (!f && !PINFO_FD_VISITED(msg->pinfo)) {
        f = track_first_pass(msg, body);
        p_add_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws, key, f);
    }
    if (!f) {       /* a body the first pass did not see: a session of its own */
        f = wmem_new0(msg->pinfo->pool, bosh_frame);
        f->session = xmppws_connection_of_bosh(msg->pinfo, NULL);
    }
    return f;
}

/* ---- the body ----------------------------------------------------------- */

static void
add_experts(xmppws_msg *msg, proto_item *body_item, const xm_element *body, const bosh_frame *f)
{
    const char *type = xm_attr_value(body, "type");
    const char *condition = xm_attr_value(body, "condition");
    const char *rid = xm_attr_value(body, "rid");

    if (type && g_str_equal(type, "terminate"))
        xmppws_events_note_end(msg, XMPPWS_END_BOSH_TERMINATE, condition);
    if (type && g_str_equal(type, "terminate") && condition)
        expert_add_info_format(msg->pinfo, body_item, &ei_terminate, "BOSH session terminated: %s (%s)",
                               condition, xmppws_meaning(condition, condition_meanings));
    if (f->rid_check == RID_GAP)
        expert_add_info_format(msg->pinfo, body_item, &ei_rid_gap,
                               "rid %s, expected %" G_GUINT64_FORMAT ": the requests in between are not in the "
                               "capture (lost, or never sent)", rid, f->expected_rid);
    else if (f->rid_check == RID_REPEATED)
        expert_add_info_format(msg->pinfo, body_item, &ei_rid_repeated,
                               "rid %s, expected %" G_GUINT64_FORMAT ": a resent request, or one that "
                               "overtook another", rid, f->expected_rid);
}

static void
add_body(xmppws_msg *msg, const xm_element *body, const bosh_frame *f)
{
    proto_item *ti = proto_tree_add_item(msg->tree, hf_body, msg->tvb, body->span.offset, body->span.length,
                                         ENC_NA);
    proto_tree *tree = proto_item_add_subtree(ti, ett_body);
    guint       n = 0;

    for (guint i = 0; i < body->n_attrs; i++)
        add_attribute(msg, tree, &body->attrs[i]);
    if (f->session->bosh.sid) {
        proto_item *gi = proto_tree_add_string(tree, hf_session_sid, msg->tvb, 0, 0, f->session->bosh.sid);
        proto_item_set_generated(gi);
    }
    for (const xm_element *c = body->first_child; c; c = c->next)
        n++;
    proto_item_set_generated(proto_tree_add_uint(tree, hf_stanza_count, msg->tvb, 0, 0, n));
    if (f->expected_rid)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_rid_check, msg->tvb, 0, 0, f->rid_check));
    add_experts(msg, ti, body, f);
}

/* "session request", "session created", "restart", "terminate <condition>", or NULL. */
static const char *
body_kind(xmppws_msg *msg, const xm_element *body)
{
    const char *type = xm_attr_value(body, "type");

    if (type && g_str_equal(type, "terminate")) {
        const char *condition = xm_attr_value(body, "condition");
        return condition ? wmem_strdup_printf(msg->pinfo->pool, "terminate %s", condition) : "terminate";
    }
    if (is_restart(body))
        return "restart";
    if (msg->direction == XMPPWS_DIR_C2S && !xm_attr_value(body, "sid"))
        return wmem_strdup_printf(msg->pinfo->pool, "session request to=%s",
                                  xm_attr_value(body, "to") ? xm_attr_value(body, "to") : "?");
    if (msg->direction == XMPPWS_DIR_S2C && xm_attr_value(body, "sid") && xm_attr_value(body, "wait"))
        return wmem_strdup_printf(msg->pinfo->pool, "session created sid=%s", xm_attr_value(body, "sid"));
    return NULL;
}

static const char *
body_info(xmppws_msg *msg, const xm_doc *doc, const char *stanzas)
{
    const char *kind = body_kind(msg, doc->first);
    const char *problem = doc->status == XM_OK ? "" : doc->status == XM_TOO_LARGE ? "oversized XML " : "malformed XML ";

    if (!*stanzas)
        return wmem_strdup_printf(msg->pinfo->pool, "BOSH %s%s", problem, kind ? kind : "empty");
    return wmem_strdup_printf(msg->pinfo->pool, "BOSH %s%s%s%s", problem, kind ? kind : "", kind ? ": " : "",
                              stanzas);
}

static xmppws_direction
direction_of(const xmppws_http_body *http, const xm_element *body, xmppws_direction_source *source)
{
    if (xmppws_http_body_in_request(http) || xmppws_http_body_in_response(http)) {
        *source = XMPPWS_DIRSRC_BOSH;
        return xmppws_http_body_in_request(http) ? XMPPWS_DIR_C2S : XMPPWS_DIR_S2C;
    }
    *source = XMPPWS_DIRSRC_CONTENT;            /* XEP-0124 §7: only requests carry a rid */
    return xm_attr_value(body, "rid") ? XMPPWS_DIR_C2S : XMPPWS_DIR_S2C;
}

static void
dissect_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const xmppws_http_body *http,
             const xm_doc *doc)
{
    const xm_element       *body = doc->first;
    xmppws_direction_source source;
    xmppws_direction        direction = direction_of(http, body, &source);
    xmppws_msg              msg;
    const bosh_frame       *f;
    const char             *info;

    xmppws_message_begin(&msg, tvb, pinfo, tree);
    proto_item_set_text(msg.item, "XMPP over BOSH (XEP-0206)");
    msg.direction = direction;
    f = frame_state(&msg, body);
    msg.conn = f->session;

    xmppws_message_set_direction(&msg, direction, source);
    add_body(&msg, body, f);
    info = body_info(&msg, doc, xmppws_pipeline_dissect_elements(&msg, body->first_child));
    xmppws_pipeline_report_parse_problems(&msg, doc);
    xmppws_pipeline_finish(&msg, "XMPP/BOSH", info);
}

/* The heuristic list of HTTP XML bodies: a BOSH <body/> is ours. Parses
 * only what starts with "<body". */
static xmppws_heur_result
dissect_bosh(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    guint32       len = tvb_captured_length(tvb);
    const guint8 *p = len ? tvb_get_ptr(tvb, 0, len) : NULL;
    xm_parse_opts opts = { 0, NULL };
    xm_doc       *doc;

    if (!p || !xs_first_element_is(p, len, "body", FALSE))
        return FALSE;
    opts.skip = xs_xml_declaration_length(p, len);
    doc = xm_parse(pinfo->pool, p, len, &opts);
    if (!doc->first || !xm_is(doc->first, "body", XMPPWS_NS_HTTPBIND))
        return FALSE;
    dissect_body(tvb, pinfo, tree, (const xmppws_http_body *)data, doc);
    return TRUE;
}

/* ---- registration ------------------------------------------------------- */

void
xmppws_bosh_register(void)
{
    static hf_register_info hf[] = {
        { &hf_body,
          { "BOSH body", "xmppws.bosh.body", FT_NONE, BASE_NONE, NULL, 0x0,
            "The <body xmlns='http://jabber.org/protocol/httpbind'/> wrapper of a BOSH request or response "
            "(XEP-0124 4)", HFILL }},
        { &hf_rid,
          { "Request id", "xmppws.bosh.rid", FT_UINT64, BASE_DEC, NULL, 0x0,
            "rid: the request's number; each request of a session is the previous one + 1 (XEP-0124 14)",
            HFILL }},
        { &hf_sid,
          { "Session id", "xmppws.bosh.sid", FT_STRING, BASE_NONE, NULL, 0x0,
            "sid attribute: the BOSH session id the connection manager assigned (XEP-0124 7.2)", HFILL }},
        { &hf_session_sid,
          { "Session", "xmppws.bosh.session_sid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The BOSH session this body belongs to: its sid, or for a response without one the sid of the "
            "request before it on the same TCP connection", HFILL }},
        { &hf_type,
          { "Type", "xmppws.bosh.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "type attribute: 'terminate' ends the session (XEP-0124 13, 17)", HFILL }},
        { &hf_condition,
          { "Condition", "xmppws.bosh.condition", FT_STRING, BASE_NONE, NULL, 0x0,
            "Why the connection manager ended the session (XEP-0124 17.2: item-not-found, "
            "remote-stream-error, improper-addressing, ...)", HFILL }},
        { &hf_to,
          { "To", "xmppws.bosh.to", FT_STRING, BASE_NONE, NULL, 0x0,
            "Domain of the XMPP server the session request (or a restart) is for (XEP-0124 7.1)", HFILL }},
        { &hf_from,
          { "From", "xmppws.bosh.from", FT_STRING, BASE_NONE, NULL, 0x0,
            "from attribute: the connection manager's domain, or the client's identity in a request", HFILL }},
        { &hf_wait,
          { "Wait", "xmppws.bosh.wait", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_second_seconds, 0x0,
            "Longest time the connection manager may hold a request before an empty response (XEP-0124 7.1; "
            "Strophe asks for 60)", HFILL }},
        { &hf_hold,
          { "Hold", "xmppws.bosh.hold", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Most requests the connection manager may keep waiting at once (XEP-0124 7.1; usually 1)", HFILL }},
        { &hf_ver,
          { "Version", "xmppws.bosh.ver", FT_STRING, BASE_NONE, NULL, 0x0,
            "Highest BOSH version the sender supports (XEP-0124 7.1, 7.2)", HFILL }},
        { &hf_ack,
          { "Ack", "xmppws.bosh.ack", FT_UINT64, BASE_DEC, NULL, 0x0,
            "Highest rid below which every response or request was received (XEP-0124 9)", HFILL }},
        { &hf_inactivity,
          { "Inactivity", "xmppws.bosh.inactivity", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_second_seconds,
            0x0, "Longest time the client may go without a request before the session ends (XEP-0124 7.2)",
            HFILL }},
        { &hf_polling,
          { "Polling", "xmppws.bosh.polling", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_second_seconds, 0x0,
            "Shortest allowed interval between two empty requests (XEP-0124 7.2)", HFILL }},
        { &hf_requests,
          { "Requests", "xmppws.bosh.requests", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Most requests the client may have open at once (XEP-0124 7.2; hold + 1)", HFILL }},
        { &hf_maxpause,
          { "Max pause", "xmppws.bosh.maxpause", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_second_seconds,
            0x0, "Longest pause the client may ask for (XEP-0124 7.2, 10)", HFILL }},
        { &hf_pause,
          { "Pause", "xmppws.bosh.pause", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_second_seconds, 0x0,
            "The client asks to pause the session this long (XEP-0124 10)", HFILL }},
        { &hf_authid,
          { "Auth id", "xmppws.bosh.authid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The XMPP stream id, in the session creation response (XEP-0206 7)", HFILL }},
        { &hf_content,
          { "Content", "xmppws.bosh.content", FT_STRING, BASE_NONE, NULL, 0x0,
            "Content-Type the responses must use (XEP-0124 7.1)", HFILL }},
        { &hf_secure,
          { "Secure", "xmppws.bosh.secure", FT_STRING, BASE_NONE, NULL, 0x0,
            "Whether the connection manager to XMPP server link is secure (XEP-0124 7.2)", HFILL }},
        { &hf_route,
          { "Route", "xmppws.bosh.route", FT_STRING, BASE_NONE, NULL, 0x0,
            "XMPP server host and port the client asks for (XEP-0124 7.1)", HFILL }},
        { &hf_report,
          { "Report", "xmppws.bosh.report", FT_UINT64, BASE_DEC, NULL, 0x0,
            "rid of a request whose response the client did not get (XEP-0124 9.3)", HFILL }},
        { &hf_time,
          { "Time", "xmppws.bosh.time", FT_UINT32, BASE_DEC | BASE_UNIT_STRING, &units_milliseconds, 0x0,
            "Time the reported response was waited for (XEP-0124 9.3)", HFILL }},
        { &hf_lang,
          { "Language", "xmppws.bosh.lang", FT_STRING, BASE_NONE, NULL, 0x0,
            "xml:lang of the session (XEP-0124 7.1)", HFILL }},
        { &hf_xmpp_version,
          { "XMPP version", "xmppws.bosh.xmpp_version", FT_STRING, BASE_NONE, NULL, 0x0,
            "xmpp:version: the XMPP version of the stream (XEP-0206 6)", HFILL }},
        { &hf_restart,
          { "Stream restart", "xmppws.bosh.restart", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "xmpp:restart: the client restarts the XMPP stream after SASL, as <open/> does over WebSocket "
            "(XEP-0206 9)", HFILL }},
        { &hf_restart_logic,
          { "Restart logic", "xmppws.bosh.restart_logic", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "xmpp:restartlogic: the connection manager supports stream restarts (XEP-0206 8)", HFILL }},
        { &hf_attribute,
          { "Attribute", "xmppws.bosh.attribute", FT_STRING, BASE_NONE, NULL, 0x0,
            "Value of a body attribute that has no field of its own (the tree shows its name too)", HFILL }},
        { &hf_stanza_count,
          { "Stanzas", "xmppws.bosh.stanzas", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Number of elements (stanzas, features, SASL) inside the body; 0 for an empty long-poll", HFILL }},
        { &hf_rid_check,
          { "Request id sequence", "xmppws.bosh.rid_check", FT_UINT8, BASE_DEC, VALS(rid_check_vals), 0x0,
            "How this request's rid follows the session's previous highest rid", HFILL }},
    };
    static gint *ett[] = {
        &ett_body,
    };
    static ei_register_info ei[] = {
        { &ei_terminate,
          { "xmppws.expert.bosh_terminate", PI_SEQUENCE, PI_WARN,
            "BOSH session terminated with an error condition", EXPFILL }},
        { &ei_rid_gap,
          { "xmppws.expert.bosh_rid_gap", PI_SEQUENCE, PI_WARN,
            "Gap in the BOSH request ids: requests in between are missing", EXPFILL }},
        { &ei_rid_repeated,
          { "xmppws.expert.bosh_rid_repeated", PI_SEQUENCE, PI_NOTE,
            "BOSH request id repeated or out of order", EXPFILL }},
        { &ei_bad_number,
          { "xmppws.expert.bosh_bad_number", PI_MALFORMED, PI_WARN,
            "BOSH attribute is not a number", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));

    last_request_session = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                                  g_direct_equal);
}

void
xmppws_bosh_register_handoff(void)
{
    heur_dissector_add(XMPPWS_HTTP_XML_LIST, dissect_bosh, "XMPP over BOSH", "xmppws_bosh", proto_xmppws,
                       HEURISTIC_ENABLE);
}
