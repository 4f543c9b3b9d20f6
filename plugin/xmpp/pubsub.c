/* pubsub.c
 *
 * XEP-0060 Publish-Subscribe, the way clients subscribe to nodes and a
 * pubsub service delivers events:
 *
 *   - requests and results: an <iq> whose <pubsub> child is in
 *     http://jabber.org/protocol/pubsub or ...pubsub#owner. Every child of
 *     <pubsub> is an action (subscribe, unsubscribe, subscription,
 *     subscriptions, items, publish, retract, options, affiliations,
 *     create, configure, delete, purge, default, ...) with its node, jid,
 *     subid, subscription and affiliation attributes; every <subscription>
 *     or <affiliation> of a list is an entry of its own; every <item> gives
 *     its id. Any iq type is read: an error reply usually echoes the
 *     request's <pubsub>, which tells which node failed. The item payload
 *     of a publish request is offered to the payload decoders (below).
 *   - event notifications: a <message> whose <event> child is in
 *     http://jabber.org/protocol/pubsub#event: the kind of event (items,
 *     purge, delete, configuration, subscription), its node, the id of
 *     every item and of every retracted item, and each item's payload
 *     element: its name and the length of its text. Each payload is offered
 *     to the decoders on the heuristic list XMPPWS_PUBSUB_PAYLOAD_LIST
 *     (xmpp.h), which a product's protocol registers on.
 *   - SHIM headers (<headers><header name="...">) of a message, among them
 *     the SubID OpenFire adds when one JID holds several subscriptions to a
 *     node.
 *
 * Expert info: a subscribe request for a bare JID (no resource) that the
 * connection never unsubscribes in the capture: such a subscription
 * belongs to the account, not to the session (XEP-0060 §6.1), so it
 * outlives the session, and each one more of them for the same node makes
 * every event arrive once more.
 *
 * Specs: XEP-0060 1.x (§4.1 affiliations, §4.2 subscription states, §4.3
 * event types, §5-§8 the use cases), XEP-0131 (SHIM headers), RFC 6120
 * §8.2.3 (iq semantics).
 * Limitations: the data forms (jabber:x:data) of options, configure,
 * default and publish-options are left to the generic view; payloads other
 * than text are shown by name only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <string.h>

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "compat.h"
#include "connection.h"
#include "keys.h"
#include "meaning.h"
#include "namespaces.h"
#include "pipeline.h"
#include "protocol.h"
#include "tree.h"
#include "xmpp.h"

static int hf_pubsub = -1;
static int hf_action = -1;
static int hf_node = -1;
static int hf_jid = -1;
static int hf_subid = -1;
static int hf_subscription = -1;
static int hf_affiliation = -1;
static int hf_item_id = -1;
static int hf_entry = -1;
static int hf_event = -1;
static int hf_event_kind = -1;
static int hf_event_node = -1;
static int hf_event_item_id = -1;
static int hf_event_retract = -1;
static int hf_event_jid = -1;
static int hf_event_subscription = -1;
static int hf_event_subid = -1;
static int hf_event_payload = -1;
static int hf_event_payload_length = -1;
static int hf_shim = -1;
static int hf_shim_name = -1;
static int hf_shim_value = -1;

static gint ett_pubsub = -1;
static gint ett_action = -1;
static gint ett_entry = -1;
static gint ett_event = -1;
static gint ett_event_kind = -1;
static gint ett_event_item = -1;
static gint ett_shim = -1;
static gint ett_shim_header = -1;

static expert_field ei_bare_jid_subscribe = EI_INIT;

static heur_dissector_list_t payload_decoders;

/* XEP-0060 actions: the children of <pubsub> (and of <pubsub> in the
 * #owner namespace: configure, default, delete, purge, subscriptions,
 * affiliations). */
static const string_string action_meanings[] = {
    { "subscribe",         "request to subscribe to a node" },
    { "unsubscribe",       "request to unsubscribe from a node" },
    { "subscription",      "the state of one subscription, as the result of subscribe or unsubscribe" },
    { "subscriptions",     "request for, or list of, subscriptions" },
    { "items",             "request for, or list of, a node's items" },
    { "item",              "one item" },
    { "publish",           "request to publish an item to a node" },
    { "publish-options",   "publishing options (preconditions) of a publish request" },
    { "retract",           "request to delete an item from a node" },
    { "options",           "subscription options (a data form)" },
    { "subscribe-options", "the node supports subscription options" },
    { "affiliations",      "request for, or list of, affiliations" },
    { "create",            "request to create a node" },
    { "configure",         "node configuration (a data form)" },
    { "default",           "request for the default node or subscription configuration" },
    { "delete",            "request to delete a node" },
    { "purge",             "request to delete all items of a node" },
    { NULL, NULL }
};

/* XEP-0060 §4.2 */
static const string_string subscription_meanings[] = {
    { "none",         "no subscription" },
    { "pending",      "waiting for a node owner's approval" },
    { "unconfigured", "subscription options must be configured before events are sent" },
    { "subscribed",   "active: events are sent" },
    { NULL, NULL }
};

/* XEP-0060 §4.1 */
static const string_string affiliation_meanings[] = {
    { "owner",        "manages the node" },
    { "publisher",    "may publish and delete items" },
    { "publish-only", "may publish, not subscribe" },
    { "member",       "may subscribe and retrieve items" },
    { "none",         "no affiliation" },
    { "outcast",      "banned from the node" },
    { NULL, NULL }
};

/* XEP-0060 §4.3: the children of <event>. */
static const string_string event_kind_meanings[] = {
    { "items",         "items published to, or retracted from, a node" },
    { "purge",         "all items of the node were deleted" },
    { "delete",        "the node was deleted" },
    { "configuration", "the node's configuration changed" },
    { "subscription",  "the state of a subscription changed" },
    { "collection",    "a node was associated with or removed from a collection" },
    { NULL, NULL }
};

/* ---- helpers ----------------------------------------------------------- */

static proto_item *
add_described_attribute(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el, const char *name,
                        const string_string *meanings)
{
    proto_item *ti = xmppws_tree_add_attribute(msg, tree, hf, el, name);
    xmppws_item_append_meaning(ti, xm_attr_value(el, name), meanings);
    return ti;
}

static gboolean
is_bare_jid(const char *jid)
{
    return strchr(jid, '/') == NULL;
}

static const xm_element *
find_child_in(const xm_element *el, const char *name, const char *ns1, const char *ns2)
{
    const xm_element *c = xm_child(el, name, ns1);
    return c ? c : xm_child(el, name, ns2);
}

/* ---- requests and results (<iq><pubsub>) ------------------------------- */

/* The attributes XEP-0060 puts on actions and on list entries; returns
 * the jid's item. */
static proto_item *
add_subscription_attributes(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    proto_item *jid;

    xmppws_tree_add_attribute(msg, tree, hf_node, el, "node");
    jid = xmppws_tree_add_attribute(msg, tree, hf_jid, el, "jid");
    xmppws_tree_add_attribute(msg, tree, hf_subid, el, "subid");
    add_described_attribute(msg, tree, hf_subscription, el, "subscription", subscription_meanings);
    add_described_attribute(msg, tree, hf_affiliation, el, "affiliation", affiliation_meanings);
    return jid;
}

/* One <subscription> of <subscriptions>, or one <affiliation> of
 * <affiliations>: "Subscription: node, jid, state". */
static void
add_entry(xmppws_msg *msg, proto_tree *tree, const xm_element *el)
{
    const char *state = xm_attr_value(el, g_str_equal(el->name, "affiliation") ? "affiliation" : "subscription");
    const char *node = xm_attr_value(el, "node");
    const char *jid = xm_attr_value(el, "jid");
    proto_item *ti;

    ti = proto_tree_add_none_format(tree, hf_entry, msg->tvb, el->span.offset, el->span.length,
                                    "%c%s: %s%s%s%s%s", g_ascii_toupper(el->name[0]), el->name + 1,
                                    node ? node : "", node && jid ? ", " : "", jid ? jid : "",
                                    (node || jid) && state ? ", " : "", state ? state : "");
    add_subscription_attributes(msg, proto_item_add_subtree(ti, ett_entry), el);
}

/* ---- payloads ------------------------------------------------------------ */

/* Offers an item's payload to the decoders registered for payloads; the
 * one that takes it may give the message's Info column text. Payloads of
 * one message are numbered in document order. */
static void
offer_payload(xmppws_msg *msg, const xm_element *payload, const char *node, gboolean published)
{
    guint32               key = xmppws_key(XMPPWS_KEY_PAYLOAD_COUNT, msg->index, 0);
    xmppws_pubsub_payload offered = { msg, payload, node, published, xmppws_count_in_frame(msg->pinfo, key), NULL };
    heur_dtbl_entry_t    *entry;

    if (dissector_try_heuristic(payload_decoders, msg->tvb, msg->pinfo, msg->root, &entry, &offered) &&
        offered.info)
        xmppws_message_add_info(msg, offered.info);
}

/* A publish request's item carries its payload client to server. */
static void
add_published_item(xmppws_msg *msg, proto_tree *tree, const xm_element *action, const xm_element *item)
{
    xmppws_tree_add_attribute(msg, tree, hf_item_id, item, "id");
    if (g_str_equal(action->name, "publish") && item->first_child)
        offer_payload(msg, item->first_child, xm_attr_value(action, "node"), TRUE);
}

static void
add_action_children(xmppws_msg *msg, proto_tree *tree, const xm_element *action)
{
    for (const xm_element *c = action->first_child; c; c = c->next) {
        if (g_str_equal(c->name, "subscription") || g_str_equal(c->name, "affiliation"))
            add_entry(msg, tree, c);
        else if (g_str_equal(c->name, "item"))
            add_published_item(msg, tree, action, c);
    }
}

/* ---- bare-JID subscriptions left behind (XEP-0060 §6.1, §6.2) ---------- */

/* A subscribe request for a bare JID; undone once the client unsubscribes
 * the same node and JID on the same connection. */
typedef struct {
    gboolean undone;
} bare_subscription;

static const char *
subscription_key(const xm_element *action, const char *jid)
{
    const char *node = xm_attr_value(action, "node");

    return wmem_strdup_printf(wmem_file_scope(), "%s %s", node ? node : "", jid);
}

/* First pass: a bare-JID subscribe starts a record, kept with its element;
 * an unsubscribe of the same node and JID undoes the latest one. */
static void
note_bare_subscription(xmppws_msg *msg, const xm_element *iq, const xm_element *action, const char *jid)
{
    wmem_map_t        *open = msg->conn->session.bare_subscriptions;
    const char        *key = subscription_key(action, jid);
    bare_subscription *s;

    if (g_str_equal(action->name, "subscribe")) {
        s = wmem_new0(wmem_file_scope(), bare_subscription);
        wmem_map_insert(open, key, s);
        p_add_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws,
                         xmppws_key(XMPPWS_KEY_SUBSCRIPTION, msg->index, iq->ordinal), s);
    } else if ((s = (bare_subscription *)wmem_map_remove(open, key)) != NULL) {
        s->undone = TRUE;
    }
}

/* A subscribe or unsubscribe request (not an error reply echoing it) for a
 * bare JID. Whether the subscription was left behind is known once the
 * whole capture was seen (second pass: the GUI, or tshark -2). */
static void
check_subscribe_jid(xmppws_msg *msg, const xm_element *iq, const xm_element *action, proto_item *jid_item)
{
    const char        *jid = xm_attr_value(action, "jid");
    const char        *type = xm_attr_value(iq, "type");
    bare_subscription *s;

    if (!jid || !is_bare_jid(jid) || !type || !g_str_equal(type, "set") || !msg->conn ||
        !(g_str_equal(action->name, "subscribe") || g_str_equal(action->name, "unsubscribe")))
        return;
    if (!PINFO_FD_VISITED(msg->pinfo)) {
        note_bare_subscription(msg, iq, action, jid);
        return;
    }
    s = (bare_subscription *)p_get_proto_data(wmem_file_scope(), msg->pinfo, proto_xmppws,
                                              xmppws_key(XMPPWS_KEY_SUBSCRIPTION, msg->index, iq->ordinal));
    if (s && !s->undone)
        expert_add_info(msg->pinfo, jid_item, &ei_bare_jid_subscribe);
}

static void
add_action(xmppws_msg *msg, proto_tree *tree, const xm_element *iq, const xm_element *action)
{
    proto_item *ti, *jid;
    proto_tree *sub;

    ti = proto_tree_add_string(tree, hf_action, msg->tvb, action->span.offset, action->span.length, action->name);
    xmppws_item_append_meaning(ti, action->name, action_meanings);
    sub = proto_item_add_subtree(ti, ett_action);
    jid = add_subscription_attributes(msg, sub, action);
    check_subscribe_jid(msg, iq, action, jid);
    add_action_children(msg, sub, action);
}

static void
dissect_request(xmppws_msg *msg, const xm_element *iq, const xm_element *pubsub, proto_tree *tree)
{
    gboolean    owner = g_str_equal(pubsub->ns, XMPPWS_NS_PUBSUB_OWNER);
    proto_item *ti;
    proto_tree *sub;

    ti = proto_tree_add_none_format(tree, hf_pubsub, msg->tvb, pubsub->span.offset, pubsub->span.length,
                                    owner ? "PubSub (owner)" : "PubSub");
    sub = proto_item_add_subtree(ti, ett_pubsub);
    for (const xm_element *action = pubsub->first_child; action; action = action->next)
        add_action(msg, sub, iq, action);
}

/* ---- event notifications (<message><event>) ---------------------------- */

/* The item's payload: its first child element, and the length of its text
 * (unescaped) when it holds text rather than elements. */
static void
add_payload(xmppws_msg *msg, proto_tree *tree, const xm_element *item)
{
    const xm_element *payload = item->first_child;
    guint32           length;
    proto_item       *ti;

    if (!payload)
        return;
    length = payload->first_child ? 0 : (guint32)MIN(payload->text_len, G_MAXUINT32);
    ti = proto_tree_add_string(tree, hf_event_payload, msg->tvb, payload->span.offset, payload->span.length,
                               payload->name);
    if (payload->ns)
        proto_item_append_text(ti, " (namespace %s)", payload->ns);
    proto_tree_add_uint(tree, hf_event_payload_length, msg->tvb, payload->content.offset,
                        payload->content.length, length);
    offer_payload(msg, payload, xm_attr_value(item->parent, "node"), FALSE);
}

static void
add_event_item(xmppws_msg *msg, proto_tree *tree, const xm_element *item)
{
    proto_item *ti = xmppws_tree_add_attribute(msg, tree, hf_event_item_id, item, "id");

    /* Without an id (transient nodes), the payload goes straight under the kind. */
    add_payload(msg, ti ? proto_item_add_subtree(ti, ett_event_item) : tree, item);
}

static void
add_event_kind(xmppws_msg *msg, proto_tree *tree, const xm_element *kind)
{
    proto_item *ti;
    proto_tree *sub;

    ti = proto_tree_add_string(tree, hf_event_kind, msg->tvb, kind->span.offset, kind->span.length, kind->name);
    xmppws_item_append_meaning(ti, kind->name, event_kind_meanings);
    sub = proto_item_add_subtree(ti, ett_event_kind);
    xmppws_tree_add_attribute(msg, sub, hf_event_node, kind, "node");
    xmppws_tree_add_attribute(msg, sub, hf_event_jid, kind, "jid");
    xmppws_tree_add_attribute(msg, sub, hf_event_subid, kind, "subid");
    add_described_attribute(msg, sub, hf_event_subscription, kind, "subscription", subscription_meanings);
    for (const xm_element *c = kind->first_child; c; c = c->next) {
        if (g_str_equal(c->name, "item"))
            add_event_item(msg, sub, c);
        else if (g_str_equal(c->name, "retract"))
            xmppws_tree_add_attribute(msg, sub, hf_event_retract, c, "id");
    }
}

static proto_tree *
dissect_event(xmppws_msg *msg, const xm_element *event, proto_tree *tree)
{
    proto_item *ti;
    proto_tree *sub;

    ti = proto_tree_add_none_format(tree, hf_event, msg->tvb, event->span.offset, event->span.length,
                                    "PubSub event");
    sub = proto_item_add_subtree(ti, ett_event);
    for (const xm_element *kind = event->first_child; kind; kind = kind->next)
        add_event_kind(msg, sub, kind);
    return sub;
}

/* ---- SHIM headers ------------------------------------------------------ */

static void
add_shim_header(xmppws_msg *msg, proto_tree *tree, const xm_element *header)
{
    const char *name = xm_attr_value(header, "name");
    proto_item *ti;
    proto_tree *sub;

    ti = xmppws_tree_add_attribute(msg, tree, hf_shim_name, header, "name");
    if (ti)
        proto_item_append_text(ti, " = %s", header->text);
    sub = ti ? proto_item_add_subtree(ti, ett_shim_header) : tree;
    xmppws_tree_add_text(msg, sub, hf_shim_value, header);
    if (name && g_ascii_strcasecmp(name, "SubID") == 0)
        xmppws_tree_add_text(msg, sub, hf_event_subid, header);
}

static void
dissect_shim(xmppws_msg *msg, const xm_element *headers, proto_tree *tree)
{
    proto_item *ti;
    proto_tree *sub;

    ti = proto_tree_add_none_format(tree, hf_shim, msg->tvb, headers->span.offset, headers->span.length,
                                    "SHIM headers");
    sub = proto_item_add_subtree(ti, ett_shim);
    for (const xm_element *h = headers->first_child; h; h = h->next) {
        if (xm_is(h, "header", XMPPWS_NS_SHIM))
            add_shim_header(msg, sub, h);
    }
}

/* ---- entry points ------------------------------------------------------ */

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    if (g_str_equal(el->name, "iq")) {
        const xm_element *pubsub = find_child_in(el, "pubsub", XMPPWS_NS_PUBSUB, XMPPWS_NS_PUBSUB_OWNER);
        if (pubsub)
            dissect_request(msg, el, pubsub, tree);
    } else if (g_str_equal(el->name, "message")) {
        const xm_element *event = xm_child(el, "event", XMPPWS_NS_PUBSUB_EVENT);
        const xm_element *headers = xm_child(el, "headers", XMPPWS_NS_SHIM);
        proto_tree *event_tree = event ? dissect_event(msg, event, tree) : NULL;
        if (headers)
            dissect_shim(msg, headers, event_tree ? event_tree : tree);
    }
}

void
xmppws_pubsub_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };
    static hf_register_info hf[] = {
        { &hf_pubsub,
          { "PubSub", "xmppws.pubsub", FT_NONE, BASE_NONE, NULL, 0x0,
            "A XEP-0060 publish-subscribe request or result: the <pubsub> child of an iq "
            "(namespace http://jabber.org/protocol/pubsub or its #owner variant)", HFILL }},
        { &hf_action,
          { "Action", "xmppws.pubsub.action", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of a child of <pubsub>: subscribe, unsubscribe, subscription, subscriptions, items, "
            "publish, retract, options, affiliations, create, configure, delete, purge, default, ...", HFILL }},
        { &hf_node,
          { "Node", "xmppws.pubsub.node", FT_STRING, BASE_NONE, NULL, 0x0,
            "The node a pubsub request or result is about", HFILL }},
        { &hf_jid,
          { "JID", "xmppws.pubsub.jid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The subscriber's (or affiliated entity's) JID in a pubsub request or result; a bare JID "
            "(no /resource) subscribes every session of the user", HFILL }},
        { &hf_subid,
          { "Subscription ID", "xmppws.pubsub.subid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The subid the service gave a subscription (XEP-0060 6.1.6); needed to tell several "
            "subscriptions of one JID to one node apart", HFILL }},
        { &hf_subscription,
          { "Subscription", "xmppws.pubsub.subscription", FT_STRING, BASE_NONE, NULL, 0x0,
            "State of a subscription (XEP-0060 4.2): none, pending, unconfigured or subscribed", HFILL }},
        { &hf_affiliation,
          { "Affiliation", "xmppws.pubsub.affiliation", FT_STRING, BASE_NONE, NULL, 0x0,
            "An entity's affiliation with a node (XEP-0060 4.1): owner, publisher, publish-only, member, "
            "none or outcast", HFILL }},
        { &hf_item_id,
          { "Item ID", "xmppws.pubsub.item_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The id of an <item> in an items, publish or retract request or result", HFILL }},
        { &hf_entry,
          { "List entry", "xmppws.pubsub.entry", FT_NONE, BASE_NONE, NULL, 0x0,
            "One <subscription> of a <subscriptions> list, or one <affiliation> of an <affiliations> list",
            HFILL }},
        { &hf_event,
          { "PubSub event", "xmppws.event", FT_NONE, BASE_NONE, NULL, 0x0,
            "A XEP-0060 event notification: the <event> child (http://jabber.org/protocol/pubsub#event) of "
            "a message from the pubsub service", HFILL }},
        { &hf_event_kind,
          { "Kind", "xmppws.event.kind", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the event notifies (XEP-0060 4.3): items, purge, delete, configuration or subscription",
            HFILL }},
        { &hf_event_node,
          { "Node", "xmppws.event.node", FT_STRING, BASE_NONE, NULL, 0x0,
            "The node the event comes from", HFILL }},
        { &hf_event_item_id,
          { "Item ID", "xmppws.event.item_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The id of a published item in an event (useful to order and de-duplicate notifications)",
            HFILL }},
        { &hf_event_retract,
          { "Retracted item", "xmppws.event.retract", FT_STRING, BASE_NONE, NULL, 0x0,
            "The id of an item deleted from the node (<retract id=...> in an items event)", HFILL }},
        { &hf_event_jid,
          { "JID", "xmppws.event.jid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The subscriber's JID in a subscription event", HFILL }},
        { &hf_event_subscription,
          { "Subscription", "xmppws.event.subscription", FT_STRING, BASE_NONE, NULL, 0x0,
            "The new state in a subscription event: none, pending, unconfigured or subscribed", HFILL }},
        { &hf_event_subid,
          { "Subscription ID", "xmppws.event.subid", FT_STRING, BASE_NONE, NULL, 0x0,
            "The subscription an event was sent for: the SubID SHIM header (sent when one JID holds several "
            "subscriptions to the node) or the subid of a subscription event", HFILL }},
        { &hf_event_payload,
          { "Payload", "xmppws.event.payload", FT_STRING, BASE_NONE, NULL, 0x0,
            "Local name of an event item's payload element", HFILL }},
        { &hf_event_payload_length,
          { "Payload length", "xmppws.event.payload_length", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Length in bytes of the payload element's text once unescaped; 0 when the payload holds "
            "elements instead of text", HFILL }},
        { &hf_shim,
          { "SHIM headers", "xmppws.shim", FT_NONE, BASE_NONE, NULL, 0x0,
            "XEP-0131 stanza headers: the <headers> child (http://jabber.org/protocol/shim) of a message",
            HFILL }},
        { &hf_shim_name,
          { "Header", "xmppws.shim.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of a SHIM header (e.g. SubID, Collection)", HFILL }},
        { &hf_shim_value,
          { "Value", "xmppws.shim.value", FT_STRING, BASE_NONE, NULL, 0x0,
            "Value (text) of a SHIM header", HFILL }},
    };
    static gint *ett[] = {
        &ett_pubsub,
        &ett_action,
        &ett_entry,
        &ett_event,
        &ett_event_kind,
        &ett_event_item,
        &ett_shim,
        &ett_shim_header,
    };
    static ei_register_info ei[] = {
        { &ei_bare_jid_subscribe,
          { "xmppws.expert.pubsub_bare_jid", PI_PROTOCOL, PI_NOTE,
            "Subscription for a bare JID, not removed in the capture: it outlives the session, and each "
            "event arrives once per such subscription (XEP-0060 6.1)", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    payload_decoders = xmppws_register_heur_list(XMPPWS_PUBSUB_PAYLOAD_LIST, "XMPP pubsub item payload",
                                                 proto_xmppws);
    xmppws_pipeline_add_interpreter(&interpreter);
}
