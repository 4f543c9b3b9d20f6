/* errors.c
 *
 * What went wrong, as fields every kind of error shares:
 *   - stanza errors: an iq, presence or message of type "error" with an
 *     <error type=...> child holding a defined condition, optional <text>
 *     and an optional application-specific condition;
 *   - stream errors: <stream:error>, which ends the stream (conflict when
 *     a second session binds the same resource, see-other-host, ...);
 *   - SASL failures: <failure xmlns="...xmpp-sasl"> (the rest of SASL is
 *     sasl.c's).
 * All three give xmppws.error.condition and xmppws.error.text, so one
 * display filter finds every error.
 *
 * Specs: RFC 6120 §8.3 (stanza errors: §8.3.2 syntax, §8.3.3 defined
 * conditions), §4.9 (stream errors: §4.9.3 defined conditions, §4.9.3.19
 * see-other-host), §6.5 (SASL failure conditions); XEP-0060 §7.1.3, §6.1.3
 * (pubsub application conditions, e.g. pubsub#errors).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>

#include "connection.h"
#include "meaning.h"
#include "namespaces.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"

static int hf_type = -1;
static int hf_condition = -1;
static int hf_text = -1;
static int hf_app_condition = -1;
static int hf_see_other_host = -1;
static int hf_conflict_bind = -1;

static expert_field ei_stanza_error = EI_INIT;
static expert_field ei_stanza_error_incomplete = EI_INIT;
static expert_field ei_stream_error = EI_INIT;
static expert_field ei_sasl_failure = EI_INIT;

/* RFC 6120 §8.3.2: what the sender should do about the error. */
static const string_string error_types[] = {
    { "cancel",   "do not retry, the error cannot be remedied" },
    { "continue", "proceed, the condition was only a warning" },
    { "modify",   "retry after changing the data sent" },
    { "auth",     "retry after providing credentials" },
    { "wait",     "retry after waiting, the error is temporary" },
    { NULL, NULL }
};

/* RFC 6120 §8.3.3. */
static const string_string stanza_conditions[] = {
    { "bad-request",             "the request is malformed or not understood" },
    { "conflict",                "a resource or session with that name already exists" },
    { "feature-not-implemented", "the feature is not implemented by the recipient or server" },
    { "forbidden",               "the requester lacks the permissions" },
    { "gone",                    "the recipient or server can no longer be reached at this address" },
    { "internal-server-error",   "the server had an internal error" },
    { "item-not-found",          "the addressed JID or item (e.g. pubsub node) does not exist" },
    { "jid-malformed",           "the JID is not valid" },
    { "not-acceptable",          "the request does not meet the recipient's or server's criteria" },
    { "not-allowed",             "the recipient or server does not allow this action" },
    { "not-authorized",          "the sender must authenticate first" },
    { "policy-violation",        "the sender violated a local service policy" },
    { "recipient-unavailable",   "the intended recipient is temporarily unavailable" },
    { "redirect",                "the recipient or server redirects to another entity" },
    { "registration-required",   "the requester must register first" },
    { "remote-server-not-found", "a remote server or service does not exist" },
    { "remote-server-timeout",   "a remote server or service did not answer in time" },
    { "resource-constraint",     "the server or recipient lacks the resources to serve the request" },
    { "service-unavailable",     "the server or recipient does not offer this service" },
    { "subscription-required",   "the requester must subscribe first" },
    { "undefined-condition",     "no defined condition applies; see the application condition" },
    { "unexpected-request",      "the request was not expected at this time" },
    { NULL, NULL }
};

/* RFC 6120 §4.9.3. */
static const string_string stream_conditions[] = {
    { "bad-format",               "the entity sent XML that cannot be processed" },
    { "bad-namespace-prefix",     "unsupported or missing namespace prefix" },
    { "conflict",                 "another session bound the same resource (a second client with the same JID)" },
    { "connection-timeout",       "no traffic for too long" },
    { "host-gone",                "the 'to' domain is no longer served by the server" },
    { "host-unknown",             "the 'to' domain is not served by the server" },
    { "improper-addressing",      "a stanza lacks a required 'to' or 'from'" },
    { "internal-server-error",    "the server had an internal error" },
    { "invalid-from",             "the 'from' address is not authorized for this stream" },
    { "invalid-namespace",        "wrong stream or content namespace" },
    { "invalid-xml",              "invalid XML" },
    { "not-authorized",           "data sent before the stream was authenticated" },
    { "not-well-formed",          "XML that is not well-formed" },
    { "policy-violation",         "a local service policy was violated" },
    { "remote-connection-failed", "the server could not reach a component it needs" },
    { "reset",                    "the server closes the stream to reset security or credentials" },
    { "resource-constraint",      "the server lacks the resources to serve the stream" },
    { "restricted-xml",           "XML that XMPP forbids (comments, DTD, PI, entities)" },
    { "see-other-host",           "the server redirects the client to another host" },
    { "system-shutdown",          "the server is shutting down" },
    { "undefined-condition",      "no defined condition applies; see the application condition" },
    { "unsupported-encoding",     "the stream is not UTF-8" },
    { "unsupported-feature",      "a mandatory stream feature is not supported" },
    { "unsupported-stanza-type",  "an unknown first-level element" },
    { "unsupported-version",      "the stream version is not supported" },
    { NULL, NULL }
};

/* RFC 6120 §6.5. */
static const string_string sasl_conditions[] = {
    { "aborted",                "the client aborted the exchange" },
    { "account-disabled",       "the account is disabled" },
    { "credentials-expired",    "the credentials have expired" },
    { "encryption-required",    "the mechanism needs an encrypted stream" },
    { "incorrect-encoding",     "the data was not valid base64" },
    { "invalid-authzid",        "the authorization identity is not valid for this user" },
    { "invalid-mechanism",      "the mechanism is not supported" },
    { "malformed-request",      "the request is malformed" },
    { "mechanism-too-weak",     "the mechanism is weaker than the server's policy allows" },
    { "not-authorized",         "wrong username or password" },
    { "temporary-auth-failure", "a temporary server error; try again later" },
    { NULL, NULL }
};

/* Where the defined conditions of an error element live, and how to
 * explain them. */
typedef struct {
    const char          *ns;          /* namespace of condition and <text>; NULL: the error's own */
    const string_string *meanings;
} condition_set;

static const condition_set stanza_set = { XMPPWS_NS_STANZA_ERRORS, stanza_conditions };
static const condition_set stream_set = { XMPPWS_NS_STREAM_ERRORS, stream_conditions };
static const condition_set sasl_set   = { NULL, sasl_conditions };

/* What was found inside one error element. */
typedef struct {
    const xm_element *condition;
    const xm_element *text;
} error_parts;

static gboolean
in_namespace(const xm_element *el, const char *ns)
{
    return el->ns && g_str_equal(el->ns, ns);
}

static void
add_condition(xmppws_msg *msg, proto_tree *tree, const xm_element *c, const condition_set *set)
{
    proto_tree_add_string_format_value(tree, hf_condition, msg->tvb, c->span.offset, c->span.length, c->name,
                                       "%s (%s)", c->name, xmppws_meaning(c->name, set->meanings));
}

static void
add_app_condition(xmppws_msg *msg, proto_tree *tree, const xm_element *c)
{
    proto_tree_add_string_format_value(tree, hf_app_condition, msg->tvb, c->span.offset, c->span.length,
                                       c->name, "%s%s%s%s", c->name, c->ns ? " (" : "", c->ns ? c->ns : "",
                                       c->ns ? ")" : "");
}

/* Condition, <text> and application conditions of a stanza error, stream
 * error or SASL failure (RFC 6120 §8.3.2, §4.9.2, §6.4.5). */
static error_parts
dissect_error_children(xmppws_msg *msg, proto_tree *tree, const xm_element *error, const condition_set *set)
{
    const char  *ns = set->ns ? set->ns : (error->ns ? error->ns : "");
    error_parts  parts = { NULL, NULL };

    for (const xm_element *c = error->first_child; c; c = c->next) {
        if (!in_namespace(c, ns)) {
            add_app_condition(msg, tree, c);
        } else if (g_str_equal(c->name, "text")) {
            if (!parts.text)
                parts.text = c;
            xmppws_tree_add_text(msg, tree, hf_text, c);
        } else if (!parts.condition) {
            parts.condition = c;
            add_condition(msg, tree, c, set);
        }
    }
    return parts;
}

/* ---- stanza errors (RFC 6120 §8.3) ---------------------------------- */

static gboolean
is_stanza(const xm_element *el)
{
    return (g_str_equal(el->name, "iq") || g_str_equal(el->name, "presence") ||
            g_str_equal(el->name, "message")) &&
           (!el->ns || g_str_equal(el->ns, XMPPWS_NS_CLIENT));
}

static const xm_element *
stanza_error_child(const xm_element *stanza)
{
    for (const xm_element *c = stanza->first_child; c; c = c->next) {
        if (g_str_equal(c->name, "error") && (!c->ns || g_str_equal(c->ns, XMPPWS_NS_CLIENT)))
            return c;
    }
    return NULL;
}

static void
add_error_type(xmppws_msg *msg, proto_tree *tree, const xm_element *error)
{
    const xm_attr *type = xm_attr_find(error, "type");
    if (type)
        proto_tree_add_string_format_value(tree, hf_type, msg->tvb, type->value_span.offset,
                                           type->value_span.length, type->value, "%s (%s)", type->value,
                                           xmppws_meaning(type->value, error_types));
}

/* RFC 6120 §8.3.2: an error stanza MUST hold an <error/> with a known type
 * and a defined condition. */
static void
check_stanza_error(xmppws_msg *msg, proto_tree *tree, const xm_element *stanza, const xm_element *error,
                   const error_parts *parts)
{
    const char *type = error ? xm_attr_value(error, "type") : NULL;
    const char *problem = NULL;

    if (!error)
        problem = "has no <error/> child";
    else if (!type)
        problem = "has an <error/> without a 'type'";
    else if (!try_str_to_str(type, error_types))
        problem = "has an <error/> of unknown type";
    else if (!parts->condition)
        problem = "has an <error/> without a defined condition";
    if (problem)
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_stanza_error_incomplete, msg->tvb,
                                     stanza->span.offset, stanza->span.length,
                                     "%s of type error %s (RFC 6120 8.3.2)", stanza->name, problem);
}

static void
dissect_stanza_error(xmppws_msg *msg, const xm_element *stanza, proto_tree *tree)
{
    const xm_element *error = stanza_error_child(stanza);
    error_parts       parts = { NULL, NULL };
    const char       *type;

    if (error) {
        add_error_type(msg, tree, error);
        parts = dissect_error_children(msg, tree, error, &stanza_set);
        type = xm_attr_value(error, "type");
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_stanza_error, msg->tvb, error->span.offset,
                                     error->span.length, "%s error: %s (%s)", stanza->name,
                                     parts.condition ? parts.condition->name : "no condition",
                                     type ? type : "no type");
    }
    check_stanza_error(msg, tree, stanza, error, &parts);
}

/* ---- stream errors (RFC 6120 §4.9) ---------------------------------- */

/* RFC 6120 §4.9.3.3, §7.7.2.2: the server ends this stream because another
 * connection binds the same full JID; that bind's result comes after this
 * error, so it is linked once the whole capture was seen (the GUI, or
 * tshark -2). */
static void
dissect_conflict(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    guint32 bind = msg->conn ? xmppws_connection_next_bind_elsewhere(msg->conn, msg->pinfo->num) : 0;

    if (bind)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_conflict_bind, msg->tvb, el->span.offset, 0, bind));
    proto_tree_add_expert_format(tree, msg->pinfo, &ei_stream_error, msg->tvb, el->span.offset, el->span.length,
                                 "Stream error: conflict — %s%s", xmppws_meaning("conflict", stream_conditions),
                                 bind ? wmem_strdup_printf(msg->pinfo->pool, "; the other connection's bind is in "
                                                           "frame %u", bind) : "");
}

static void
dissect_stream_error(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    error_parts parts = dissect_error_children(msg, tree, el, &stream_set);
    const char *condition = parts.condition ? parts.condition->name : NULL;

    if (parts.condition && g_str_equal(condition, "see-other-host")) {
        /* RFC 6120 §4.9.3.19: the text of the condition is the new host. */
        xmppws_tree_add_text(msg, tree, hf_see_other_host, parts.condition);
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_stream_error, msg->tvb, el->span.offset,
                                     el->span.length, "Stream error: see-other-host — %s%s%s",
                                     xmppws_meaning(condition, stream_conditions),
                                     parts.condition->text_len ? ": " : "", parts.condition->text);
    } else if (condition && g_str_equal(condition, "conflict")) {
        dissect_conflict(msg, el, tree);
    } else if (condition) {
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_stream_error, msg->tvb, el->span.offset,
                                     el->span.length, "Stream error: %s — %s", condition,
                                     xmppws_meaning(condition, stream_conditions));
    } else {
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_stream_error, msg->tvb, el->span.offset,
                                     el->span.length,
                                     "Stream error without a defined condition (RFC 6120 4.9.2)");
    }
}

/* ---- SASL failure (RFC 6120 §6.4.5) ---------------------------------- */

static void
dissect_sasl_failure(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    error_parts parts = dissect_error_children(msg, tree, el, &sasl_set);

    proto_tree_add_expert_format(tree, msg->pinfo, &ei_sasl_failure, msg->tvb, el->span.offset,
                                 el->span.length, "authentication failed: %s",
                                 parts.condition ? parts.condition->name : "no condition");
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const char *type = xm_attr_value(el, "type");

    if (is_stanza(el) && type && g_str_equal(type, "error"))
        dissect_stanza_error(msg, el, tree);
    else if (xm_is(el, "error", XMPPWS_NS_STREAMS))
        dissect_stream_error(msg, el, tree);
    else if (xm_is(el, "failure", XMPPWS_NS_SASL))
        dissect_sasl_failure(msg, el, tree);
}

void
xmppws_errors_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_type,
          { "Error type", "xmppws.error.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'type' attribute of a stanza's <error/>: cancel, continue, modify, auth or wait "
            "(RFC 6120 8.3.2)", HFILL }},
        { &hf_condition,
          { "Error condition", "xmppws.error.condition", FT_STRING, BASE_NONE, NULL, 0x0,
            "The defined condition of a stanza error (RFC 6120 8.3.3, e.g. item-not-found), stream "
            "error (4.9.3, e.g. conflict) or SASL failure (6.5, e.g. not-authorized)", HFILL }},
        { &hf_text,
          { "Error text", "xmppws.error.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The human-readable <text/> of a stanza error, stream error or SASL failure", HFILL }},
        { &hf_app_condition,
          { "Application condition", "xmppws.error.app_condition", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of an application-specific error condition: a child of <error/> in another "
            "namespace, e.g. pubsub#errors (RFC 6120 8.3.2, 4.9.4)", HFILL }},
        { &hf_conflict_bind,
          { "Bound elsewhere in", "xmppws.error.conflict_bind", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "For a stream error \"conflict\": the frame in which another connection bound the same full JID "
            "(needs the second pass: GUI, or tshark -2)", HFILL }},
        { &hf_see_other_host,
          { "See other host", "xmppws.error.see_other_host", FT_STRING, BASE_NONE, NULL, 0x0,
            "The host a see-other-host stream error redirects the client to (RFC 6120 4.9.3.19)",
            HFILL }},
    };
    static ei_register_info ei[] = {
        { &ei_stanza_error,
          { "xmppws.expert.stanza_error", PI_RESPONSE_CODE, PI_WARN,
            "Stanza error (RFC 6120 8.3)", EXPFILL }},
        { &ei_stanza_error_incomplete,
          { "xmppws.expert.stanza_error_incomplete", PI_PROTOCOL, PI_WARN,
            "Error stanza without a valid <error/> (RFC 6120 8.3.2)", EXPFILL }},
        { &ei_stream_error,
          { "xmppws.expert.stream_error", PI_PROTOCOL, PI_ERROR,
            "Stream error: the stream ends (RFC 6120 4.9)", EXPFILL }},
        { &ei_sasl_failure,
          { "xmppws.expert.auth_failed", PI_RESPONSE_CODE, PI_ERROR,
            "SASL authentication failed (RFC 6120 6.4.5)", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
