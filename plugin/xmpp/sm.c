/* sm.c
 *
 * XEP-0198 stream management: enabling it (<enable/>, <enabled/>), acks
 * (<r/>, <a h=.../>), resumption (<resume/>, <resumed/>) and <failed/>.
 * The element's name is already xmppws.element; this file adds the
 * attributes as typed fields. A client asking for stream management is
 * noted: whether the server grants it (<enabled/>) decides whether it gets
 * acks and can resume.
 *
 * Specs: XEP-0198 1.6 §3 (enable, enabled: id, location, max, resume),
 * §4 (r, a: h), §5 (resume, resumed: h, previd; failed with a stanza error
 * condition, §3 and §5), §7 (h is an xs:unsignedInt that wraps at 2^32).
 * Namespaces urn:xmpp:sm:3 and its predecessor urn:xmpp:sm:2.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <epan/expert.h>
#include <epan/unit_strings.h>

#include "namespaces.h"
#include "numbers.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"

static int hf_h = -1;
static int hf_id = -1;
static int hf_resume = -1;
static int hf_max = -1;
static int hf_previd = -1;
static int hf_location = -1;
static int hf_failed_condition = -1;

static expert_field ei_enable = EI_INIT;
static expert_field ei_failed = EI_INIT;
static expert_field ei_bad_value = EI_INIT;

static gboolean
is_sm(const xm_element *el)
{
    return el->ns && (g_str_equal(el->ns, XMPPWS_NS_SM_3) || g_str_equal(el->ns, XMPPWS_NS_SM_2));
}

static void
add_uint_attribute(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el, const char *name)
{
    const xm_attr *attr = xm_attr_find(el, name);
    guint32        value;

    if (!attr)
        return;
    if (xm_parse_uint32(attr->value, &value))
        proto_tree_add_uint(tree, hf, msg->tvb, attr->value_span.offset, attr->value_span.length, value);
    else
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_bad_value, msg->tvb, attr->value_span.offset,
                                     attr->value_span.length,
                                     "%s=\"%s\" is not a number from 0 to 4294967295 (XEP-0198 7)",
                                     name, attr->value);
}

static void
add_resume_attribute(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    const xm_attr *attr = xm_attr_find(el, "resume");
    gboolean       value;

    if (!attr)
        return;
    if (xm_parse_boolean(attr->value, &value))
        proto_tree_add_boolean(tree, hf_resume, msg->tvb, attr->value_span.offset, attr->value_span.length,
                               value);
    else
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_bad_value, msg->tvb, attr->value_span.offset,
                                     attr->value_span.length,
                                     "resume=\"%s\" is not a boolean (true, false, 1 or 0)", attr->value);
}

/* <failed/>: a stanza error condition says why (XEP-0198 §3, §5). */
static void
dissect_failed(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    const xm_element *condition = NULL;

    for (const xm_element *c = el->first_child; c && !condition; c = c->next) {
        if (c->ns && g_str_equal(c->ns, XMPPWS_NS_STANZA_ERRORS) && !g_str_equal(c->name, "text"))
            condition = c;
    }
    if (condition)
        proto_tree_add_string(tree, hf_failed_condition, msg->tvb, condition->span.offset,
                              condition->span.length, condition->name);
    proto_tree_add_expert_format(tree, msg->pinfo, &ei_failed, msg->tvb, el->span.offset, el->span.length,
                                 "stream management failed: %s", condition ? condition->name : "no condition");
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    if (!is_sm(el))
        return;

    add_uint_attribute(msg, tree, hf_h, el, "h");
    xmppws_tree_add_attribute(msg, tree, hf_id, el, "id");
    add_resume_attribute(msg, tree, el);
    add_uint_attribute(msg, tree, hf_max, el, "max");
    xmppws_tree_add_attribute(msg, tree, hf_previd, el, "previd");
    xmppws_tree_add_attribute(msg, tree, hf_location, el, "location");

    if (g_str_equal(el->name, "enable"))
        proto_tree_add_expert(tree, msg->pinfo, &ei_enable, msg->tvb, el->span.offset, el->span.length);
    else if (g_str_equal(el->name, "failed"))
        dissect_failed(msg, el, tree);
}

void
xmppws_sm_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_h,
          { "Handled count", "xmppws.sm.h", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The 'h' attribute of <a/>, <resume/>, <resumed/> or <failed/>: how many stanzas the sender "
            "has handled from its peer, modulo 2^32 (XEP-0198 4)", HFILL }},
        { &hf_id,
          { "Stream id", "xmppws.sm.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'id' attribute of <enabled/>: the id to resume this stream with (XEP-0198 3)", HFILL }},
        { &hf_resume,
          { "Resume", "xmppws.sm.resume", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The 'resume' attribute of <enable/> or <enabled/>: whether stream resumption is asked "
            "for or allowed (XEP-0198 3)", HFILL }},
        { &hf_max,
          { "Max resumption time", "xmppws.sm.max", FT_UINT32, BASE_DEC | BASE_UNIT_STRING,
            &units_second_seconds, 0x0,
            "The 'max' attribute of <enable/> or <enabled/>: the preferred or granted maximum time to "
            "resume the stream, in seconds (XEP-0198 3)", HFILL }},
        { &hf_previd,
          { "Previous stream id", "xmppws.sm.previd", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'previd' attribute of <resume/> or <resumed/>: the id of the stream being resumed "
            "(XEP-0198 5)", HFILL }},
        { &hf_location,
          { "Resume location", "xmppws.sm.location", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'location' attribute of <enabled/>: where the client should reconnect to resume "
            "(XEP-0198 3)", HFILL }},
        { &hf_failed_condition,
          { "Failed condition", "xmppws.sm.failed_condition", FT_STRING, BASE_NONE, NULL, 0x0,
            "The stanza error condition inside <failed/>, e.g. item-not-found for an unknown or expired "
            "previd, unexpected-request before binding (XEP-0198 3, 5)", HFILL }},
    };
    static ei_register_info ei[] = {
        { &ei_enable,
          { "xmppws.expert.sm_enable", PI_PROTOCOL, PI_NOTE,
            "Stream management requested (XEP-0198 3)", EXPFILL }},
        { &ei_failed,
          { "xmppws.expert.sm_failed", PI_PROTOCOL, PI_WARN,
            "Stream management failed (XEP-0198 3, 5)", EXPFILL }},
        { &ei_bad_value,
          { "xmppws.expert.sm_bad_value", PI_PROTOCOL, PI_WARN,
            "Stream management attribute with a value of the wrong type (XEP-0198 7)", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
