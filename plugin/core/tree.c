/* tree.c
 *
 * Tree items for a message's elements (see tree.h). Every item covers the
 * element's, attribute value's or text's own bytes in the message, as
 * recorded by the parse layer, and never the bytes of a hidden secret
 * (secrets.h). The generic view is built only when someone looks at it
 * (a visible tree, or a filter or column on its fields).
 *
 * Specs: RFC 6120 §8.1 (stanza attributes to, from, id, type, xml:lang).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tree.h"

#include <epan/expert.h>

#include "secrets.h"
#include "xmlscan.h"

/* Nested elements are shown to this depth below a top-level element; the
 * rest are summarised, which keeps hostile nesting within Wireshark's tree
 * depth limit. */
#define MAX_VIEW_DEPTH 16

static int hf_element = -1;
static int hf_namespace = -1;
static int hf_from = -1;
static int hf_to = -1;
static int hf_id = -1;
static int hf_type = -1;
static int hf_xml_element = -1;
static int hf_xml_namespace = -1;
static int hf_xml_attribute = -1;
static int hf_xml_text = -1;

static gint ett_element = -1;
static gint ett_xml_element = -1;

static expert_field ei_too_deep = EI_INIT;

static const char *
qualified_name(wmem_allocator_t *arena, const char *prefix, const char *name)
{
    return prefix ? wmem_strdup_printf(arena, "%s:%s", prefix, name) : name;
}

/* The stanza attributes of RFC 6120 §8.1 get fields of their own. */
static int
stanza_attribute_field(const xm_attr *attr)
{
    if (attr->ns)
        return -1;
    if (g_str_equal(attr->name, "from"))
        return hf_from;
    if (g_str_equal(attr->name, "to"))
        return hf_to;
    if (g_str_equal(attr->name, "id"))
        return hf_id;
    if (g_str_equal(attr->name, "type"))
        return hf_type;
    return -1;
}

static void
add_attribute(xmppws_msg *msg, proto_tree *tree, const xm_attr *attr, int hf)
{
    if (hf == -1) {
        proto_tree_add_string_format(tree, hf_xml_attribute, msg->tvb,
                                     attr->value_span.offset, attr->value_span.length, attr->value,
                                     "%s=\"%s\"", qualified_name(msg->pinfo->pool, attr->prefix, attr->name),
                                     attr->value);
    } else {
        proto_tree_add_string(tree, hf, msg->tvb, attr->value_span.offset, attr->value_span.length,
                              attr->value);
    }
}

static void
add_text(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    if (!el->text_len || xs_is_blank(el->text, el->text_len))
        return;
    /* A SASL element's own text, or text that carries one (e.g. an escaped
     * payload), is a secret wherever it sits (core/secrets.h). */
    if (xmppws_secrets_hide_text(el) || xmppws_secrets_may_be_in((const guint8 *)el->text, el->text_len))
        return;
    proto_tree_add_string(tree, hf_xml_text, msg->tvb, el->content.offset, el->content.length, el->text);
}

/* The generic view of the children of `parent`, which is `depth` levels
 * below a top-level element. Without `build` (nobody looks at the view)
 * only the nesting is checked, so the expert is the same either way. */
static void add_generic_children(xmppws_msg *msg, proto_tree *tree, const xm_element *parent, guint depth,
                                 gboolean build);

static void
add_generic_element(xmppws_msg *msg, proto_tree *tree, const xm_element *el, guint depth, gboolean build)
{
    xm_span     visible = xmppws_secrets_visible_span(el);
    proto_item *ti;
    proto_tree *sub;

    if (!build) {
        add_generic_children(msg, tree, el, depth + 1, FALSE);
        return;
    }
    ti = proto_tree_add_string_format(tree, hf_xml_element, msg->tvb, visible.offset, visible.length,
                                      el->name, "<%s>", qualified_name(msg->pinfo->pool, el->prefix, el->name));
    sub = proto_item_add_subtree(ti, ett_xml_element);
    if (el->ns)
        proto_tree_add_string(sub, hf_xml_namespace, msg->tvb, visible.offset, visible.length, el->ns);
    for (guint i = 0; i < el->n_attrs; i++)
        add_attribute(msg, sub, &el->attrs[i], -1);
    add_text(msg, sub, el);
    add_generic_children(msg, sub, el, depth + 1, TRUE);
}

static void
add_generic_children(xmppws_msg *msg, proto_tree *tree, const xm_element *parent, guint depth, gboolean build)
{
    if (!parent->first_child)
        return;
    if (depth > MAX_VIEW_DEPTH) {
        proto_tree_add_expert_format(tree, msg->pinfo, &ei_too_deep, msg->tvb,
                                     parent->content.offset, parent->content.length,
                                     "Elements nested deeper than %u levels are not shown", MAX_VIEW_DEPTH);
        return;
    }
    for (const xm_element *c = parent->first_child; c; c = c->next)
        add_generic_element(msg, tree, c, depth, build);
}

/* TRUE when the generic view would be seen: the tree is shown, or a filter
 * or column asks for one of its fields. */
static gboolean
generic_view_wanted(proto_tree *tree)
{
    return proto_field_is_referenced(tree, hf_xml_element) || proto_field_is_referenced(tree, hf_xml_namespace) ||
           proto_field_is_referenced(tree, hf_xml_attribute) || proto_field_is_referenced(tree, hf_xml_text);
}

proto_tree *
xmppws_tree_add_element(xmppws_msg *msg, const xm_element *el, const char *summary)
{
    xm_span     visible = xmppws_secrets_visible_span(el);
    proto_item *ti;
    proto_tree *tree;

    ti = proto_tree_add_string_format_value(msg->tree, hf_element, msg->tvb, visible.offset, visible.length,
                                            el->name, "%s", summary);
    tree = proto_item_add_subtree(ti, ett_element);
    if (el->ns)
        proto_tree_add_string(tree, hf_namespace, msg->tvb, visible.offset, visible.length, el->ns);
    for (guint i = 0; i < el->n_attrs; i++)
        add_attribute(msg, tree, &el->attrs[i], stanza_attribute_field(&el->attrs[i]));
    add_text(msg, tree, el);
    add_generic_children(msg, tree, el, 1, generic_view_wanted(tree));
    return tree;
}

void
xmppws_tree_add_generic(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    add_generic_element(msg, tree, el, 1, generic_view_wanted(tree));
}

proto_tree *
xmppws_tree_add_subtree(xmppws_msg *msg, proto_tree *tree, const xm_element *el, gint ett, const char *label)
{
    xm_span visible = xmppws_secrets_visible_span(el);
    return proto_tree_add_subtree(tree, msg->tvb, visible.offset, visible.length, ett, NULL, label);
}

proto_item *
xmppws_tree_add_attribute(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el, const char *name)
{
    const xm_attr *attr = xm_attr_find(el, name);
    if (!attr)
        return NULL;
    return proto_tree_add_string(tree, hf, msg->tvb, attr->value_span.offset, attr->value_span.length,
                                 attr->value);
}

proto_item *
xmppws_tree_add_text(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el)
{
    if (!el || !el->text_len)
        return NULL;
    return proto_tree_add_string(tree, hf, msg->tvb, el->content.offset, el->content.length, el->text);
}

void
xmppws_tree_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_element,
          { "Element", "xmppws.element", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of a top-level element of the message (open, features, auth, success, failure, "
            "iq, presence, message, close, error, ...)", HFILL }},
        { &hf_namespace,
          { "Namespace", "xmppws.namespace", FT_STRING, BASE_NONE, NULL, 0x0,
            "XML namespace of the top-level element", HFILL }},
        { &hf_from,
          { "From", "xmppws.from", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'from' attribute of the top-level element: the sender's JID (RFC 6120 8.1.2)", HFILL }},
        { &hf_to,
          { "To", "xmppws.to", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'to' attribute of the top-level element: the intended recipient's JID (RFC 6120 8.1.1)", HFILL }},
        { &hf_id,
          { "Id", "xmppws.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'id' attribute of the top-level element (RFC 6120 8.1.3; the stream id in a stream header)",
            HFILL }},
        { &hf_type,
          { "Type", "xmppws.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "The 'type' attribute of the top-level element (iq get/set/result/error, presence and message "
            "types; RFC 6120 8.1.4)", HFILL }},
        { &hf_xml_element,
          { "Element", "xmppws.xml.element", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of an element inside a top-level element", HFILL }},
        { &hf_xml_namespace,
          { "Namespace", "xmppws.xml.namespace", FT_STRING, BASE_NONE, NULL, 0x0,
            "XML namespace of an element inside a top-level element", HFILL }},
        { &hf_xml_attribute,
          { "Attribute", "xmppws.xml.attribute", FT_STRING, BASE_NONE, NULL, 0x0,
            "Value of an attribute that has no field of its own (the tree shows its name too)", HFILL }},
        { &hf_xml_text,
          { "Text", "xmppws.xml.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "Character data of an element, unescaped", HFILL }},
    };
    static gint *ett[] = {
        &ett_element,
        &ett_xml_element,
    };
    static ei_register_info ei[] = {
        { &ei_too_deep,
          { "xmppws.expert.too_deep", PI_UNDECODED, PI_NOTE,
            "Elements nested too deeply to show", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
