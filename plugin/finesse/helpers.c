/* helpers.c
 *
 * What the Finesse data decoders share (see update.h): case-insensitive
 * lookups, a field over a child's text, numbers and enumerations, subtrees,
 * collections, and the generic view of anything not decoded, so nothing in
 * <data> is dropped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/expert.h>

#include "meaning.h"
#include "numbers.h"
#include "tree.h"

static expert_field ei_not_a_number = EI_INIT;

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
finesse_or_unknown(const char *text)
{
    return (text && *text) ? text : "?";
}

const char *
finesse_add_child_text(finesse_update *u, proto_tree *tree, int hf, const xm_element *el, const char *name)
{
    const xm_element *c = finesse_child(el, name);
    if (!c)
        return NULL;
    proto_tree_add_string(tree, hf, u->msg.tvb, c->content.offset, c->content.length, c->text);
    return c->text;
}

gboolean
finesse_add_child_int(finesse_update *u, proto_tree *tree, int hf, const xm_element *el, const char *name,
                      gint32 *value)
{
    const xm_element *c = finesse_child(el, name);
    gint32 v;

    if (!c || !c->text_len)
        return FALSE;
    if (!xm_parse_int32(c->text, G_MININT32, G_MAXINT32, &v)) {
        proto_tree_add_expert_format(tree, u->msg.pinfo, &ei_not_a_number, u->msg.tvb, c->content.offset,
                                     c->content.length, "<%s> is not a number: %s", c->name, c->text);
        return FALSE;
    }
    if (proto_registrar_get_ftype(hf) == FT_UINT32)
        proto_tree_add_uint(tree, hf, u->msg.tvb, c->content.offset, c->content.length, (guint32)v);
    else
        proto_tree_add_int(tree, hf, u->msg.tvb, c->content.offset, c->content.length, v);
    if (value)
        *value = v;
    return TRUE;
}

const char *
finesse_add_child_enum(finesse_update *u, proto_tree *tree, int hf, const xm_element *el, const char *name,
                       const string_string *meanings)
{
    const xm_element *c = finesse_child(el, name);

    if (!c)
        return NULL;
    xmppws_item_append_meaning(proto_tree_add_string(tree, hf, u->msg.tvb, c->content.offset, c->content.length,
                                                     c->text),
                               c->text, meanings);
    return c->text;
}

/* TRUE when `c` is the child that finesse_child(parent, c->name) finds
 * and its name is in `decoded` (a repeated child is not decoded). */
static gboolean
is_decoded(const xm_element *parent, const xm_element *c, const char *const *decoded)
{
    for (; *decoded; decoded++) {
        if (finesse_name_is(c->name, *decoded))
            return finesse_child(parent, c->name) == c;
    }
    return FALSE;
}

void
finesse_add_undecoded(finesse_update *u, proto_tree *tree, const xm_element *el, const char *const *decoded)
{
    for (const xm_element *c = el->first_child; c; c = c->next) {
        if (!is_decoded(el, c, decoded))
            finesse_add_generic(u, tree, c);
    }
}

proto_tree *
finesse_subtree(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett, const char *label)
{
    return proto_tree_add_subtree(tree, u->msg.tvb, el->span.offset, el->span.length, ett, NULL, label);
}

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
    static ei_register_info ei[] = {
        { &ei_not_a_number,
          { "finesse.expert.not_a_number", PI_MALFORMED, PI_WARN,
            "Value is not a number", EXPFILL }},
    };

    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
