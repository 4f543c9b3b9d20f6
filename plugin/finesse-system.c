/* finesse-system.c
 *
 * The Finesse data that is not a user or a dialog:
 *
 *   <SystemInfo>  the SystemInfo feed: whether Finesse is IN_SERVICE or
 *                 OUT_OF_SERVICE (then REST answers 503 and no events come
 *                 until it is back), deployment, XMPP domains, nodes;
 *   <Queue>       the Queue feed (statistics every 10 s when they change),
 *   <Queues>      and the User/Queues feed (a queue added or removed);
 *   <Media>       the Media feed: an agent's state in a nonvoice Media
 *                 Routing Domain;
 *   <apiErrors>   asynchronous errors for a REST request (CTI errors).
 *
 * Everything else inside them is shown generically.
 *
 * Source: finesse-notes.md §2.3-§2.4 and §3 (Cisco Finesse "SystemInfo API
 * parameters", "SystemInfo statuses", "Queue API parameters", "Media API
 * parameters", "Media states", "Dialog CTI error notification",
 * "Cisco Finesse API errors"; captured 12.5 notifications).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/expert.h>

#include "finesse.h"

static int hf_system_status = -1;
static int hf_system_status_reason = -1;
static int hf_system_deployment_type = -1;
static int hf_system_xmpp_domain = -1;
static int hf_system_xmpp_pubsub_domain = -1;
static int hf_system_primary_node = -1;
static int hf_system_secondary_node = -1;
static int hf_system_current_timestamp = -1;
static int hf_queue_name = -1;
static int hf_queue_uri = -1;
static int hf_queue_calls_in_queue = -1;
static int hf_queue_start_time_of_longest_call = -1;
static int hf_queue_agents_ready = -1;
static int hf_queue_agents_not_ready = -1;
static int hf_queue_agents_busy_other = -1;
static int hf_queue_agents_logged_on = -1;
static int hf_queue_agents_talking_inbound = -1;
static int hf_queue_agents_talking_outbound = -1;
static int hf_queue_agents_talking_internal = -1;
static int hf_queue_agents_wrap_up_not_ready = -1;
static int hf_queue_agents_wrap_up_ready = -1;
static int hf_media_id = -1;
static int hf_media_name = -1;
static int hf_media_state = -1;
static int hf_media_routable = -1;
static int hf_media_state_change_time = -1;
static int hf_media_reason_code_id = -1;
static int hf_error_type = -1;
static int hf_error_message = -1;
static int hf_error_data = -1;
static int hf_error_media = -1;
static int hf_error_peripheral_code = -1;
static int hf_error_peripheral_message = -1;
static int hf_error_peripheral_text = -1;

static gint ett_system = -1;
static gint ett_node = -1;
static gint ett_queues = -1;
static gint ett_queue = -1;
static gint ett_statistics = -1;
static gint ett_media = -1;
static gint ett_errors = -1;
static gint ett_error = -1;

static expert_field ei_not_in_service = EI_INIT;
static expert_field ei_api_error = EI_INIT;

/* finesse-notes.md §2.4 and §3, Cisco "SystemInfo statuses". */
static const string_string system_statuses[] = {
    { "IN_SERVICE",      "Finesse is working: REST requests and notifications" },
    { "OUT_OF_SERVICE",  "Finesse is not working, e.g. the CTI link is lost: REST answers 503, no events" },
    { "PARTIAL_SERVICE", "some Finesse services are not available" },
    { NULL, NULL }
};

static const string_string deployment_types[] = {
    { "UCCE", "Unified Contact Center Enterprise" },
    { "UCCX", "Unified Contact Center Express" },
    { NULL, NULL }
};

/* finesse-notes.md §2.4, Cisco "Media states" (an agent's state in a
 * nonvoice Media Routing Domain). */
static const string_string media_states[] = {
    { "LOGIN",       "sign-in to the MRD requested" },
    { "LOGOUT",      "signed out of the MRD" },
    { "NOT_READY",   "signed in, not taking tasks" },
    { "READY",       "can be routed tasks" },
    { "RESERVED",    "a task is being offered" },
    { "WORK",        "wrap-up (during failover)" },
    { "INTERRUPTED", "work in the MRD is interrupted" },
    { NULL, NULL }
};

static const string_string routable_values[] = {
    { "true",  "the agent can be routed tasks of this MRD" },
    { "false", "the agent is not routed tasks of this MRD" },
    { NULL, NULL }
};

/* finesse-notes.md §2.4: errorMessage values seen in apiErrors. */
static const string_string error_messages[] = {
    { "CF_RESOURCE_OUT_OF_SERVICE",        "the CTI resource is out of service" },
    { "CF_INVALID_OBJECT_STATE",           "the request is not allowed in the current state" },
    { "CF_INVALID_LOGON_DEVICE_SPECIFIED", "the extension given is not a valid device" },
    { "E_ARM_STAT_AGENT_ALREADY_LOGGED_IN", "the agent is already signed in to the MRD" },
    { NULL, NULL }
};

/* The statistics of a queue (finesse-notes.md §2.4, "Queue API
 * parameters"); -1 means the queue is not assigned to this user. */
static const struct {
    const char *name;
    int        *hf;
} queue_statistics[] = {
    { "callsInQueue",           &hf_queue_calls_in_queue },
    { "agentsReady",            &hf_queue_agents_ready },
    { "agentsNotReady",         &hf_queue_agents_not_ready },
    { "agentsBusyOther",        &hf_queue_agents_busy_other },
    { "agentsLoggedOn",         &hf_queue_agents_logged_on },
    { "agentsTalkingInbound",   &hf_queue_agents_talking_inbound },
    { "agentsTalkingOutbound",  &hf_queue_agents_talking_outbound },
    { "agentsTalkingInternal",  &hf_queue_agents_talking_internal },
    { "agentsWrapUpNotReady",   &hf_queue_agents_wrap_up_not_ready },
    { "agentsWrapUpReady",      &hf_queue_agents_wrap_up_ready },
};

/* Children decoded into fields; every other child is shown generically. */
static const char *const system_decoded[] = {
    "status", "statusReason", "deploymentType", "xmppDomain", "xmppPubSubDomain", "primaryNode",
    "secondaryNode", "currentTimestamp", NULL
};
static const char *const node_decoded[] = { "host", NULL };
static const char *const queue_decoded[] = { "name", "uri", "statistics", NULL };
static const char *const media_decoded[] = {
    "mediaId", "name", "state", "routable", "stateChangeTime", "reasonCodeId", NULL
};
static const char *const media_decoded_by_id[] = {
    "id", "name", "state", "routable", "stateChangeTime", "reasonCodeId", NULL
};
static const char *const error_decoded[] = {
    "errorType", "errorMessage", "errorData", "errorMedia", "peripheralErrorCode", "peripheralErrorMsg",
    "peripheralErrorText", NULL
};

/* ---- helpers ----------------------------------------------------------- */

static const char *
or_unknown(const char *s)
{
    return (s && *s) ? s : "?";
}

/* ---- SystemInfo -------------------------------------------------------- */

/* primaryNode / secondaryNode {host, httpsPort, xmppPort, ...}: the host as
 * a field, the rest generically. */
static void
add_node(finesse_update *u, proto_tree *tree, int hf, const xm_element *system, const char *name,
         const char *label)
{
    const xm_element *node = finesse_child(system, name);
    const char *host;
    proto_tree *sub;

    if (!node)
        return;
    sub = finesse_subtree(u, tree, node, ett_node, label);
    host = finesse_add_child_text(u, sub, hf, node, "host");
    if (!host && node->text_len) {
        proto_tree_add_string(sub, hf, u->msg.tvb, node->content.offset, node->content.length, node->text);
        host = node->text;
    }
    if (host)
        proto_item_append_text(proto_tree_get_parent(sub), " %s", host);
    finesse_add_undecoded(u, sub, node, node_decoded);
}

static void
note_not_in_service(finesse_update *u, proto_item *ti, const char *status)
{
    if (g_ascii_strcasecmp(status, "OUT_OF_SERVICE") == 0)
        expert_add_info_format(u->msg.pinfo, ti, &ei_not_in_service,
                               "Finesse OUT_OF_SERVICE: no events until IN_SERVICE; REST answers 503 "
                               "(finesse-notes \xc2\xa7" "3)");
    else if (g_ascii_strcasecmp(status, "PARTIAL_SERVICE") == 0)
        expert_add_info_format(u->msg.pinfo, ti, &ei_not_in_service,
                               "Finesse PARTIAL_SERVICE: some services are not available");
}

static void
dissect_system_info(finesse_update *u, proto_tree *tree, const xm_element *system)
{
    proto_tree *sub = finesse_subtree(u, tree, system, ett_system, "SystemInfo");
    const char *status;
    proto_item *ti;

    status = finesse_add_child_enum(u, sub, hf_system_status, system, "status", system_statuses,
                                    "not a documented status");
    finesse_add_child_text(u, sub, hf_system_status_reason, system, "statusReason");
    finesse_add_child_enum(u, sub, hf_system_deployment_type, system, "deploymentType", deployment_types, NULL);
    finesse_add_child_text(u, sub, hf_system_xmpp_domain, system, "xmppDomain");
    finesse_add_child_text(u, sub, hf_system_xmpp_pubsub_domain, system, "xmppPubSubDomain");
    add_node(u, sub, hf_system_primary_node, system, "primaryNode", "Primary node");
    add_node(u, sub, hf_system_secondary_node, system, "secondaryNode", "Secondary node");
    finesse_add_child_text(u, sub, hf_system_current_timestamp, system, "currentTimestamp");
    finesse_add_undecoded(u, sub, system, system_decoded);

    ti = proto_tree_get_parent(sub);
    proto_item_append_text(ti, " %s", or_unknown(status));
    wmem_strbuf_append_printf(u->info, " SystemInfo %s", or_unknown(status));
    if (status)
        note_not_in_service(u, ti, status);
}

/* ---- Queue, Queues ------------------------------------------------------ */

/* Index of a statistic in queue_statistics, or -1. */
static int
statistic_index(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(queue_statistics); i++) {
        if (finesse_name_is(name, queue_statistics[i].name))
            return (int)i;
    }
    return -1;
}

/* The statistics of one queue, in their order; returns TRUE with
 * callsInQueue in *calls when there is one. Sets *unassigned when a
 * statistic is -1. Unknown, repeated, empty or non-numeric statistics are
 * shown generically. */
static gboolean
add_statistics(finesse_update *u, proto_tree *tree, const xm_element *queue, gint32 *calls, gboolean *unassigned)
{
    const xm_element *stats = finesse_child(queue, "statistics");
    gboolean have_calls = FALSE;
    proto_tree *sub;

    if (!stats)
        return FALSE;
    sub = finesse_subtree(u, tree, stats, ett_statistics, "Statistics");
    for (const xm_element *c = stats->first_child; c; c = c->next) {
        int i = statistic_index(c->name);
        gint32 v;

        if (finesse_child(stats, c->name) != c) {
            finesse_add_generic(u, sub, c);
        } else if (finesse_name_is(c->name, "startTimeOfLongestCallInQueue")) {
            finesse_add_child_text(u, sub, hf_queue_start_time_of_longest_call, stats, c->name);
        } else if (i < 0 || !finesse_add_child_int(u, sub, *queue_statistics[i].hf, stats, c->name, &v)) {
            finesse_add_generic(u, sub, c);
        } else {
            if (v == -1)
                *unassigned = TRUE;
            if (queue_statistics[i].hf == &hf_queue_calls_in_queue) {
                *calls = v;
                have_calls = TRUE;
            }
        }
    }
    return have_calls;
}

/* One queue: "Queue Sales 2 calls" in the Info column. */
static void
dissect_queue(finesse_update *u, proto_tree *tree, const xm_element *queue)
{
    proto_tree *sub = finesse_subtree(u, tree, queue, ett_queue, "Queue");
    const char *name = finesse_add_child_text(u, sub, hf_queue_name, queue, "name");
    gboolean unassigned = FALSE;
    gint32 calls = 0;
    gboolean have_calls;
    proto_item *ti = proto_tree_get_parent(sub);

    finesse_add_child_text(u, sub, hf_queue_uri, queue, "uri");
    have_calls = add_statistics(u, sub, queue, &calls, &unassigned);
    finesse_add_undecoded(u, sub, queue, queue_decoded);

    proto_item_append_text(ti, " %s", or_unknown(name));
    wmem_strbuf_append_printf(u->info, " Queue %s", or_unknown(name));
    if (have_calls) {
        proto_item_append_text(ti, ": %d calls", calls);
        wmem_strbuf_append_printf(u->info, " %d calls", calls);
    }
    if (unassigned)
        proto_item_append_text(ti, " (not assigned to this user)");
}

/* ---- Media -------------------------------------------------------------- */

/* The MRD id is <mediaId> in the Media API parameters but <id> in the
 * developer.cisco.com Media object: either is finesse.media.id. */
static void
dissect_media(finesse_update *u, proto_tree *tree, const xm_element *media)
{
    proto_tree *sub = finesse_subtree(u, tree, media, ett_media, "Media");
    gboolean by_media_id = finesse_child(media, "mediaId") != NULL;
    const char *id = finesse_add_child_text(u, sub, hf_media_id, media, by_media_id ? "mediaId" : "id");
    const char *state;

    finesse_add_child_text(u, sub, hf_media_name, media, "name");
    state = finesse_add_child_enum(u, sub, hf_media_state, media, "state", media_states, "not a documented state");
    finesse_add_child_text(u, sub, hf_media_state_change_time, media, "stateChangeTime");
    finesse_add_child_int(u, sub, hf_media_reason_code_id, media, "reasonCodeId", NULL);
    finesse_add_child_enum(u, sub, hf_media_routable, media, "routable", routable_values, NULL);
    finesse_add_undecoded(u, sub, media, by_media_id ? media_decoded : media_decoded_by_id);

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s", or_unknown(id), or_unknown(state));
    wmem_strbuf_append_printf(u->info, " Media %s %s", or_unknown(id), or_unknown(state));
}

/* ---- apiErrors ---------------------------------------------------------- */

/* One apiError; returns "Invalid State (CF_INVALID_OBJECT_STATE)". */
static const char *
dissect_api_error(finesse_update *u, proto_tree *tree, const xm_element *error)
{
    proto_tree *sub = finesse_subtree(u, tree, error, ett_error, "apiError");
    const char *type = finesse_add_child_text(u, sub, hf_error_type, error, "errorType");
    const char *message = finesse_add_child_enum(u, sub, hf_error_message, error, "errorMessage", error_messages,
                                                 NULL);
    const char *summary;

    finesse_add_child_text(u, sub, hf_error_data, error, "errorData");
    finesse_add_child_text(u, sub, hf_error_media, error, "errorMedia");
    finesse_add_child_text(u, sub, hf_error_peripheral_code, error, "peripheralErrorCode");
    finesse_add_child_text(u, sub, hf_error_peripheral_message, error, "peripheralErrorMsg");
    finesse_add_child_text(u, sub, hf_error_peripheral_text, error, "peripheralErrorText");
    finesse_add_undecoded(u, sub, error, error_decoded);

    summary = wmem_strdup_printf(u->msg.pinfo->pool, "%s%s%s%s", or_unknown(type),
                                 (message && *message) ? " (" : "", (message && *message) ? message : "",
                                 (message && *message) ? ")" : "");
    proto_item_append_text(proto_tree_get_parent(sub), " %s", summary);
    return summary;
}

/* <apiErrors> (also the synchronous REST form <ApiErrors><ApiError>):
 * "apiErrors Invalid State (CF_INVALID_OBJECT_STATE)" in the Info column
 * and as an expert warning. */
static void
dissect_api_errors(finesse_update *u, proto_tree *tree, const xm_element *errors)
{
    proto_tree *sub = finesse_subtree(u, tree, errors, ett_errors, "apiErrors");
    wmem_strbuf_t *text = wmem_strbuf_new(u->msg.pinfo->pool, "apiErrors");
    guint n = 0;

    for (const xm_element *e = errors->first_child; e; e = e->next) {
        if (!finesse_name_is(e->name, "apiError")) {
            finesse_add_generic(u, sub, e);
            continue;
        }
        wmem_strbuf_append_printf(text, "%s %s", n++ ? "," : "", dissect_api_error(u, sub, e));
    }
    if (!n)
        wmem_strbuf_append(text, " (no apiError)");
    wmem_strbuf_append_printf(u->info, " %s", wmem_strbuf_get_str(text));
    expert_add_info_format(u->msg.pinfo, proto_tree_get_parent(sub), &ei_api_error, "Finesse %s",
                           wmem_strbuf_get_str(text));
}

gboolean
finesse_system_dissect(finesse_update *u, const xm_element *root, proto_tree *tree)
{
    if (finesse_name_is(root->name, "SystemInfo"))
        dissect_system_info(u, tree, root);
    else if (finesse_name_is(root->name, "Queue"))
        dissect_queue(u, tree, root);
    else if (finesse_name_is(root->name, "Queues"))
        finesse_dissect_collection(u, tree, root, ett_queues, "Queues", "Queue", dissect_queue);
    else if (finesse_name_is(root->name, "Media"))
        dissect_media(u, tree, root);
    else if (finesse_name_is(root->name, "apiErrors"))
        dissect_api_errors(u, tree, root);
    else
        return FALSE;
    return TRUE;
}

void
finesse_system_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_system_status,
          { "System status", "finesse.system.status", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo status: IN_SERVICE, OUT_OF_SERVICE (REST answers 503, no events), PARTIAL_SERVICE",
            HFILL }},
        { &hf_system_status_reason,
          { "Status reason", "finesse.system.status_reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo statusReason: why Finesse is not in service", HFILL }},
        { &hf_system_deployment_type,
          { "Deployment type", "finesse.system.deployment_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo deploymentType: UCCE or UCCX", HFILL }},
        { &hf_system_xmpp_domain,
          { "XMPP domain", "finesse.system.xmpp_domain", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo xmppDomain: the domain of the users' JIDs", HFILL }},
        { &hf_system_xmpp_pubsub_domain,
          { "XMPP pubsub domain", "finesse.system.xmpp_pubsub_domain", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo xmppPubSubDomain: the pubsub service that sends the notifications", HFILL }},
        { &hf_system_primary_node,
          { "Primary node", "finesse.system.primary_node", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo primaryNode/host: the primary Finesse server", HFILL }},
        { &hf_system_secondary_node,
          { "Secondary node", "finesse.system.secondary_node", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo secondaryNode/host: the secondary Finesse server", HFILL }},
        { &hf_system_current_timestamp,
          { "Current timestamp", "finesse.system.current_timestamp", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo currentTimestamp: the Finesse server's clock", HFILL }},
        { &hf_queue_name,
          { "Queue name", "finesse.queue.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the queue (skill group, CSQ)", HFILL }},
        { &hf_queue_uri,
          { "Queue URI", "finesse.queue.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "REST URI of the queue, /finesse/api/Queue/{id}", HFILL }},
        { &hf_queue_calls_in_queue,
          { "Calls in queue", "finesse.queue.calls_in_queue", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/callsInQueue: calls waiting in the queue (-1: the queue is not assigned to this user)",
            HFILL }},
        { &hf_queue_start_time_of_longest_call,
          { "Start time of longest call", "finesse.queue.start_time_of_longest_call", FT_STRING, BASE_NONE,
            NULL, 0x0,
            "statistics/startTimeOfLongestCallInQueue: when the call waiting longest entered the queue "
            "(empty when none waits)", HFILL }},
        { &hf_queue_agents_ready,
          { "Agents ready", "finesse.queue.agents_ready", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsReady: agents of the queue in READY (-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_not_ready,
          { "Agents not ready", "finesse.queue.agents_not_ready", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsNotReady: agents of the queue in NOT_READY (-1: not assigned to this user)",
            HFILL }},
        { &hf_queue_agents_busy_other,
          { "Agents busy other", "finesse.queue.agents_busy_other", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsBusyOther: agents of the queue busy with another queue's call "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_logged_on,
          { "Agents logged on", "finesse.queue.agents_logged_on", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsLoggedOn: agents of the queue signed in (-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_talking_inbound,
          { "Agents talking inbound", "finesse.queue.agents_talking_inbound", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsTalkingInbound: agents of the queue on an inbound call "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_talking_outbound,
          { "Agents talking outbound", "finesse.queue.agents_talking_outbound", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsTalkingOutbound: agents of the queue on an outbound call "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_talking_internal,
          { "Agents talking internal", "finesse.queue.agents_talking_internal", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsTalkingInternal: agents of the queue on an internal call "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_wrap_up_not_ready,
          { "Agents wrap-up not ready", "finesse.queue.agents_wrap_up_not_ready", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsWrapUpNotReady: agents of the queue in wrap-up, then NOT_READY "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_queue_agents_wrap_up_ready,
          { "Agents wrap-up ready", "finesse.queue.agents_wrap_up_ready", FT_INT32, BASE_DEC, NULL, 0x0,
            "statistics/agentsWrapUpReady: agents of the queue in wrap-up, then READY "
            "(-1: not assigned to this user)", HFILL }},
        { &hf_media_id,
          { "Media id", "finesse.media.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaId (or id): the Media Routing Domain (MRD) id", HFILL }},
        { &hf_media_name,
          { "Media name", "finesse.media.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "name: the Media Routing Domain's name", HFILL }},
        { &hf_media_state,
          { "Media state", "finesse.media.state", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's state in the MRD: LOGIN, LOGOUT, NOT_READY, READY, RESERVED, WORK, INTERRUPTED",
            HFILL }},
        { &hf_media_state_change_time,
          { "State change time", "finesse.media.state_change_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "stateChangeTime: when the agent entered the state in the MRD (ISO 8601, UTC)", HFILL }},
        { &hf_media_reason_code_id,
          { "Reason code id", "finesse.media.reason_code_id", FT_INT32, BASE_DEC, NULL, 0x0,
            "reasonCodeId: the reason code of the agent's state in the MRD (-1: none)", HFILL }},
        { &hf_media_routable,
          { "Routable", "finesse.media.routable", FT_STRING, BASE_NONE, NULL, 0x0,
            "routable: true when the agent can be routed tasks of this MRD", HFILL }},
        { &hf_error_type,
          { "Error type", "finesse.error.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorType: Invalid State, Invalid Device, Call Operation Failure, Generic Error, ...",
            HFILL }},
        { &hf_error_message,
          { "Error message", "finesse.error.message", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorMessage: the CTI error constant (CF_INVALID_OBJECT_STATE, ...) or a text", HFILL }},
        { &hf_error_data,
          { "Error data", "finesse.error.data", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorData: the CTI error code (see the CTI Server Message Reference)", HFILL }},
        { &hf_error_media,
          { "Error media", "finesse.error.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorMedia: the Media Routing Domain id of a Media error", HFILL }},
        { &hf_error_peripheral_code,
          { "Peripheral error code", "finesse.error.peripheral_code", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorCode: the peripheral's (PG's) error code (12.5 and later)", HFILL }},
        { &hf_error_peripheral_message,
          { "Peripheral error message", "finesse.error.peripheral_message", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorMsg: the peripheral's error constant (12.5 and later)", HFILL }},
        { &hf_error_peripheral_text,
          { "Peripheral error text", "finesse.error.peripheral_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorText: the peripheral's error description (12.5 and later)", HFILL }},
    };
    static gint *ett[] = {
        &ett_system,
        &ett_node,
        &ett_queues,
        &ett_queue,
        &ett_statistics,
        &ett_media,
        &ett_errors,
        &ett_error,
    };
    static ei_register_info ei[] = {
        { &ei_not_in_service,
          { "finesse.expert.not_in_service", PI_RESPONSE_CODE, PI_WARN,
            "Finesse is not in service", EXPFILL }},
        { &ei_api_error,
          { "finesse.expert.api_error", PI_RESPONSE_CODE, PI_WARN,
            "Finesse apiErrors: a request failed", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
