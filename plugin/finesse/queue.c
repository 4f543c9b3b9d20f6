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
#include "numbers.h"

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
static const finesse_child_spec statistics_children[] = {
    { "callsInQueue",                  FINESSE_NUMBER, &hf_queue_calls_in_queue,             NULL, NULL, FALSE },
    { "startTimeOfLongestCallInQueue", FINESSE_TEXT,   &hf_queue_start_time_of_longest_call, NULL, NULL, FALSE },
    { "agentsReady",                   FINESSE_NUMBER, &hf_queue_agents_ready,               NULL, NULL, FALSE },
    { "agentsNotReady",                FINESSE_NUMBER, &hf_queue_agents_not_ready,           NULL, NULL, FALSE },
    { "agentsBusyOther",               FINESSE_NUMBER, &hf_queue_agents_busy_other,          NULL, NULL, FALSE },
    { "agentsLoggedOn",                FINESSE_NUMBER, &hf_queue_agents_logged_on,           NULL, NULL, FALSE },
    { "agentsTalkingInbound",          FINESSE_NUMBER, &hf_queue_agents_talking_inbound,     NULL, NULL, FALSE },
    { "agentsTalkingOutbound",         FINESSE_NUMBER, &hf_queue_agents_talking_outbound,    NULL, NULL, FALSE },
    { "agentsTalkingInternal",         FINESSE_NUMBER, &hf_queue_agents_talking_internal,    NULL, NULL, FALSE },
    { "agentsWrapUpNotReady",          FINESSE_NUMBER, &hf_queue_agents_wrap_up_not_ready,   NULL, NULL, FALSE },
    { "agentsWrapUpReady",             FINESSE_NUMBER, &hf_queue_agents_wrap_up_ready,       NULL, NULL, FALSE },
};

static void
dissect_statistics(finesse_update *u, proto_tree *tree, const xm_element *stats)
{
    finesse_dissect_struct(u, tree, stats, ett_statistics, "Statistics", statistics_children,
                           G_N_ELEMENTS(statistics_children));
}

static const finesse_child_spec queue_children[] = {
    { "name",       FINESSE_TEXT,   &hf_queue_name, NULL, NULL,               FALSE },
    { "uri",        FINESSE_TEXT,   &hf_queue_uri,  NULL, NULL,               FALSE },
    { "statistics", FINESSE_STRUCT, NULL,           NULL, dissect_statistics, FALSE },
};

/* TRUE when a statistic of the queue is -1: not assigned to this user. */
static gboolean
unassigned(const xm_element *stats)
{
    gint32 v;

    for (const xm_element *c = stats ? stats->first_child : NULL; c; c = c->next) {
        if (!c->first_child && xm_parse_int32(c->text, G_MININT32, G_MAXINT32, &v) && v == -1)
            return TRUE;
    }
    return FALSE;
}

/* One queue: "Queue Sales 2 calls" in the Info column. */
void
finesse_decode_queue(finesse_update *u, proto_tree *tree, const xm_element *queue)
{
    proto_tree       *sub = finesse_dissect_struct(u, tree, queue, ett_queue, "Queue", queue_children,
                                                   G_N_ELEMENTS(queue_children));
    proto_item       *ti = proto_tree_get_parent(sub);
    const xm_element *stats = finesse_child(queue, "statistics");
    const char       *name = finesse_child_text(queue, "name");
    gint32            calls;

    proto_item_append_text(ti, " %s", finesse_or_unknown(name));
    wmem_strbuf_append_printf(u->info, " Queue %s", finesse_or_unknown(name));
    if (finesse_child_int(stats, "callsInQueue", &calls)) {
        const char *waiting = finesse_count(u, calls, "call", "calls");
        proto_item_append_text(ti, ": %s", waiting);
        wmem_strbuf_append_printf(u->info, " %s", waiting);
    }
    if (unassigned(stats))
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
