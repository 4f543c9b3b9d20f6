/* user.c
 *
 * Finesse <user> data (User feed): identity, agent state, pending state,
 * reason code, team and roles; the same fields for each member of a team
 * (team.c). Each agent's state is followed through the capture (first
 * pass), so an update says what the agent was before: "Finesse User 1001
 * READY (was NOT_READY)". A LOGOUT gets an expert note, which says when
 * the reason code is the one of a forced logout.
 *
 * Source: docs/finesse-reference.md §6.1 (User fields and states), §6.8
 * (reason codes), §3 (forced logout).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "keys.h"
#include "layer.h"

static int hf_user_id = -1;
static int hf_user_login_name = -1;
static int hf_user_first_name = -1;
static int hf_user_last_name = -1;
static int hf_user_extension = -1;
static int hf_user_state = -1;
static int hf_user_pending_state = -1;
static int hf_user_previous_state = -1;
static int hf_user_reason_code_id = -1;
static int hf_user_state_change_time = -1;
static int hf_user_team_id = -1;
static int hf_user_team_name = -1;
static int hf_user_role = -1;
static int hf_reason_code = -1;
static int hf_reason_label = -1;
static int hf_reason_category = -1;

static gint ett_user = -1;
static gint ett_reason = -1;

static expert_field ei_logout = EI_INIT;

/* The reason code Finesse uses when it logs out an agent whose desktop
 * went away (docs/finesse-reference.md §3, §6.8). */
#define FORCED_LOGOUT_REASON 255

/* Agent id -> last state seen, over the whole capture (first pass). */
static wmem_map_t *agent_states;

/* docs/finesse-reference.md §6.1. */
static const string_string user_states[] = {
    { "LOGIN",                     "sign-in requested; the agent then lands in NOT_READY" },
    { "LOGOUT",                    "signed out" },
    { "NOT_READY",                 "signed in, not taking calls" },
    { "READY",                     "can be routed a call" },
    { "RESERVED",                  "a routed call is ringing, not yet answered" },
    { "RESERVED_OUTBOUND",         "an outbound call is reserved, not yet connected" },
    { "RESERVED_OUTBOUND_PREVIEW", "an outbound preview call is reserved, not yet acted on" },
    { "TALKING",                   "on a call" },
    { "HOLD",                      "a call is on hold" },
    { "WORK",                      "wrap-up; goes to NOT_READY when the timer expires" },
    { "WORK_READY",                "wrap-up; goes to READY when the timer expires" },
    { "UNKNOWN",                   "state unknown" },
    { NULL, NULL }
};

/* A state field; returns the state, NULL when absent or empty. */
static const char *
add_state(finesse_update *u, proto_tree *tree, int hf, const xm_element *user, const char *name)
{
    const char *state = finesse_add_child_enum(u, tree, hf, user, name, user_states);
    return (state && *state) ? state : NULL;
}

/* Returns the reasonCodeId, or -1. */
static gint32
add_reason_code(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    const xm_element *rc = finesse_child(user, "ReasonCode");
    proto_tree *sub;
    gint32 code, id = -1;

    finesse_add_child_int(u, tree, hf_user_reason_code_id, user, "reasonCodeId", &id);
    if (!rc)
        return id;
    sub = finesse_subtree(u, tree, rc, ett_reason, "Reason code");
    if (finesse_add_child_int(u, sub, hf_reason_code, rc, "code", &code))
        proto_item_append_text(proto_tree_get_parent(sub), " %d", code);
    const char *label = finesse_add_child_text(u, sub, hf_reason_label, rc, "label");
    if (label)
        proto_item_append_text(proto_tree_get_parent(sub), " \"%s\"", label);
    finesse_add_child_text(u, sub, hf_reason_category, rc, "category");
    return id;
}

static void
add_roles(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    const xm_element *roles = finesse_child(user, "roles");
    for (const xm_element *r = roles ? roles->first_child : NULL; r; r = r->next)
        proto_tree_add_string(tree, hf_user_role, u->msg.tvb, r->content.offset, r->content.length, r->text);
}

/* The state this agent had before this update; remembered on the first
 * pass per update (keyed by its place in the frame) for later passes. */
static const char *
previous_state(finesse_update *u, const char *id, const char *state)
{
    guint32     key = xmppws_key(XMPPWS_KEY_PAYLOAD_STATE, u->msg.index, u->index);
    const char *prev;

    if (!PINFO_FD_VISITED(u->msg.pinfo)) {
        prev = (const char *)wmem_map_lookup(agent_states, id);
        if (prev)
            p_add_proto_data(wmem_file_scope(), u->msg.pinfo, proto_finesse, key, (void *)prev);
        wmem_map_insert(agent_states, wmem_strdup(wmem_file_scope(), id), wmem_strdup(wmem_file_scope(), state));
        return prev;
    }
    return (const char *)p_get_proto_data(wmem_file_scope(), u->msg.pinfo, proto_finesse, key);
}

/* One user's fields; returns its state (and its reasonCodeId). */
static const char *
add_user_fields(finesse_update *u, proto_tree *tree, const xm_element *user, const char **id, gint32 *reason)
{
    const char *state;

    *id = finesse_add_child_text(u, tree, hf_user_id, user, "loginId");
    if (!*id)
        *id = finesse_add_child_text(u, tree, hf_user_id, user, "id");
    finesse_add_child_text(u, tree, hf_user_login_name, user, "loginName");
    finesse_add_child_text(u, tree, hf_user_first_name, user, "firstName");
    finesse_add_child_text(u, tree, hf_user_last_name, user, "lastName");
    finesse_add_child_text(u, tree, hf_user_extension, user, "extension");
    state = add_state(u, tree, hf_user_state, user, "state");
    add_state(u, tree, hf_user_pending_state, user, "pendingState");
    finesse_add_child_text(u, tree, hf_user_state_change_time, user, "stateChangeTime");
    *reason = add_reason_code(u, tree, user);
    finesse_add_child_text(u, tree, hf_user_team_id, user, "teamId");
    finesse_add_child_text(u, tree, hf_user_team_name, user, "teamName");
    add_roles(u, tree, user);
    return state;
}

void
finesse_add_team_member(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    proto_tree *sub = finesse_subtree(u, tree, user, ett_user, "User");
    const char *id;
    gint32      reason;

    add_user_fields(u, sub, user, &id, &reason);
}

void
finesse_decode_user(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    proto_tree *sub = finesse_subtree(u, tree, user, ett_user, "User");
    const char *id;
    gint32      reason;
    const char *state = add_user_fields(u, sub, user, &id, &reason);
    const char *prev = NULL;

    u->tap.agent_id = id;
    u->tap.state = state;
    u->tap.pending_state = finesse_child_text(user, "pendingState");
    u->tap.reason_code_id = reason;
    u->tap.reason_label = finesse_child_text(finesse_child(user, "ReasonCode"), "label");
    if (state && !u->published)
        finesse_desktop_note_agent(&u->msg, id, state);
    if (id && state && !u->published) {
        prev = previous_state(u, id, state);
        u->tap.previous_state = prev;
        if (prev) {
            proto_item *ti = proto_tree_add_string(sub, hf_user_previous_state, u->msg.tvb, 0, 0, prev);
            proto_item_set_generated(ti);
        }
    }
    wmem_strbuf_append_printf(u->info, " User %s", id ? id : "?");
    if (state)
        wmem_strbuf_append_printf(u->info, " %s", state);
    if (prev)
        wmem_strbuf_append_printf(u->info, " (was %s)", prev);
    if (state && g_str_equal(state, "LOGOUT"))
        expert_add_info_format(u->msg.pinfo, proto_tree_get_parent(sub), &ei_logout, "Agent %s logged out%s%s",
                               id ? id : "?", prev ? wmem_strdup_printf(u->msg.pinfo->pool, " (was %s)", prev) : "",
                               reason == FORCED_LOGOUT_REASON ?
                               ": reason code 255, the server's forced logout after the desktop went away" : "");
}

void
finesse_user_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_user_id,
          { "User id", "finesse.user.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's Finesse user id (loginId; on UCCE the numeric agent id)", HFILL }},
        { &hf_user_login_name,
          { "Login name", "finesse.user.login_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's login name", HFILL }},
        { &hf_user_first_name,
          { "First name", "finesse.user.first_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's first name", HFILL }},
        { &hf_user_last_name,
          { "Last name", "finesse.user.last_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's last name", HFILL }},
        { &hf_user_extension,
          { "Extension", "finesse.user.extension", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's extension (empty when logged out)", HFILL }},
        { &hf_user_state,
          { "State", "finesse.user.state", FT_STRING, BASE_NONE, NULL, 0x0,
            "Agent state: LOGIN, LOGOUT, NOT_READY, READY, RESERVED, TALKING, HOLD, WORK, WORK_READY, ...",
            HFILL }},
        { &hf_user_pending_state,
          { "Pending state", "finesse.user.pending_state", FT_STRING, BASE_NONE, NULL, 0x0,
            "The state the agent will enter next (e.g. after the current call)", HFILL }},
        { &hf_user_previous_state,
          { "Previous state", "finesse.user.previous_state", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's state in the previous update for this agent in the capture", HFILL }},
        { &hf_user_reason_code_id,
          { "Reason code id", "finesse.user.reason_code_id", FT_INT32, BASE_DEC, NULL, 0x0,
            "Id of the reason code of the state (-1: none; 255 on UCCE: forced logout)", HFILL }},
        { &hf_user_state_change_time,
          { "State change time", "finesse.user.state_change_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "When the agent entered the state (ISO 8601, UTC)", HFILL }},
        { &hf_user_team_id,
          { "Team id", "finesse.user.team_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "Id of the agent's team", HFILL }},
        { &hf_user_team_name,
          { "Team name", "finesse.user.team_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the agent's team", HFILL }},
        { &hf_user_role,
          { "Role", "finesse.user.role", FT_STRING, BASE_NONE, NULL, 0x0,
            "A role of the user (Agent, Supervisor)", HFILL }},
        { &hf_reason_code,
          { "Code", "finesse.reason_code.code", FT_INT32, BASE_DEC, NULL, 0x0,
            "Reason code number", HFILL }},
        { &hf_reason_label,
          { "Label", "finesse.reason_code.label", FT_STRING, BASE_NONE, NULL, 0x0,
            "Reason code label shown to the agent (e.g. Break)", HFILL }},
        { &hf_reason_category,
          { "Category", "finesse.reason_code.category", FT_STRING, BASE_NONE, NULL, 0x0,
            "Reason code category: NOT_READY, LOGOUT, WRAP_UP", HFILL }},
    };
    static gint *ett[] = {
        &ett_user,
        &ett_reason,
    };
    static ei_register_info ei[] = {
        { &ei_logout,
          { "finesse.expert.logout", PI_SEQUENCE, PI_NOTE,
            "Agent logged out", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    agent_states = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}
