/* envelope.c
 *
 * The <Update> envelope: <event> (PUT/POST/DELETE, case varies),
 * <source>, <requestId>, <data> (child order varies); the feed kind from
 * the pubsub node; and the dispatch of each root element of <data> to its
 * decoder (decoders.h), or else to the generic view, so nothing is
 * dropped.
 *
 * Source: docs/finesse-reference.md §4.1 (nodes and feeds), §5 (the
 * envelope).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/expert.h>

#include "decoders.h"
#include "events.h"
#include "meaning.h"

static int hf_event = -1;
static int hf_source = -1;
static int hf_request_id = -1;
static int hf_feed = -1;
static int hf_node = -1;
static int hf_data = -1;

static gint ett_update = -1;
static gint ett_data = -1;

static expert_field ei_malformed = EI_INIT;

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

const char *
finesse_feed_name(finesse_feed feed)
{
    return val_to_str_const(feed, feed_vals, "Unknown");
}

/* docs/finesse-reference.md §4.1: the node is the feed's REST URI. */
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
    if (g_str_has_prefix(node, FINESSE_USER_PATH))
        return FINESSE_FEED_USER;
    if (g_str_has_prefix(node, FINESSE_TEAM_PATH))
        return FINESSE_FEED_TEAM;
    return FINESSE_FEED_UNKNOWN;
}

/* The event, upper-cased (its case varies), or NULL. */
static const char *
event_of(finesse_update *u)
{
    const char *text = finesse_child_value(u->update, "event");
    char       *upper;

    if (!text)
        return NULL;
    upper = wmem_strdup(u->msg.pinfo->pool, text);
    for (char *c = upper; *c; c++)
        *c = g_ascii_toupper(*c);
    return g_strstrip(upper);
}

static void
dissect_event(finesse_update *u, proto_tree *tree, const xm_element *event)
{
    proto_item *ti;

    if (event->first_child || !event->text_len) {
        finesse_add_generic(u, tree, event);
        return;
    }
    ti = proto_tree_add_string(tree, hf_event, u->msg.tvb, event->content.offset, event->content.length, u->event);
    xmppws_item_append_meaning(ti, u->event, event_meanings);
    finesse_add_attributes(u, ti, event);
}

static void
dissect_request_id(finesse_update *u, proto_tree *tree, const xm_element *request_id)
{
    proto_item *ti;

    if (request_id->first_child) {
        finesse_add_generic(u, tree, request_id);
        return;
    }
    ti = proto_tree_add_string(tree, hf_request_id, u->msg.tvb, request_id->content.offset,
                               request_id->content.length, request_id->text);
    finesse_add_attributes(u, ti, request_id);
    finesse_rest_link_update(u, tree, request_id->text);
}

/* <data>: each root element to its decoder (decoders.h), or else to the
 * generic view. */
static void
dissect_data(finesse_update *u, proto_tree *tree, const xm_element *data)
{
    proto_item *ti = proto_tree_add_string(tree, hf_data, u->msg.tvb, data->span.offset, data->span.length,
                                           data->first_child ? data->first_child->name : "");
    proto_tree *sub = proto_item_add_subtree(ti, ett_data);

    finesse_add_extras(u, sub, data);
    for (const xm_element *root = data->first_child; root; root = root->next) {
        finesse_decode_fn decode = finesse_decoder_for(root->name);
        if (decode) {
            decode(u, sub, root);
        } else {
            finesse_add_generic(u, sub, root);
            wmem_strbuf_append_printf(u->info, " %s%s%s", root->name, u->event ? " " : "", u->event ? u->event : "");
        }
    }
}

/* docs/finesse-reference.md §5; child order varies. */
static const finesse_child_spec update_children[] = {
    { "event",     FINESSE_STRUCT, NULL,       NULL, dissect_event,      FALSE },
    { "source",    FINESSE_TEXT,   &hf_source, NULL, NULL,               FALSE },
    { "requestId", FINESSE_STRUCT, NULL,       NULL, dissect_request_id, FALSE },
    { "data",      FINESSE_STRUCT, NULL,       NULL, dissect_data,       FALSE },
};

static void
add_feed(finesse_update *u, proto_tree *tree)
{
    if (u->node)
        proto_item_set_generated(proto_tree_add_string(tree, hf_node, u->msg.tvb, 0, 0, u->node));
    proto_item_set_generated(proto_tree_add_uint(tree, hf_feed, u->msg.tvb, 0, 0, u->feed));
    u->tap.feed = u->feed;
    u->tap.event = u->event;
}

/* The <Update>'s attributes and stray text, then its children in
 * document order (the data decoders see the event and source first). */
static void
add_update(finesse_update *u, proto_tree *tree)
{
    u->event = event_of(u);
    u->source = finesse_child_text(u->update, "source");
    finesse_add_extras(u, tree, u->update);
    finesse_dissect_children(u, tree, u->update, update_children, G_N_ELEMENTS(update_children));
    add_feed(u, tree);
}

const char *
finesse_envelope_dissect(finesse_update *u, proto_tree *tree, const xm_doc *doc, xm_span span)
{
    proto_item *ti = proto_tree_add_item(tree, proto_finesse, u->msg.tvb, span.offset, span.length, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_update);

    u->msg.tree = sub;
    u->feed = feed_of(u->node);
    if (doc && doc->status != XM_OK)
        expert_add_info_format(u->msg.pinfo, ti, &ei_malformed, "Malformed Finesse Update: %s (at byte %u)",
                               doc->error, doc->error_offset);
    if (!u->update)
        return NULL;
    add_update(u, sub);
    if (!u->published) {
        finesse_stats_queue(u);
        xmppws_events_note_update(&u->msg, u->tap.state, u->msg.tvb);
    }
    proto_item_append_text(ti, ": %s", wmem_strbuf_get_str(u->info));
    return wmem_strbuf_get_str(u->info);
}

void
finesse_envelope_register(int proto)
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
        &ett_update,
        &ett_data,
    };
    static ei_register_info ei[] = {
        { &ei_malformed,
          { "finesse.expert.malformed", PI_MALFORMED, PI_ERROR,
            "Malformed Finesse Update", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
