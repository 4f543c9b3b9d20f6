/* helpers.c
 *
 * What the Finesse data decoders share (see update.h): case-insensitive
 * lookups, the table-driven view of an element's children (a field per
 * known child, numbers and enumerations, subtrees for structures), the
 * attributes and stray text of decoded elements, collections, and the
 * generic view of anything not decoded, so nothing in an Update is
 * dropped.
 *
 * Source: docs/finesse-reference.md §5 (the document), §6 (the data),
 * §6.10 (what the tree shows of it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/expert.h>

#include "meaning.h"
#include "numbers.h"
#include "tree.h"
#include "xmlscan.h"

static int hf_attribute = -1;
static int hf_text = -1;

static gint ett_attributes = -1;

static expert_field ei_not_a_number = EI_INIT;

const string_string finesse_booleans[] = {
    { "true",  "yes" },
    { "false", "no" },
    { NULL, NULL }
};

/* ---- lookups ---------------------------------------------------------------- */

const xm_element *
finesse_child(const xm_element *el, const char *name)
{
    for (const xm_element *c = el ? el->first_child : NULL; c; c = c->next) {
        if (finesse_name_is(c->name, name))
            return c;
    }
    return NULL;
}

const char *
finesse_child_text(const xm_element *el, const char *name)
{
    const xm_element *c = finesse_child(el, name);
    return c ? c->text : NULL;
}

const char *
finesse_child_value(const xm_element *el, const char *name)
{
    const char *text = finesse_child_text(el, name);
    return (text && *text) ? text : NULL;
}

gboolean
finesse_child_int(const xm_element *el, const char *name, gint32 *value)
{
    const char *text = finesse_child_value(el, name);
    return text && xm_parse_int32(text, G_MININT32, G_MAXINT32, value);
}

const char *
finesse_path_id(finesse_update *u, const char *prefix)
{
    const char *path = (u->source && g_str_has_prefix(u->source, prefix)) ? u->source : u->node;
    const char *id, *end;

    if (!path || !g_str_has_prefix(path, prefix))
        return NULL;
    id = path + strlen(prefix);
    end = strchr(id, '/');
    return end ? wmem_strndup(u->msg.pinfo->pool, id, (gsize)(end - id)) : id;
}

const char *
finesse_or_unknown(const char *text)
{
    return (text && *text) ? text : "?";
}

const char *
finesse_count(finesse_update *u, gint64 count, const char *singular, const char *plural)
{
    return wmem_strdup_printf(u->msg.pinfo->pool, "%" G_GINT64_FORMAT " %s", count, count == 1 ? singular : plural);
}

/* ---- what a decoded element holds besides its known children --------------- */

static void
add_attribute_items(finesse_update *u, proto_tree *tree, const xm_element *el)
{
    for (guint i = 0; i < el->n_attrs; i++) {
        const xm_attr *a = &el->attrs[i];
        proto_tree_add_string_format(tree, hf_attribute, u->msg.tvb, a->value_span.offset, a->value_span.length,
                                     a->value, "%s%s%s=\"%s\"", a->prefix ? a->prefix : "", a->prefix ? ":" : "",
                                     a->name, a->value);
    }
}

void
finesse_add_attributes(finesse_update *u, proto_item *ti, const xm_element *el)
{
    if (el->n_attrs)
        add_attribute_items(u, proto_item_add_subtree(ti, ett_attributes), el);
}

void
finesse_add_extras(finesse_update *u, proto_tree *tree, const xm_element *el)
{
    add_attribute_items(u, tree, el);
    if (el->text_len && !xs_is_blank(el->text, el->text_len))
        proto_tree_add_string(tree, hf_text, u->msg.tvb, el->content.offset, el->content.length, el->text);
}

proto_tree *
finesse_subtree(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett, const char *label)
{
    proto_tree *sub = proto_tree_add_subtree(tree, u->msg.tvb, el->span.offset, el->span.length, ett, NULL, label);

    finesse_add_extras(u, sub, el);
    return sub;
}

/* ---- one known child -------------------------------------------------------- */

/* A number field over c's text; FALSE (and an expert for text that is not
 * a number) when there is none. */
static proto_item *
add_number(finesse_update *u, proto_tree *tree, int hf, const xm_element *c)
{
    gint32 v;

    if (!c->text_len)
        return NULL;
    if (!xm_parse_int32(c->text, G_MININT32, G_MAXINT32, &v)) {
        proto_tree_add_expert_format(tree, u->msg.pinfo, &ei_not_a_number, u->msg.tvb, c->content.offset,
                                     c->content.length, "<%s> is not a number: %s", c->name, c->text);
        return NULL;
    }
    if (proto_registrar_get_ftype(hf) == FT_UINT32)
        return proto_tree_add_uint(tree, hf, u->msg.tvb, c->content.offset, c->content.length, (guint32)v);
    return proto_tree_add_int(tree, hf, u->msg.tvb, c->content.offset, c->content.length, v);
}

/* A leaf child as its field; NULL when it cannot be one. */
static proto_item *
add_leaf(finesse_update *u, proto_tree *tree, const finesse_child_spec *spec, const xm_element *c)
{
    proto_item *ti;

    if (c->first_child)
        return NULL;
    if (spec->kind == FINESSE_NUMBER)
        return add_number(u, tree, *spec->hf, c);
    ti = proto_tree_add_string(tree, *spec->hf, u->msg.tvb, c->content.offset, c->content.length, c->text);
    if (spec->kind == FINESSE_ENUM)
        xmppws_item_append_meaning(ti, c->text, spec->meanings);
    return ti;
}

static void
add_known_child(finesse_update *u, proto_tree *tree, const finesse_child_spec *spec, const xm_element *c)
{
    proto_item *ti;

    if (spec->kind == FINESSE_STRUCT) {
        spec->dissect(u, tree, c);
        return;
    }
    ti = add_leaf(u, tree, spec, c);
    if (ti)
        finesse_add_attributes(u, ti, c);
    else
        finesse_add_generic(u, tree, c);
}

static gsize
spec_index(const char *name, const finesse_child_spec *specs, gsize n_specs)
{
    gsize i;

    for (i = 0; i < n_specs && !finesse_name_is(name, specs[i].name); i++)
        ;
    return i;
}

void
finesse_dissect_children(finesse_update *u, proto_tree *tree, const xm_element *el,
                         const finesse_child_spec *specs, gsize n_specs)
{
    guint64 seen = 0;   /* specs whose first occurrence was decoded */

    DISSECTOR_ASSERT(n_specs <= 64);
    for (const xm_element *c = el->first_child; c; c = c->next) {
        gsize   i = spec_index(c->name, specs, n_specs);
        guint64 bit = G_GUINT64_CONSTANT(1) << (i % 64);

        if (i == n_specs || ((seen & bit) && !specs[i].repeats)) {
            finesse_add_generic(u, tree, c);
            continue;
        }
        seen |= bit;
        add_known_child(u, tree, &specs[i], c);
    }
}

proto_tree *
finesse_dissect_struct(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett, const char *label,
                       const finesse_child_spec *specs, gsize n_specs)
{
    proto_tree *sub = finesse_subtree(u, tree, el, ett, label);

    finesse_dissect_children(u, sub, el, specs, n_specs);
    return sub;
}

/* ---- collections, and the rest ---------------------------------------------- */

void
finesse_dissect_collection(finesse_update *u, proto_tree *tree, const xm_element *collection, gint ett,
                           const char *name, const char *member, finesse_member_fn dissect_member)
{
    proto_tree *sub = finesse_subtree(u, tree, collection, ett, name);
    guint n = 0;

    wmem_strbuf_append_printf(u->info, " %s%s%s", name, u->event ? " " : "", u->event ? u->event : "");
    for (const xm_element *c = collection->first_child; c; c = c->next) {
        if (!finesse_name_is(c->name, member)) {
            finesse_add_generic(u, sub, c);
            continue;
        }
        if (n++)
            wmem_strbuf_append_c(u->info, ',');
        dissect_member(u, sub, c);
    }
    proto_item_append_text(proto_tree_get_parent(sub), " (%u)", n);
    if (!n)
        wmem_strbuf_append_printf(u->info, " (no %s)", member);
}

void
finesse_add_generic(finesse_update *u, proto_tree *tree, const xm_element *el)
{
    xmppws_tree_add_generic(&u->msg, tree, el);
}

void
finesse_helpers_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_attribute,
          { "Attribute", "finesse.attribute", FT_STRING, BASE_NONE, NULL, 0x0,
            "An XML attribute of a decoded element of the Update (no Finesse object documents one): shown "
            "as name=\"value\", its value filters", HFILL }},
        { &hf_text,
          { "Text", "finesse.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "Text a decoded element of the Update holds beside its child elements (no Finesse object "
            "documents any)", HFILL }},
    };
    static gint *ett[] = {
        &ett_attributes,
    };
    static ei_register_info ei[] = {
        { &ei_not_a_number,
          { "finesse.expert.not_a_number", PI_MALFORMED, PI_WARN,
            "Value is not a number", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
