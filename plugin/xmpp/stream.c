/* stream.c
 *
 * The stream itself: the RFC 7395 <open/> and <close/> framing elements,
 * the older <stream:stream> header, and the stream features the server
 * offers (which mechanisms, binding, session, stream management, caps).
 * The header's to, from and id are stanza-like attributes already shown as
 * xmppws.to / xmppws.from / xmppws.id by the element tree (core/tree.c).
 *
 * Specs: RFC 7395 §3.3.1 (<open/>, version "1.0"), §3.3.3, §3.6 (<close/>,
 * see-other-uri); RFC 6120 §4.7 (stream attributes: version, xml:lang),
 * §4.3.2 (stream features), §6.4.1 (SASL mechanisms); RFC 3921 §3 and
 * draft-cridland-xmpp-session (<session><optional/></session>);
 * XEP-0198 §3 (sm feature, one per supported version); XEP-0115 §6.3 (caps
 * in features).
 * Limitations: OpenFire's 2015 WebSocket plugin wrote lang= without the
 * xml prefix; that is not xml:lang and is left to the generic view.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>

#include "meaning.h"
#include "namespaces.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"

static int hf_version = -1;
static int hf_lang = -1;
static int hf_see_other_uri = -1;
static int hf_feature = -1;
static int hf_mechanism = -1;
static int hf_sm_version = -1;
static int hf_session_optional = -1;

static gint ett_features = -1;

static expert_field ei_open_version = EI_INIT;
static expert_field ei_see_other_uri = EI_INIT;

/* What each stream feature is, by the namespace of its element. */
static const string_string feature_meanings[] = {
    { XMPPWS_NS_SASL,                         "SASL authentication, RFC 6120 6" },
    { XMPPWS_NS_TLS,                          "STARTTLS, RFC 6120 5" },
    { XMPPWS_NS_BIND,                         "resource binding, RFC 6120 7" },
    { XMPPWS_NS_SESSION,                      "session establishment, RFC 3921 3" },
    { XMPPWS_NS_SM_3,                         "stream management v3, XEP-0198" },
    { XMPPWS_NS_SM_2,                         "stream management v2, XEP-0198" },
    { XMPPWS_NS_CAPS,                         "server entity capabilities, XEP-0115" },
    { "urn:xmpp:features:rosterver",          "roster versioning, RFC 6121 2.6" },
    { "urn:xmpp:features:pre-approval",       "subscription pre-approval, RFC 6121 3.4" },
    { "http://jabber.org/features/iq-register", "in-band registration, XEP-0077" },
    { "http://jabber.org/features/iq-auth",   "non-SASL authentication, XEP-0078" },
    { "http://jabber.org/features/compress",  "stream compression, XEP-0138" },
    { "urn:xmpp:csi:0",                       "client state indication, XEP-0352" },
    { NULL, NULL }
};

static gboolean
is_sm_namespace(const char *ns)
{
    return ns && g_str_has_prefix(ns, XMPPWS_NS_SM_PREFIX);
}

/* xml:lang: xm_attr_find only matches attributes without a namespace. */
static const xm_attr *
find_xml_lang(const xm_element *el)
{
    for (guint i = 0; i < el->n_attrs; i++) {
        const xm_attr *a = &el->attrs[i];
        if (g_str_equal(a->name, "lang") &&
            ((a->prefix && g_str_equal(a->prefix, "xml")) || (a->ns && g_str_equal(a->ns, XMPPWS_NS_XML))))
            return a;
    }
    return NULL;
}

static void
add_lang(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    const xm_attr *lang = find_xml_lang(el);
    if (lang)
        proto_tree_add_string(tree, hf_lang, msg->tvb, lang->value_span.offset, lang->value_span.length,
                              lang->value);
}

/* RFC 7395 §3.3.1: <open/> carries version="1.0" as the RFC 6120 stream
 * header would; Strophe.js fails the connection without it. */
static void
check_open_version(xmppws_msg *msg, proto_tree *tree, proto_item *version_item, const xm_element *el)
{
    const char *version = xm_attr_value(el, "version");

    if (!version) {
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_open_version, msg->tvb, el->span.offset,
                                     el->span.length,
                                     "<open/> without version=\"1.0\" (RFC 7395 3.3.1); "
                                     "Strophe.js rejects such a stream");
    } else if (!g_str_equal(version, "1.0")) {
        expert_add_info_format(msg->pinfo, version_item, &ei_open_version,
                               "<open/> with version=\"%s\" instead of \"1.0\" (RFC 7395 3.3.1); "
                               "Strophe.js rejects such a stream", version);
    }
}

static void
dissect_stream_header(xmppws_msg *msg, const xm_element *el, proto_tree *tree, gboolean rfc7395)
{
    proto_item *version_item = xmppws_tree_add_attribute(msg, tree, hf_version, el, "version");

    add_lang(msg, tree, el);
    if (rfc7395)
        check_open_version(msg, tree, version_item, el);
}

/* RFC 7395 §3.6.1: a <close/> with see-other-uri redirects the client. */
static void
dissect_close(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const xm_attr *uri = xm_attr_find(el, "see-other-uri");
    proto_item    *ti;

    if (!uri)
        return;
    ti = proto_tree_add_string(tree, hf_see_other_uri, msg->tvb, uri->value_span.offset,
                               uri->value_span.length, uri->value);
    expert_add_info_format(msg->pinfo, ti, &ei_see_other_uri,
                           "Redirect: the server tells the client to reconnect to %s (RFC 7395 3.6.1)",
                           uri->value);
}

/* <mechanisms><mechanism>PLAIN</mechanism>...</mechanisms> */
static void
add_mechanisms(xmppws_msg *msg, proto_tree *tree, const xm_element *mechanisms)
{
    for (const xm_element *m = mechanisms->first_child; m; m = m->next) {
        if (xm_is(m, "mechanism", XMPPWS_NS_SASL))
            xmppws_tree_add_text(msg, tree, hf_mechanism, m);
    }
}

static void
add_session(xmppws_msg *msg, proto_tree *tree, const xm_element *session)
{
    const xm_element *optional = xm_child(session, "optional", XMPPWS_NS_SESSION);
    if (optional)
        proto_tree_add_boolean(tree, hf_session_optional, msg->tvb, optional->span.offset,
                               optional->span.length, TRUE);
}

/* A feature is explained by the namespace of its element. */
static void
add_feature(xmppws_msg *msg, proto_tree *tree, const xm_element *f)
{
    proto_item *ti;
    proto_tree *sub;

    ti = proto_tree_add_string(tree, hf_feature, msg->tvb, f->span.offset, f->span.length, f->name);
    proto_item_append_text(ti, " (%s)", xmppws_meaning(f->ns, feature_meanings));
    sub = proto_item_add_subtree(ti, ett_features);
    if (xm_is(f, "mechanisms", XMPPWS_NS_SASL))
        add_mechanisms(msg, sub, f);
    else if (xm_is(f, "session", XMPPWS_NS_SESSION))
        add_session(msg, sub, f);
    else if (g_str_equal(f->name, "sm") && is_sm_namespace(f->ns))
        proto_tree_add_string(sub, hf_sm_version, msg->tvb, f->span.offset, f->span.length, f->ns);
}

static void
dissect_features(xmppws_msg *msg, const xm_element *features, proto_tree *tree)
{
    for (const xm_element *f = features->first_child; f; f = f->next)
        add_feature(msg, tree, f);
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    if (xm_is(el, "open", XMPPWS_NS_FRAMING)) {
        dissect_stream_header(msg, el, tree, TRUE);
    } else if (xm_is(el, "close", XMPPWS_NS_FRAMING)) {
        dissect_close(msg, el, tree);
    } else if (xm_is(el, "stream", XMPPWS_NS_STREAMS)) {
        /* Legacy framing: the server's header may carry the features in
         * the same message, as a child of the unclosed <stream:stream>. */
        const xm_element *features = xm_child(el, "features", XMPPWS_NS_STREAMS);
        dissect_stream_header(msg, el, tree, FALSE);
        if (features)
            dissect_features(msg, features, tree);
    } else if (xm_is(el, "features", XMPPWS_NS_STREAMS)) {
        dissect_features(msg, el, tree);
    }
}

void
xmppws_stream_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_version,
          { "Stream version", "xmppws.stream.version", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'version' attribute of <open/> or <stream:stream>: \"1.0\" for RFC 6120 XMPP "
            "(RFC 6120 4.7.5, RFC 7395 3.3.1)", HFILL }},
        { &hf_lang,
          { "Stream language", "xmppws.stream.lang", FT_STRING, BASE_NONE, NULL, 0x0,
            "The xml:lang attribute of <open/> or <stream:stream>: default language of the stream's "
            "human-readable text (RFC 6120 4.7.4)", HFILL }},
        { &hf_see_other_uri,
          { "See other URI", "xmppws.stream.see_other_uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'see-other-uri' attribute of <close/>: the WebSocket URI the server redirects the "
            "client to (RFC 7395 3.6.1)", HFILL }},
        { &hf_feature,
          { "Feature", "xmppws.features.feature", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of a stream feature offered in <stream:features> (mechanisms, starttls, bind, "
            "session, sm, c, ver, register, auth, ...; RFC 6120 4.3.2)", HFILL }},
        { &hf_mechanism,
          { "SASL mechanism offered", "xmppws.features.mechanism", FT_STRING, BASE_NONE, NULL, 0x0,
            "A SASL mechanism the server offers in <mechanisms> (PLAIN, SCRAM-SHA-1, ...; "
            "RFC 6120 6.4.1)", HFILL }},
        { &hf_sm_version,
          { "Stream management version", "xmppws.features.sm_version", FT_STRING, BASE_NONE, NULL, 0x0,
            "Namespace of an <sm/> feature: a XEP-0198 version the server supports "
            "(urn:xmpp:sm:3, urn:xmpp:sm:2)", HFILL }},
        { &hf_session_optional,
          { "Session optional", "xmppws.features.session_optional", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "Present (true) when the <session/> feature holds <optional/>: the client need not send "
            "the RFC 3921 session iq", HFILL }},
    };
    static gint *ett[] = {
        &ett_features,
    };
    static ei_register_info ei[] = {
        { &ei_open_version,
          { "xmppws.expert.open_version", PI_PROTOCOL, PI_NOTE,
            "<open/> without version=\"1.0\" (RFC 7395 3.3.1)", EXPFILL }},
        { &ei_see_other_uri,
          { "xmppws.expert.see_other_uri", PI_SEQUENCE, PI_NOTE,
            "<close/> redirects the client to another URI (RFC 7395 3.6.1)", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
