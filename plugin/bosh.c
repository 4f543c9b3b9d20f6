/* bosh.c
 *
 * XMPP over BOSH (see bosh.h): HTTP bodies whose root is
 * <body xmlns="http://jabber.org/protocol/httpbind">.
 *
 * Way in: the HTTP dissector hands a body to the dissector registered in
 * the "media_type" table for its Content-Type, and tries its "http"
 * heuristic list only when there is none or it returns 0. text/xml (what
 * BOSH uses, XEP-0124 §7) belongs to Wireshark's XML dissector, so the
 * "http" heuristics never see a BOSH body. This dissector therefore takes
 * text/xml and application/xml in "media_type" and passes every body that
 * is not a BOSH <body/> on to the XML dissector unchanged, after showing
 * finesse-rest.c the request (a Finesse REST call's requestId header).
 *
 * Direction: from the HTTP message (request = client to server).
 * Session: requests carry the sid (except the session request); responses
 * may not (XEP-0124 §7.1 puts it only in the session creation response),
 * so a response belongs to the session of the last request on the same
 * TCP connection (HTTP/1.1 answers requests in order; BOSH clients do not
 * pipeline). Worked out on the first pass and stored per frame; the state
 * itself (conversation.c, keyed by sid) is shared by all the session's TCP
 * connections, so xmppws.session.*, iq tracking and the Finesse agent state
 * follow the sid.
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
#include "bosh.h"

#include <epan/expert.h>
#include <epan/proto_data.h>
#include <epan/unit_strings.h>
#include <epan/dissectors/packet-http.h>
#include <wsutil/strtoi.h>

#include "finesse.h"
#include "framing.h"
#include "sasl.h"
#include "session.h"
#include "xmppws.h"

#define NS_HTTPBIND "http://jabber.org/protocol/httpbind"
#define NS_XBOSH    "urn:xmpp:xbosh"
#define NS_XML      "http://www.w3.org/XML/1998/namespace"

/* p_add_proto_data key of a body's bosh_frame (tracking.c keys its
 * elements by (message index << 16) | ordinal: this range stays clear). */
#define BOSH_FRAME_KEY(index) (0xB0500000u + (index))

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

static gint ett_message = -1;
static gint ett_body = -1;

static expert_field ei_terminate = EI_INIT;
static expert_field ei_rid_gap = EI_INIT;
static expert_field ei_rid_repeated = EI_INIT;
static expert_field ei_bad_number = EI_INIT;

static dissector_handle_t bosh_handle;
static dissector_handle_t xml_handle;

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
    xmppws_conv_t *session;
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
    { "lang",         NS_XML,   &hf_lang,          ATTR_STRING },
    { "version",      NS_XBOSH, &hf_xmpp_version,  ATTR_STRING },
    { "restart",      NS_XBOSH, &hf_restart,       ATTR_BOOLEAN },
    { "restartlogic", NS_XBOSH, &hf_restart_logic, ATTR_BOOLEAN },
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

/* XML Schema boolean. */
static gboolean
is_true(const char *value)
{
    return g_str_equal(value, "true") || g_str_equal(value, "1");
}

/* XEP-0206 §9: xmpp:restart="true". */
static gboolean
is_restart(const xm_element *body)
{
    for (guint i = 0; i < body->n_attrs; i++) {
        const xm_attr *a = &body->attrs[i];
        if (g_strcmp0(a->ns, NS_XBOSH) == 0 && g_str_equal(a->name, "restart"))
            return is_true(a->value);
    }
    return FALSE;
}

static gboolean
parse_u64(const char *text, guint64 *value)
{
    return ws_strtou64(text, NULL, value);
}

static proto_item *
add_number(xmppws_msg *msg, proto_tree *tree, const body_attr *ba, const xm_attr *attr)
{
    guint64     v;
    proto_item *ti;

    if (!parse_u64(attr->value, &v) || (ba->kind == ATTR_UINT && v > G_MAXUINT32)) {
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
            proto_item_append_text(ti, " (%s)", str_to_str(attr->value, type_meanings, "undefined type"));
        else if (ba->hf == &hf_condition)
            proto_item_append_text(ti, " (%s)", str_to_str(attr->value, condition_meanings,
                                                          "not a XEP-0124 condition"));
        return;
    }
}

/* ---- the session a body belongs to (first pass) ------------------------ */

static xmppws_conv_t **
tcp_slot(packet_info *pinfo)
{
    conversation_t *conv = find_or_create_conversation(pinfo);
    gpointer        key = GUINT_TO_POINTER(conv->conv_index);
    xmppws_conv_t **slot = (xmppws_conv_t **)wmem_map_lookup(last_request_session, key);

    if (!slot) {
        slot = wmem_new0(wmem_file_scope(), xmppws_conv_t *);
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

    if (!text || !parse_u64(text, &rid))
        return;
    if (f->session->bosh_last_rid) {
        f->expected_rid = f->session->bosh_last_rid + 1;
        if (rid > f->expected_rid)
            f->rid_check = RID_GAP;
        else if (rid < f->expected_rid)
            f->rid_check = RID_REPEATED;
    }
    if (rid > f->session->bosh_last_rid)
        f->session->bosh_last_rid = rid;
}

static xmppws_conv_t *
response_session(packet_info *pinfo, xmppws_conv_t *request_session, const char *sid)
{
    if (!sid)
        return request_session ? request_session : xmppws_conversation_bosh(pinfo, NULL);
    if (request_session && !request_session->bosh_sid) {
        xmppws_conversation_bosh_set_sid(request_session, sid);    /* the session creation response */
        return request_session;
    }
    return xmppws_conversation_bosh(pinfo, sid);
}

static bosh_frame *
track_first_pass(xmppws_msg *msg, const xm_element *body)
{
    bosh_frame     *f = wmem_new0(wmem_file_scope(), bosh_frame);
    xmppws_conv_t **slot = tcp_slot(msg->pinfo);
    const char     *sid = xm_attr_value(body, "sid");

    if (msg->direction == XMPPWS_DIR_C2S) {
        f->session = xmppws_conversation_bosh(msg->pinfo, sid);
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
    guint32     key = BOSH_FRAME_KEY(msg->index);
    bosh_frame *f = (bosh_frame *)p_get_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws, key);

    if (!f && !PINFO_FD_VISITED(msg->pinfo)) {
        f = track_first_pass(msg, body);
        p_add_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws, key, f);
    }
    if (!f) {       /* a body the first pass did not see: a session of its own */
        f = wmem_new0(msg->pinfo->pool, bosh_frame);
        f->session = xmppws_conversation_bosh(msg->pinfo, NULL);
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

    if (type && g_str_equal(type, "terminate") && condition)
        expert_add_info_format(msg->pinfo, body_item, &ei_terminate, "BOSH session terminated: %s (%s)",
                               condition, str_to_str(condition, condition_meanings, "not a XEP-0124 condition"));
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
    if (f->session->bosh_sid) {
        proto_item *gi = proto_tree_add_string(tree, hf_session_sid, msg->tvb, 0, 0, f->session->bosh_sid);
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

/* A malformed body's raw text is shown unless a SASL element in it hides
 * its text (passwords). */
static void
report_problems(xmppws_msg *msg, const xm_doc *doc, const xm_element *body)
{
    xm_doc view = *doc;

    for (xm_element *c = body->first_child; c; c = c->next) {
        if (xmppws_sasl_hides_text(c))
            view.first = c;
    }
    xmppws_report_parse_problems(msg, &view, tvb_captured_length(msg->tvb), tvb_reported_length(msg->tvb));
}

static xmppws_direction
direction_of(const http_message_info_t *http, const xm_element *body, xmppws_direction_source *source)
{
    if (http && (http->type == HTTP_REQUEST || http->type == HTTP_RESPONSE)) {
        *source = XMPPWS_DIRSRC_BOSH;
        return http->type == HTTP_REQUEST ? XMPPWS_DIR_C2S : XMPPWS_DIR_S2C;
    }
    *source = XMPPWS_DIRSRC_CONTENT;            /* XEP-0124 §7: only requests carry a rid */
    return xm_attr_value(body, "rid") ? XMPPWS_DIR_C2S : XMPPWS_DIR_S2C;
}

static void
dissect_body(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const http_message_info_t *http,
             const xm_doc *doc)
{
    const xm_element       *body = doc->first;
    xmppws_direction_source source;
    xmppws_msg              msg;
    proto_item             *ti;
    const bosh_frame       *f;
    const char             *info;

    ti = proto_tree_add_item(tree, proto_xmppws, tvb, 0, -1, ENC_NA);
    proto_item_set_text(ti, "XMPP over BOSH (XEP-0206)");
    msg.tvb = tvb;
    msg.pinfo = pinfo;
    msg.tree = proto_item_add_subtree(ti, ett_message);
    msg.index = xmppws_next_message_index(pinfo);
    msg.direction = direction_of(http, body, &source);
    msg.info = NULL;
    f = frame_state(&msg, body);
    msg.conv = f->session;

    xmppws_add_direction_fields(&msg, source);
    add_body(&msg, body, f);
    info = body_info(&msg, doc, xmppws_dissect_stanzas(&msg, body->first_child));
    report_problems(&msg, doc, body);
    xmppws_session_add_identity(&msg);
    proto_item_append_text(ti, ", %s", info);
    xmppws_set_info(&msg, "XMPP/BOSH", info);
}

/* Cheap test before any parse: the root start tag is "<body". */
static gboolean
starts_with_body(tvbuff_t *tvb)
{
    guint32       len = tvb_captured_length(tvb);
    const guint8 *p = len ? tvb_get_ptr(tvb, 0, len) : NULL;
    guint32       i = p ? framing_xml_declaration_length(p, len) : 0;

    while (i < len && g_ascii_isspace(p[i]))
        i++;
    return i + 6 <= len && memcmp(p + i, "<body", 5) == 0 &&
           (g_ascii_isspace(p[i + 5]) || p[i + 5] == '>' || p[i + 5] == '/');
}

/* media_type text/xml and application/xml: BOSH bodies are ours, every
 * other body goes to the XML dissector as before. */
static int
dissect_bosh(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    guint32       len = tvb_captured_length(tvb);
    xm_parse_opts opts = { 0, NULL };
    xm_doc       *doc = NULL;

    if (starts_with_body(tvb)) {
        opts.skip = framing_xml_declaration_length(tvb_get_ptr(tvb, 0, len), len);
        doc = xm_parse(pinfo->pool, tvb_get_ptr(tvb, 0, len), len, &opts);
    }
    if (!doc || !doc->first || !xm_is(doc->first, "body", NS_HTTPBIND)) {
        finesse_rest_dissect_request(tvb, pinfo, tree, data);
        return xml_handle ? call_dissector_with_data(xml_handle, tvb, pinfo, tree, data) : 0;
    }
    dissect_body(tvb, pinfo, tree, (const http_message_info_t *)data, doc);
    return len;
}

/* ---- registration ------------------------------------------------------- */

void
xmppws_bosh_register(int proto, module_t *prefs _U_)
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
        &ett_message,
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

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));

    last_request_session = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
                                                  g_direct_equal);
    bosh_handle = register_dissector("xmppws_bosh", dissect_bosh, proto);
}

void
xmppws_bosh_register_handoff(void)
{
    xml_handle = find_dissector("xml");
    dissector_add_string("media_type", "text/xml", bosh_handle);
    dissector_add_string("media_type", "application/xml", bosh_handle);
}
