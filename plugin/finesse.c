/* finesse.c
 *
 * Cisco Finesse Notification: the <Update> inside a pubsub item's
 * <notification> (see finesse.h). The payload normally is escaped text:
 * the parse layer has already unescaped it once, so it becomes a data
 * source of its own ("Finesse Update") and is parsed a second time, and
 * every finesse.* field highlights its bytes there. A payload sent as
 * child XML is decoded in place.
 *
 * The <Update> envelope: <event> (PUT/POST/DELETE, case varies), <source>,
 * <requestId>, <data> (child order varies). The feed kind comes from the
 * pubsub node.
 *
 * Source: finesse-notes.md §2.1-§2.3 (Cisco Finesse developer docs,
 * "Notification Parameters", and captured 12.5 notifications).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "finesse.h"

#include <string.h>

#include <epan/expert.h>
#include <wsutil/strtoi.h>

#include "elementtree.h"
#include "framing.h"

int proto_finesse = -1;

static int hf_event = -1;
static int hf_source = -1;
static int hf_request_id = -1;
static int hf_feed = -1;
static int hf_node = -1;
static int hf_data = -1;

static gint ett_finesse = -1;
static gint ett_data = -1;

static expert_field ei_malformed = EI_INIT;
static expert_field ei_not_a_number = EI_INIT;

static const value_string feed_vals[] = {
    { FINESSE_FEED_UNKNOWN,       "Unknown" },
    { FINESSE_FEED_USER,          "User" },
    { FINESSE_FEED_DIALOGS,       "Dialogs" },
    { FINESSE_FEED_DIALOGS_MEDIA, "Dialogs/Media" },
    { FINESSE_FEED_MEDIA,         "Media" },
    { FINESSE_FEED_TEAM,          "Team" },
    { FINESSE_FEED_QUEUE,         "Queue" },
    { FINESSE_FEED_USER_QUEUES,   "User Queues" },
    { FINESSE_FEED_SYSTEMINFO,    "SystemInfo" },
    { 0, NULL }
};

static const string_string event_meanings[] = {
    { "POST",   "an object was added" },
    { "PUT",    "an object changed" },
    { "DELETE", "an object was removed" },
    { NULL, NULL }
};

/* ---- helpers for the data decoders ----------------------------------- */

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
    if (!ws_strtoi32(g_strstrip(wmem_strdup(u->msg.pinfo->pool, c->text)), NULL, &v)) {
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
                       const string_string *meanings, const char *undocumented)
{
    const xm_element *c = finesse_child(el, name);
    const char *meaning;
    proto_item *ti;

    if (!c)
        return NULL;
    ti = proto_tree_add_string(tree, hf, u->msg.tvb, c->content.offset, c->content.length, c->text);
    meaning = c->text_len ? try_str_to_str(c->text, meanings) : NULL;
    if (!meaning && c->text_len)
        meaning = undocumented;
    if (meaning)
        proto_item_append_text(ti, " (%s)", meaning);
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
    proto_item *ti = proto_tree_add_item(tree, proto_finesse, u->msg.tvb, el->span.offset, el->span.length, ENC_NA);
    proto_item_set_text(ti, "%s", label);
    return proto_item_add_subtree(ti, ett);
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
    xmppws_add_generic_element(&u->msg, tree, el);
}

/* ---- the envelope ------------------------------------------------------ */

static finesse_feed
feed_of(const char *node)
{
    static const struct { const char *suffix; finesse_feed feed; } by_suffix[] = {
        { "/Dialogs/Media", FINESSE_FEED_DIALOGS_MEDIA },
        { "/Dialogs",       FINESSE_FEED_DIALOGS },
        { "/Media",         FINESSE_FEED_MEDIA },
        { "/Queues",        FINESSE_FEED_USER_QUEUES },
        { "/Users",         FINESSE_FEED_TEAM },
    };
    if (!node)
        return FINESSE_FEED_UNKNOWN;
    if (g_str_has_prefix(node, "/finesse/api/SystemInfo"))
        return FINESSE_FEED_SYSTEMINFO;
    if (g_str_has_prefix(node, "/finesse/api/Queue/"))
        return FINESSE_FEED_QUEUE;
    for (gsize i = 0; i < G_N_ELEMENTS(by_suffix); i++) {
        if (g_str_has_suffix(node, by_suffix[i].suffix))
            return by_suffix[i].feed;
    }
    if (g_str_has_prefix(node, "/finesse/api/User/"))
        return FINESSE_FEED_USER;
    if (g_str_has_prefix(node, "/finesse/api/Team/"))
        return FINESSE_FEED_TEAM;
    return FINESSE_FEED_UNKNOWN;
}

static void
add_envelope(finesse_update *u, proto_tree *tree)
{
    const xm_element *event = finesse_child(u->update, "event");
    proto_item *ti;

    if (event && event->text_len) {
        char *upper = g_ascii_strup(event->text, -1);
        u->event = wmem_strdup(u->msg.pinfo->pool, g_strstrip(upper));
        g_free(upper);
        ti = proto_tree_add_string(tree, hf_event, u->msg.tvb, event->content.offset, event->content.length,
                                   u->event);
        proto_item_append_text(ti, " (%s)", str_to_str(u->event, event_meanings, "unknown event"));
    }
    u->source = finesse_add_child_text(u, tree, hf_source, u->update, "source");
    finesse_rest_link_update(u, tree, finesse_add_child_text(u, tree, hf_request_id, u->update, "requestId"));
    if (u->node) {
        ti = proto_tree_add_string(tree, hf_node, u->msg.tvb, 0, 0, u->node);
        proto_item_set_generated(ti);
    }
    ti = proto_tree_add_uint(tree, hf_feed, u->msg.tvb, 0, 0, u->feed);
    proto_item_set_generated(ti);
    u->tap.feed = u->feed;
    u->tap.event = u->event;
}

static gboolean
decode_data_root(finesse_update *u, const xm_element *root, proto_tree *tree)
{
    return finesse_user_dissect(u, root, tree) ||
           finesse_dialog_dissect(u, root, tree) ||
           finesse_system_dissect(u, root, tree);
}

static void
add_data(finesse_update *u, proto_tree *tree)
{
    const xm_element *data = finesse_child(u->update, "data");
    proto_item *ti;
    proto_tree *sub;

    if (!data)
        return;
    u->tap.data_root = data->first_child ? data->first_child->name : NULL;
    ti = proto_tree_add_string(tree, hf_data, u->msg.tvb, data->span.offset, data->span.length,
                               data->first_child ? data->first_child->name : "");
    sub = proto_item_add_subtree(ti, ett_data);
    for (const xm_element *root = data->first_child; root; root = root->next) {
        if (!decode_data_root(u, root, sub)) {
            finesse_add_generic(u, sub, root);
            wmem_strbuf_append_printf(u->info, " %s%s%s", root->name, u->event ? " " : "", u->event ? u->event : "");
        }
    }
}

/* `span`: the Update document in its own data source, or the <Update>
 * element inside the XMPP message. */
static const char *
dissect_update(finesse_update *u, proto_tree *tree, const xm_doc *doc, xm_span span)
{
    proto_item *ti = proto_tree_add_item(tree, proto_finesse, u->msg.tvb, span.offset, span.length, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_finesse);

    u->msg.tree = sub;
    if (doc && doc->status != XM_OK)
        expert_add_info_format(u->msg.pinfo, ti, &ei_malformed, "Malformed Finesse Update: %s (at byte %u)",
                               doc->error, doc->error_offset);
    if (!u->update)
        return NULL;
    add_envelope(u, sub);
    add_data(u, sub);
    if (!u->published)
        finesse_stats_queue(u);
    proto_item_append_text(ti, ": %s", wmem_strbuf_get_str(u->info));
    return wmem_strbuf_get_str(u->info);
}

/* The escaped payload: a data source of its own, parsed again. */
static const char *
dissect_escaped(finesse_update *u, const xm_element *payload, proto_tree *tree)
{
    const guint8 *text = (const guint8 *)payload->text;
    guint32       len = (guint32)payload->text_len;
    tvbuff_t     *tvb = tvb_new_child_real_data(u->msg.tvb, text, len, (gint)len);
    xm_parse_opts opts = { framing_xml_declaration_length(text, len), NULL };
    xm_span       whole = { 0, len };
    xm_doc       *doc;

    add_new_data_source(u->msg.pinfo, tvb, "Finesse Update");
    u->msg.tvb = tvb;
    doc = xm_parse(u->msg.pinfo->pool, text, len, &opts);
    u->update = (doc->first && finesse_name_is(doc->first->name, "Update")) ? doc->first : NULL;
    return dissect_update(u, tree, doc, whole);
}

/* Escaped text whose first element is <Update> (after an optional XML
 * declaration, and a DOCTYPE, which the parse then reports). */
static gboolean
looks_like_update(const char *text, gsize len)
{
    const char *p = text + framing_prolog_length((const guint8 *)text, (guint32)len);

    while (g_ascii_isspace(*p))
        p++;
    return g_ascii_strncasecmp(p, "<Update", 7) == 0 &&
           (p[7] == '>' || p[7] == '/' || g_ascii_isspace(p[7]));
}

/* A c2s publish rather than a notification a desktop received. */
static gboolean
is_publish(const xm_element *payload)
{
    const xm_element *item = payload->parent;
    return item && item->parent && g_str_equal(item->parent->name, "publish");
}

const char *
finesse_feed_name(finesse_feed feed)
{
    return val_to_str_const(feed, feed_vals, "Unknown");
}

const char *
finesse_dissect_payload(xmppws_msg *msg, const xm_element *payload, const char *node, proto_tree *tree)
{
    const xm_element *child = finesse_child(payload, "Update");
    finesse_update u;

    if (!child && !(payload->text_len && looks_like_update(payload->text, payload->text_len)))
        return NULL;
    memset(&u, 0, sizeof u);
    u.msg = *msg;
    u.node = node;
    u.feed = feed_of(node);
    u.key = (msg->index << 24) ^ payload->span.offset;
    u.info = wmem_strbuf_new(msg->pinfo->pool, "Finesse");
    u.tap.reason_code_id = -1;
    u.published = is_publish(payload);
    if (child) {
        u.update = child;
        return dissect_update(&u, tree, NULL, child->span);
    }
    return dissect_escaped(&u, payload, tree);
}

void
finesse_register(void)
{
    static hf_register_info hf[] = {
        { &hf_event,
          { "Event", "finesse.event", FT_STRING, BASE_NONE, NULL, 0x0,
            "What happened to the object: POST (added), PUT (changed), DELETE (removed); upper-cased", HFILL }},
        { &hf_source,
          { "Source", "finesse.source", FT_STRING, BASE_NONE, NULL, 0x0,
            "URI of the object that changed, e.g. /finesse/api/User/1001 or /finesse/api/Dialog/16777217",
            HFILL }},
        { &hf_request_id,
          { "Request id", "finesse.request_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "requestId header of the REST request that caused this event (empty when unsolicited)", HFILL }},
        { &hf_feed,
          { "Feed", "finesse.feed", FT_UINT8, BASE_DEC, VALS(feed_vals), 0x0,
            "Kind of notification feed, from the pubsub node", HFILL }},
        { &hf_node,
          { "Node", "finesse.node", FT_STRING, BASE_NONE, NULL, 0x0,
            "Pubsub node the Update was published on", HFILL }},
        { &hf_data,
          { "Data", "finesse.data", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the object in <data> (user, dialog, dialogs, team, Queue, SystemInfo, apiErrors, ...)", HFILL }},
    };
    static gint *ett[] = {
        &ett_finesse,
        &ett_data,
    };
    static ei_register_info ei[] = {
        { &ei_malformed,
          { "finesse.expert.malformed", PI_MALFORMED, PI_ERROR,
            "Malformed Finesse Update", EXPFILL }},
        { &ei_not_a_number,
          { "finesse.expert.not_a_number", PI_MALFORMED, PI_WARN,
            "Value is not a number", EXPFILL }},
    };

    proto_finesse = proto_register_protocol("Cisco Finesse Notification", "Finesse", "finesse");
    proto_register_field_array(proto_finesse, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_finesse), ei, array_length(ei));

    finesse_stats_register();
    finesse_rest_register(proto_finesse);
    finesse_user_register(proto_finesse);
    finesse_dialog_register(proto_finesse);
    finesse_system_register(proto_finesse);
}
