/* team-message.c
 *
 * Finesse <TeamMessage> data: a message a supervisor broadcasts to teams
 * (Finesse 12.0 and later): its id and URI, who created it, when (seconds
 * since 1970, UTC), how long it is shown, its content and the teams it is
 * for. The Info column says 'TeamMessage POST from 1099 to team 1:
 * "Hello"'.
 *
 * Source: docs/finesse-reference.md §6.9.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include "numbers.h"

static int hf_message_uri = -1;
static int hf_message_id = -1;
static int hf_created_by_id = -1;
static int hf_created_by_first_name = -1;
static int hf_created_by_last_name = -1;
static int hf_created_at = -1;
static int hf_duration = -1;
static int hf_content = -1;
static int hf_team = -1;

static gint ett_message = -1;
static gint ett_created_by = -1;
static gint ett_teams = -1;

static const finesse_child_spec created_by_children[] = {
    { "id",        FINESSE_TEXT, &hf_created_by_id,         NULL, NULL, FALSE },
    { "firstName", FINESSE_TEXT, &hf_created_by_first_name, NULL, NULL, FALSE },
    { "lastName",  FINESSE_TEXT, &hf_created_by_last_name,  NULL, NULL, FALSE },
};

static const finesse_child_spec team_children[] = {
    { "team", FINESSE_TEXT, &hf_team, NULL, NULL, TRUE },
};

static void
dissect_created_by(finesse_update *u, proto_tree *tree, const xm_element *created_by)
{
    finesse_dissect_struct(u, tree, created_by, ett_created_by, "Created by", created_by_children,
                           G_N_ELEMENTS(created_by_children));
}

/* createdAt: seconds since 1970, shown as a time. */
static void
dissect_created_at(finesse_update *u, proto_tree *tree, const xm_element *created_at)
{
    guint64  seconds;
    nstime_t t;

    if (created_at->first_child || !xm_parse_uint64(created_at->text, &seconds) || seconds > G_MAXINT32) {
        finesse_add_generic(u, tree, created_at);
        return;
    }
    t.secs = (time_t)seconds;
    t.nsecs = 0;
    finesse_add_attributes(u, proto_tree_add_time(tree, hf_created_at, u->msg.tvb, created_at->content.offset,
                                                  created_at->content.length, &t), created_at);
}

static void
dissect_teams(finesse_update *u, proto_tree *tree, const xm_element *teams)
{
    finesse_dissect_struct(u, tree, teams, ett_teams, "Teams", team_children, G_N_ELEMENTS(team_children));
}

static const finesse_child_spec message_children[] = {
    { "uri",       FINESSE_TEXT,   &hf_message_uri, NULL, NULL,               FALSE },
    { "id",        FINESSE_TEXT,   &hf_message_id,  NULL, NULL,               FALSE },
    { "createdBy", FINESSE_STRUCT, NULL,            NULL, dissect_created_by, FALSE },
    { "createdAt", FINESSE_STRUCT, NULL,            NULL, dissect_created_at, FALSE },
    { "duration",  FINESSE_NUMBER, &hf_duration,    NULL, NULL,               FALSE },
    { "content",   FINESSE_TEXT,   &hf_content,     NULL, NULL,               FALSE },
    { "teams",     FINESSE_STRUCT, NULL,            NULL, dissect_teams,      FALSE },
};

/* "team 1", "teams 5052, 5000", or "" for none. */
static const char *
addressees(finesse_update *u, const xm_element *teams)
{
    wmem_strbuf_t *ids = wmem_strbuf_new(u->msg.pinfo->pool, "");
    guint          n = 0;

    for (const xm_element *c = teams ? teams->first_child : NULL; c; c = c->next) {
        if (finesse_name_is(c->name, "team"))
            wmem_strbuf_append_printf(ids, "%s%s", n++ ? ", " : "", finesse_or_unknown(c->text));
    }
    if (!n)
        return "";
    return wmem_strdup_printf(u->msg.pinfo->pool, " to %s %s", n == 1 ? "team" : "teams", wmem_strbuf_get_str(ids));
}

void
finesse_decode_team_message(finesse_update *u, proto_tree *tree, const xm_element *message)
{
    const char *from = finesse_child_value(finesse_child(message, "createdBy"), "id");
    const char *content = finesse_child_text(message, "content");

    finesse_dissect_struct(u, tree, message, ett_message, "TeamMessage", message_children,
                           G_N_ELEMENTS(message_children));
    wmem_strbuf_append_printf(u->info, " TeamMessage%s%s from %s%s", u->event ? " " : "", u->event ? u->event : "",
                              finesse_or_unknown(from), addressees(u, finesse_child(message, "teams")));
    if (content)
        wmem_strbuf_append_printf(u->info, ": \"%s\"", content);
}

void
finesse_team_message_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_message_uri,
          { "TeamMessage URI", "finesse.team_message.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "uri: the REST URI of the team message, /finesse/api/TeamMessage/{id}", HFILL }},
        { &hf_message_id,
          { "TeamMessage id", "finesse.team_message.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "id: the team message's unique id (a UUID)", HFILL }},
        { &hf_created_by_id,
          { "Created by", "finesse.team_message.created_by.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "createdBy/id: the user id of the supervisor or administrator who sent the message", HFILL }},
        { &hf_created_by_first_name,
          { "Creator's first name", "finesse.team_message.created_by.first_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "createdBy/firstName: the sender's first name", HFILL }},
        { &hf_created_by_last_name,
          { "Creator's last name", "finesse.team_message.created_by.last_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "createdBy/lastName: the sender's last name", HFILL }},
        { &hf_created_at,
          { "Created at", "finesse.team_message.created_at", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL, 0x0,
            "createdAt: when the message was sent (seconds since 1970 on the wire)", HFILL }},
        { &hf_duration,
          { "Duration", "finesse.team_message.duration", FT_UINT32, BASE_DEC, NULL, 0x0,
            "duration: how many seconds the message is shown", HFILL }},
        { &hf_content,
          { "Content", "finesse.team_message.content", FT_STRING, BASE_NONE, NULL, 0x0,
            "content: the text of the message (at most 255 characters)", HFILL }},
        { &hf_team,
          { "Team", "finesse.team_message.team", FT_STRING, BASE_NONE, NULL, 0x0,
            "teams/team: the id of a team the message is for", HFILL }},
    };
    static gint *ett[] = {
        &ett_message,
        &ett_created_by,
        &ett_teams,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
