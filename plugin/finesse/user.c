/* user.c
 *
 * Finesse <user> data (User feed, and one agent's summary on a Team feed):
 * identity, agent state, pending state, reason code, roles, settings
 * (wrap-up on incoming and outgoing calls, device selection), the agent's
 * team and the teams a supervisor supervises, the dialogs URI, media type,
 * wrap-up timer, mobile agent; the same fields for each member of a team
 * (team.c). Each agent's state is followed through the capture (first
 * pass), so an update says what the agent was before: "Finesse User 1001
 * NOT_READY (Break; was READY)". A LOGOUT gets an expert note, which says
 * when the reason code is the one of a forced logout.
 *
 * Source: docs/finesse-reference.md §6.1 (User fields and states), §6.3
 * (Team users), §6.8 (reason codes), §3 (forced logout).
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
static int hf_user_uri = -1;
static int hf_user_dialogs = -1;
static int hf_user_media_type = -1;
static int hf_user_wrap_up_timer = -1;
static int hf_user_skill_target_id = -1;
static int hf_user_active_device_id = -1;
static int hf_settings_wrap_up_on_incoming = -1;
static int hf_settings_wrap_up_on_outgoing = -1;
static int hf_settings_device_selection = -1;
static int hf_teams_id = -1;
static int hf_teams_name = -1;
static int hf_teams_uri = -1;
static int hf_mobile_agent_mode = -1;
static int hf_mobile_agent_dial_number = -1;

static gint ett_user = -1;
static gint ett_roles = -1;
static gint ett_settings = -1;
static gint ett_teams = -1;
static gint ett_team = -1;
static gint ett_mobile_agent = -1;

static expert_field ei_logout = EI_INIT;

/* The reason code Finesse uses when it logs out an agent whose desktop
 * went away (docs/finesse-reference.md §3, §6.8). */
#define FORCED_LOGOUT_REASON 255

/* Agent id -> last state seen, over the whole capture (first pass). */
static wmem_map_t *agent_states;
static wmem_map_t *agent_names;      /* user id -> "First Last", capture-wide */

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

/* docs/finesse-reference.md §6.1: wrapUpOnIncoming / wrapUpOnOutgoing. */
static const string_string wrap_up_modes[] = {
    { "OPTIONAL",                   "the agent may choose wrap-up when a call ends" },
    { "REQUIRED",                   "the agent goes to wrap-up when a call ends" },
    { "REQUIRED_WITH_WRAP_UP_DATA", "the agent goes to wrap-up and must enter wrap-up data" },
    { "NOT_ALLOWED",                "no wrap-up when a call ends" },
    { NULL, NULL }
};

/* docs/finesse-reference.md §6.1: mobileAgent/mode. */
static const string_string mobile_agent_modes[] = {
    { "CALL_BY_CALL",      "the agent's phone is called for each call" },
    { "NAILED_CONNECTION", "the agent's phone is called once, at sign-in, and stays connected" },
    { NULL, NULL }
};

static const finesse_child_spec role_children[] = {
    { "role", FINESSE_TEXT, &hf_user_role, NULL, NULL, TRUE },
};

static const finesse_child_spec settings_children[] = {
    { "wrapUpOnIncoming", FINESSE_ENUM, &hf_settings_wrap_up_on_incoming, wrap_up_modes, NULL, FALSE },
    { "wrapUpOnOutgoing", FINESSE_ENUM, &hf_settings_wrap_up_on_outgoing, wrap_up_modes, NULL, FALSE },
    { "deviceSelection",  FINESSE_TEXT, &hf_settings_device_selection,    NULL,          NULL, FALSE },
};

static const finesse_child_spec team_children[] = {
    { "id",   FINESSE_TEXT, &hf_teams_id,   NULL, NULL, FALSE },
    { "name", FINESSE_TEXT, &hf_teams_name, NULL, NULL, FALSE },
    { "uri",  FINESSE_TEXT, &hf_teams_uri,  NULL, NULL, FALSE },
};

static const finesse_child_spec mobile_agent_children[] = {
    { "mode",       FINESSE_ENUM, &hf_mobile_agent_mode,        mobile_agent_modes, NULL, FALSE },
    { "dialNumber", FINESSE_TEXT, &hf_mobile_agent_dial_number, NULL,               NULL, FALSE },
};

static void
dissect_roles(finesse_update *u, proto_tree *tree, const xm_element *roles)
{
    finesse_dissect_struct(u, tree, roles, ett_roles, "Roles", role_children, G_N_ELEMENTS(role_children));
}

static void
dissect_settings(finesse_update *u, proto_tree *tree, const xm_element *settings)
{
    finesse_dissect_struct(u, tree, settings, ett_settings, "Settings", settings_children,
                           G_N_ELEMENTS(settings_children));
}

/* One team of a supervisor's <teams>: "Team 2001 "First Line Support"". */
static void
dissect_team(finesse_update *u, proto_tree *tree, const xm_element *team)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, team, ett_team, "Team", team_children,
                                             G_N_ELEMENTS(team_children));

    proto_item_append_text(proto_tree_get_parent(sub), " %s \"%s\"", finesse_or_unknown(finesse_child_text(team, "id")),
                           finesse_or_unknown(finesse_child_text(team, "name")));
}

static void
dissect_teams(finesse_update *u, proto_tree *tree, const xm_element *teams)
{
    static const finesse_child_spec members[] = {
        { "Team", FINESSE_STRUCT, NULL, NULL, dissect_team, TRUE },
    };

    finesse_dissect_struct(u, tree, teams, ett_teams, "Teams supervised", members, G_N_ELEMENTS(members));
}

static void
dissect_mobile_agent(finesse_update *u, proto_tree *tree, const xm_element *mobile)
{
    finesse_dissect_struct(u, tree, mobile, ett_mobile_agent, "Mobile agent", mobile_agent_children,
                           G_N_ELEMENTS(mobile_agent_children));
}

/* docs/finesse-reference.md §6.1 (a User), §6.3 (a Team's user: a subset). */
static const finesse_child_spec user_children[] = {
    { "loginId",         FINESSE_TEXT,   &hf_user_id,                NULL,        NULL, FALSE },
    { "id",              FINESSE_TEXT,   &hf_user_id,                NULL,        NULL, FALSE },
    { "loginName",       FINESSE_TEXT,   &hf_user_login_name,        NULL,        NULL, FALSE },
    { "firstName",       FINESSE_TEXT,   &hf_user_first_name,        NULL,        NULL, FALSE },
    { "lastName",        FINESSE_TEXT,   &hf_user_last_name,         NULL,        NULL, FALSE },
    { "extension",       FINESSE_TEXT,   &hf_user_extension,         NULL,        NULL, FALSE },
    { "state",           FINESSE_ENUM,   &hf_user_state,             user_states, NULL, FALSE },
    { "pendingState",    FINESSE_ENUM,   &hf_user_pending_state,     user_states, NULL, FALSE },
    { "stateChangeTime", FINESSE_TEXT,   &hf_user_state_change_time, NULL,        NULL, FALSE },
    { "reasonCodeId",    FINESSE_NUMBER, &hf_user_reason_code_id,    NULL,        NULL, FALSE },
    { "ReasonCode",      FINESSE_STRUCT, NULL, NULL, finesse_dissect_reason_code, FALSE },
    { "roles",           FINESSE_STRUCT, NULL, NULL, dissect_roles,               FALSE },
    { "settings",        FINESSE_STRUCT, NULL, NULL, dissect_settings,            FALSE },
    { "teamId",          FINESSE_TEXT,   &hf_user_team_id,           NULL,        NULL, FALSE },
    { "teamName",        FINESSE_TEXT,   &hf_user_team_name,         NULL,        NULL, FALSE },
    { "teams",           FINESSE_STRUCT, NULL, NULL, dissect_teams,               FALSE },
    { "uri",             FINESSE_TEXT,   &hf_user_uri,               NULL,        NULL, FALSE },
    { "dialogs",         FINESSE_TEXT,   &hf_user_dialogs,           NULL,        NULL, FALSE },
    { "mediaType",       FINESSE_TEXT,   &hf_user_media_type,        NULL,        NULL, FALSE },
    { "wrapUpTimer",     FINESSE_NUMBER, &hf_user_wrap_up_timer,     NULL,        NULL, FALSE },
    { "skillTargetId",   FINESSE_TEXT,   &hf_user_skill_target_id,   NULL,        NULL, FALSE },
    { "activeDeviceId",  FINESSE_TEXT,   &hf_user_active_device_id,  NULL,        NULL, FALSE },
    { "mobileAgent",     FINESSE_STRUCT, NULL, NULL, dissect_mobile_agent,        FALSE },
};

/* The user's id: its loginId, else its id. */
static const char *
user_id(const xm_element *user)
{
    const char *id = finesse_child_value(user, "loginId");
    return id ? id : finesse_child_value(user, "id");
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

void
finesse_add_team_member(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, user, ett_user, "User", user_children,
                                             G_N_ELEMENTS(user_children));

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s", finesse_or_unknown(user_id(user)),
                           finesse_or_unknown(finesse_child_text(user, "state")));
}

/* Why the agent is in its state, what comes next and what came before:
 * "Break; pending LOGOUT; was READY", or "" when nothing is known. */
static const char *
state_details(finesse_update *u, const xm_element *user, const char *state, const char *prev)
{
    wmem_strbuf_t *s = wmem_strbuf_new(u->msg.pinfo->pool, "");
    const char    *label = finesse_reason_label(user);
    const char    *pending = finesse_child_value(user, "pendingState");
    gint32         reason;

    if (g_str_equal(state, "NOT_READY") || g_str_equal(state, "LOGOUT")) {
        if (label)
            wmem_strbuf_append(s, label);
        else if (finesse_child_int(user, "reasonCodeId", &reason) && reason != -1)
            wmem_strbuf_append_printf(s, "reason code %d", reason);
    }
    if (pending)
        wmem_strbuf_append_printf(s, "%spending %s", wmem_strbuf_get_len(s) ? "; " : "", pending);
    if (prev)
        wmem_strbuf_append_printf(s, "%swas %s", wmem_strbuf_get_len(s) ? "; " : "", prev);
    return wmem_strbuf_get_str(s);
}

/* " User 1001 NOT_READY (Break; was READY)", or on a Team feed
 * " Team 1 user 1002 NOT_READY (Lunch)". */
static void
append_info(finesse_update *u, const xm_element *user, const char *id, const char *state, const char *prev)
{
    const char *details = state ? state_details(u, user, state, prev) : "";

    if (u->feed == FINESSE_FEED_TEAM)
        wmem_strbuf_append_printf(u->info, " Team %s user %s", finesse_or_unknown(finesse_team_of(u)),
                                  finesse_or_unknown(id));
    else
        wmem_strbuf_append_printf(u->info, " User %s", finesse_or_unknown(id));
    if (state)
        wmem_strbuf_append_printf(u->info, " %s", state);
    if (*details)
        wmem_strbuf_append_printf(u->info, " (%s)", details);
}

static void
note_logout(finesse_update *u, proto_item *ti, const char *id, const char *prev, gint32 reason)
{
    expert_add_info_format(u->msg.pinfo, ti, &ei_logout, "Agent %s logged out%s%s", finesse_or_unknown(id),
                           prev ? wmem_strdup_printf(u->msg.pinfo->pool, " (was %s)", prev) : "",
                           reason == FORCED_LOGOUT_REASON ?
                           ": reason code 255, the server's forced logout after the desktop went away" : "");
}

/* "Alice Agent", "Alice" or NULL: the names a <user> carries. */
static const char *
name_of(finesse_update *u, const xm_element *user)
{
    const char *first = finesse_child_value(user, "firstName");
    const char *last = finesse_child_value(user, "lastName");

    if (first && last)
        return wmem_strdup_printf(u->msg.pinfo->pool, "%s %s", first, last);
    return first ? first : last;
}

/* Copies into file scope only what is new: the same name comes with
 * every update of the agent. */
static void
remember_name(const char *id, const char *name)
{
    const char *known = id ? (const char *)wmem_map_lookup(agent_names, id) : NULL;

    if (id && name && g_strcmp0(known, name) != 0)
        wmem_map_insert(agent_names, wmem_strdup(wmem_file_scope(), id), wmem_strdup(wmem_file_scope(), name));
}

const char *
finesse_agent_name(const char *id)
{
    return id ? (const char *)wmem_map_lookup(agent_names, id) : NULL;
}

/* What statistics see of this update; the agent's previous state. */
static const char *
track_agent(finesse_update *u, const xm_element *user, const char *id, const char *state)
{
    const char *prev = NULL;

    u->tap.agent_id = id;
    u->tap.agent_name = name_of(u, user);
    if (!PINFO_FD_VISITED(u->msg.pinfo))
        remember_name(id, u->tap.agent_name);
    if (!u->tap.agent_name)
        u->tap.agent_name = finesse_agent_name(id);
    u->tap.state = state;
    u->tap.pending_state = finesse_child_text(user, "pendingState");
    finesse_child_int(user, "reasonCodeId", &u->tap.reason_code_id);
    u->tap.reason_code = finesse_reason_code_text(u, user);
    if (!state || u->published)
        return NULL;
    if (u->feed != FINESSE_FEED_TEAM)
        finesse_desktop_note_agent(&u->msg, id, state);
    if (id)
        prev = u->tap.previous_state = previous_state(u, id, state);
    return prev;
}

void
finesse_decode_user(finesse_update *u, proto_tree *tree, const xm_element *user)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, user, ett_user, "User", user_children,
                                             G_N_ELEMENTS(user_children));
    const char *id = user_id(user);
    const char *state = finesse_child_value(user, "state");
    const char *prev = track_agent(u, user, id, state);

    if (prev)
        proto_item_set_generated(proto_tree_add_string(sub, hf_user_previous_state, u->msg.tvb, 0, 0, prev));
    append_info(u, user, id, state, prev);
    if (state && g_str_equal(state, "LOGOUT"))
        note_logout(u, proto_tree_get_parent(sub), id, prev, u->tap.reason_code_id);
}

void
finesse_user_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_user_id,
          { "User id", "finesse.user.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The agent's Finesse user id (loginId, or id; on UCCE the numeric agent id)", HFILL }},
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
        { &hf_user_uri,
          { "User URI", "finesse.user.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "uri: the REST URI of the user, /finesse/api/User/{id}", HFILL }},
        { &hf_user_dialogs,
          { "Dialogs URI", "finesse.user.dialogs", FT_STRING, BASE_NONE, NULL, 0x0,
            "dialogs: the REST URI of the user's dialogs, /finesse/api/User/{id}/Dialogs", HFILL }},
        { &hf_user_media_type,
          { "Media type", "finesse.user.media_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaType: the Media Routing Domain of the user's state (1 = voice)", HFILL }},
        { &hf_user_wrap_up_timer,
          { "Wrap-up timer", "finesse.user.wrap_up_timer", FT_INT32, BASE_DEC, NULL, 0x0,
            "wrapUpTimer: the agent's wrap-up time limit (seconds, as far as known)", HFILL }},
        { &hf_user_skill_target_id,
          { "Skill target id", "finesse.user.skill_target_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "skillTargetId: the agent's id in the UCCE database", HFILL }},
        { &hf_user_active_device_id,
          { "Active device id", "finesse.user.active_device_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "activeDeviceId: the device the agent signed in with, when the extension has several", HFILL }},
        { &hf_settings_wrap_up_on_incoming,
          { "Wrap-up on incoming", "finesse.user.settings.wrap_up_on_incoming", FT_STRING, BASE_NONE, NULL, 0x0,
            "settings/wrapUpOnIncoming: wrap-up after an incoming call: OPTIONAL, REQUIRED, "
            "REQUIRED_WITH_WRAP_UP_DATA, NOT_ALLOWED", HFILL }},
        { &hf_settings_wrap_up_on_outgoing,
          { "Wrap-up on outgoing", "finesse.user.settings.wrap_up_on_outgoing", FT_STRING, BASE_NONE, NULL, 0x0,
            "settings/wrapUpOnOutgoing: wrap-up after an outgoing call: OPTIONAL, REQUIRED, "
            "REQUIRED_WITH_WRAP_UP_DATA, NOT_ALLOWED", HFILL }},
        { &hf_settings_device_selection,
          { "Device selection", "finesse.user.settings.device_selection", FT_STRING, BASE_NONE, NULL, 0x0,
            "settings/deviceSelection: whether the agent chooses a device at sign-in", HFILL }},
        { &hf_teams_id,
          { "Supervised team id", "finesse.user.teams.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "teams/Team/id: a team the user supervises", HFILL }},
        { &hf_teams_name,
          { "Supervised team name", "finesse.user.teams.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "teams/Team/name: a team the user supervises", HFILL }},
        { &hf_teams_uri,
          { "Supervised team URI", "finesse.user.teams.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "teams/Team/uri: the REST URI of a team the user supervises, /finesse/api/Team/{id}", HFILL }},
        { &hf_mobile_agent_mode,
          { "Mobile agent mode", "finesse.user.mobile_agent.mode", FT_STRING, BASE_NONE, NULL, 0x0,
            "mobileAgent/mode: CALL_BY_CALL or NAILED_CONNECTION", HFILL }},
        { &hf_mobile_agent_dial_number,
          { "Mobile agent dial number", "finesse.user.mobile_agent.dial_number", FT_STRING, BASE_NONE, NULL, 0x0,
            "mobileAgent/dialNumber: the phone number a mobile agent is reached at", HFILL }},
    };
    static gint *ett[] = {
        &ett_user,
        &ett_roles,
        &ett_settings,
        &ett_teams,
        &ett_team,
        &ett_mobile_agent,
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
    agent_names = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}
