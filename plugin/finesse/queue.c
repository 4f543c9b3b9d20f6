/* queue.c
 *
 * Finesse <Queue> data (Queue feed: statistics every 10 s when they
 * change) and <Queues> (User/Queues feed: a queue added or removed). A
 * statistic of -1 means the queue is not assigned to this user.
 * Everything else inside them is shown generically.
 *
 * Source: docs/finesse-reference.md §6.4.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include "layer.h"

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

static gint ett_queues = -1;
static gint ett_queue = -1;
static gint ett_statistics = -1;

/* The statistics of a queue (docs/finesse-reference.md §6.4, "Queue API
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

static const char *const queue_decoded[] = { "name", "uri", "statistics", NULL };

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
void
finesse_decode_queue(finesse_update *u, proto_tree *tree, const xm_element *queue)
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

    proto_item_append_text(ti, " %s", finesse_or_unknown(name));
    wmem_strbuf_append_printf(u->info, " Queue %s", finesse_or_unknown(name));
    if (have_calls) {
        proto_item_append_text(ti, ": %d calls", calls);
        wmem_strbuf_append_printf(u->info, " %d calls", calls);
    }
    if (unassigned)
        proto_item_append_text(ti, " (not assigned to this user)");
}

void
finesse_decode_queues(finesse_update *u, proto_tree *tree, const xm_element *queues)
{
    finesse_dissect_collection(u, tree, queues, ett_queues, "Queues", "Queue", finesse_decode_queue);
}

void
finesse_queue_register(int proto)
{
    static hf_register_info hf[] = {
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
    };
    static gint *ett[] = {
        &ett_queues,
        &ett_queue,
        &ett_statistics,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
