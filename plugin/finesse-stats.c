/* finesse-stats.c
 *
 * Statistics over Finesse notifications, fed by the "finesse" tap (one
 * finesse_tap_info per <Update>):
 *
 *   Statistics > Finesse > Notifications   (tshark -z finesse,tree)
 *       a stats tree counting updates per feed, per event and per agent
 *       state;
 *   tshark -z finesse,agents[,FILTER]
 *       the agent-state timeline: per agent, each state with its time,
 *       frame, previous state, pending state and reason code;
 *   tshark -z finesse,dialogs[,FILTER]
 *       the dialog lifecycle: per dialog, each state with time and frame.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "finesse.h"

#include <stdio.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

static int finesse_tap = -1;

/* ---- the tap ------------------------------------------------------------ */

static const char *
pool_copy(packet_info *pinfo, const char *s)
{
    return s ? wmem_strdup(pinfo->pool, s) : NULL;
}

void
finesse_stats_queue(finesse_update *u)
{
    packet_info      *pinfo = u->msg.pinfo;
    finesse_tap_info *t;

    if (!have_tap_listener(finesse_tap))
        return;
    t = wmem_new(pinfo->pool, finesse_tap_info);
    *t = u->tap;
    t->event = pool_copy(pinfo, t->event);
    tap_queue_packet(finesse_tap, pinfo, t);
}

/* ---- stats tree: counts ------------------------------------------------ */

static const char st_feeds[] = "Updates by feed";
static const char st_events[] = "Updates by event";
static const char st_states[] = "Agent states";
static int st_feeds_node = -1;
static int st_events_node = -1;
static int st_states_node = -1;

static void
counts_init(stats_tree *st)
{
    st_feeds_node = stats_tree_create_pivot(st, st_feeds, 0);
    st_events_node = stats_tree_create_pivot(st, st_events, 0);
    st_states_node = stats_tree_create_pivot(st, st_states, 0);
}

static tap_packet_status
counts_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data,
              tap_flags_t flags _U_)
{
    const finesse_tap_info *t = (const finesse_tap_info *)data;

    stats_tree_tick_pivot(st, st_feeds_node, finesse_feed_name(t->feed));
    stats_tree_tick_pivot(st, st_events_node, t->event ? t->event : "(none)");
    if (t->state)
        stats_tree_tick_pivot(st, st_states_node, t->state);
    return TAP_PACKET_REDRAW;
}

/* ---- tshark timelines ---------------------------------------------------- */

typedef struct {
    guint32     frame;
    nstime_t    rel_ts;
    const char *state;
    const char *previous_state;
    const char *pending_state;
    gint32      reason_code_id;
    const char *reason_label;
    const char *from;
    const char *to;
} timeline_entry;

typedef struct {
    gboolean    dialogs;            /* dialog lifecycle; else agent timeline */
    GHashTable *by_key;             /* agent or dialog id -> GPtrArray of timeline_entry */
    GPtrArray  *keys;               /* in order of first appearance */
} timeline;

static char *
dup_or_null(const char *s)
{
    return s ? g_strdup(s) : NULL;
}

static void
free_entry(gpointer p)
{
    timeline_entry *e = (timeline_entry *)p;
    g_free((char *)e->state);
    g_free((char *)e->previous_state);
    g_free((char *)e->pending_state);
    g_free((char *)e->reason_label);
    g_free((char *)e->from);
    g_free((char *)e->to);
    g_free(e);
}

static void
timeline_reset(void *p)
{
    timeline *tl = (timeline *)p;
    g_hash_table_remove_all(tl->by_key);
    g_ptr_array_set_size(tl->keys, 0);
}

static tap_packet_status
timeline_packet(void *p, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    timeline *tl = (timeline *)p;
    const finesse_tap_info *t = (const finesse_tap_info *)data;
    const char *key = tl->dialogs ? t->dialog_id : t->agent_id;
    const char *state = tl->dialogs ? t->dialog_state : t->state;
    GPtrArray *entries;

    if (!key || !state)
        return TAP_PACKET_DONT_REDRAW;
    entries = (GPtrArray *)g_hash_table_lookup(tl->by_key, key);
    if (!entries) {
        char *k = g_strdup(key);
        entries = g_ptr_array_new_with_free_func(free_entry);
        g_hash_table_insert(tl->by_key, k, entries);
        g_ptr_array_add(tl->keys, k);
    }
    timeline_entry *e = g_new0(timeline_entry, 1);
    e->frame = pinfo->num;
    e->rel_ts = pinfo->rel_ts;
    e->state = g_strdup(state);
    e->previous_state = dup_or_null(t->previous_state);
    e->pending_state = dup_or_null(t->pending_state);
    e->reason_code_id = t->reason_code_id;
    e->reason_label = dup_or_null(t->reason_label);
    e->from = dup_or_null(t->dialog_from);
    e->to = dup_or_null(t->dialog_to);
    g_ptr_array_add(entries, e);
    return TAP_PACKET_REDRAW;
}

static void
print_agent_entry(const timeline_entry *e)
{
    GString *line = g_string_new(NULL);

    g_string_printf(line, "  %12.6f %7u  %-26s %-12s %-12s", nstime_to_sec(&e->rel_ts), e->frame, e->state,
                    e->previous_state ? e->previous_state : "-",
                    (e->pending_state && *e->pending_state) ? e->pending_state : "-");
    if (e->reason_code_id >= 0)
        g_string_append_printf(line, "  %d%s%s%s", e->reason_code_id, e->reason_label ? " \"" : "",
                               e->reason_label ? e->reason_label : "", e->reason_label ? "\"" : "");
    printf("%s\n", g_strchomp(line->str));
    g_string_free(line, TRUE);
}

static void
print_dialog_entry(const timeline_entry *e)
{
    printf("  %12.6f %7u  %-12s %s -> %s\n", nstime_to_sec(&e->rel_ts), e->frame, e->state,
           e->from ? e->from : "?", e->to ? e->to : "?");
}

static void
timeline_draw(void *p)
{
    timeline *tl = (timeline *)p;

    printf("\n===================================================================\n");
    if (tl->dialogs) {
        printf("Finesse dialog lifecycle\n");
        printf("  %12s %7s  %-12s %s\n", "Time", "Frame", "State", "From -> To");
    } else {
        printf("Finesse agent state timeline\n");
        printf("  %12s %7s  %-26s %-12s %-12s  %s\n", "Time", "Frame", "State", "Was", "Pending", "Reason code");
    }
    for (guint i = 0; i < tl->keys->len; i++) {
        const char *key = (const char *)g_ptr_array_index(tl->keys, i);
        GPtrArray *entries = (GPtrArray *)g_hash_table_lookup(tl->by_key, key);
        printf("%s %s (%u update%s)\n", tl->dialogs ? "Dialog" : "Agent", key, entries->len,
               entries->len == 1 ? "" : "s");
        for (guint j = 0; j < entries->len; j++) {
            if (tl->dialogs)
                print_dialog_entry((const timeline_entry *)g_ptr_array_index(entries, j));
            else
                print_agent_entry((const timeline_entry *)g_ptr_array_index(entries, j));
        }
    }
    printf("===================================================================\n");
}

static void
timeline_finish(void *p)
{
    timeline *tl = (timeline *)p;
    g_hash_table_destroy(tl->by_key);
    g_ptr_array_free(tl->keys, TRUE);
    g_free(tl);
}

static void
timeline_init(const char *opt_arg, gboolean dialogs, const char *prefix)
{
    timeline   *tl = g_new0(timeline, 1);
    const char *filter = NULL;
    GString    *error;

    if (g_str_has_prefix(opt_arg, prefix) && opt_arg[strlen(prefix)] == ',')
        filter = opt_arg + strlen(prefix) + 1;
    tl->dialogs = dialogs;
    tl->by_key = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    tl->keys = g_ptr_array_new_with_free_func(g_free);
    error = register_tap_listener("finesse", tl, filter, TL_REQUIRES_NOTHING, timeline_reset, timeline_packet,
                                  timeline_draw, timeline_finish);
    if (error) {
        fprintf(stderr, "tshark: couldn't register the Finesse %s tap: %s\n", prefix, error->str);
        g_string_free(error, TRUE);
        timeline_finish(tl);
        exit(1);
    }
}

static void
agents_init(const char *opt_arg, void *userdata _U_)
{
    timeline_init(opt_arg, FALSE, "finesse,agents");
}

static void
dialogs_init(const char *opt_arg, void *userdata _U_)
{
    timeline_init(opt_arg, TRUE, "finesse,dialogs");
}

static stat_tap_ui agents_ui = {
    REGISTER_STAT_GROUP_GENERIC, "Finesse agent state timeline", "finesse,agents", agents_init, 0, NULL
};

static stat_tap_ui dialogs_ui = {
    REGISTER_STAT_GROUP_GENERIC, "Finesse dialog lifecycle", "finesse,dialogs", dialogs_init, 0, NULL
};

void
finesse_stats_register(void)
{
    finesse_tap = register_tap("finesse");
    stats_tree_register_plugin("finesse", "finesse", "Finesse/Notifications", 0, counts_packet, counts_init, NULL);
    register_stat_tap_ui(&agents_ui, NULL);
    register_stat_tap_ui(&dialogs_ui, NULL);
}
