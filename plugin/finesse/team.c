/* team.c
 *
 * Finesse <team> data (Team feed, /finesse/api/Team/{id}/Users) and a bare
 * <users> list: the team's id, name and URI, and each <User> of its
 * <users> with the fields of a user (user.c); anything else in the list is
 * shown generically. The Info column names the team, from the data or
 * else from the Update's source or node.
 *
 * Source: docs/finesse-reference.md §6.3, §4.1 (the Team feed).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <string.h>

static int hf_team_id = -1;
static int hf_team_name = -1;
static int hf_team_uri = -1;

static gint ett_team = -1;
static gint ett_users = -1;

/* The members of a <users> list; returns how many. */
static guint
add_members(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    guint n = 0;

    for (const xm_element *c = users->first_child; c; c = c->next) {
        if (finesse_name_is(c->name, "User")) {
            finesse_add_team_member(u, tree, c);
            n++;
        } else {
            finesse_add_generic(u, tree, c);
        }
    }
    return n;
}

/* "Users (2)" over the list; returns how many members it has. */
static guint
dissect_users(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    proto_tree *sub = finesse_subtree(u, tree, users, ett_users, "Users");
    guint       n = add_members(u, sub, users);

    proto_item_append_text(proto_tree_get_parent(sub), " (%u)", n);
    return n;
}

static void
dissect_team_users(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    dissect_users(u, tree, users);
}

static const finesse_child_spec team_children[] = {
    { "id",    FINESSE_TEXT,   &hf_team_id,   NULL, NULL,               FALSE },
    { "name",  FINESSE_TEXT,   &hf_team_name, NULL, NULL,               FALSE },
    { "uri",   FINESSE_TEXT,   &hf_team_uri,  NULL, NULL,               FALSE },
    { "users", FINESSE_STRUCT, NULL,          NULL, dissect_team_users, FALSE },
};

const char *
finesse_team_of(finesse_update *u)
{
    return finesse_path_id(u, FINESSE_TEAM_PATH);
}

/* " Team 1 "Team One" (2 users)". */
static void
append_info(finesse_update *u, const char *id, const char *name, guint members)
{
    wmem_strbuf_append_printf(u->info, " Team %s", finesse_or_unknown(id ? id : finesse_team_of(u)));
    if (name)
        wmem_strbuf_append_printf(u->info, " \"%s\"", name);
    wmem_strbuf_append_printf(u->info, " (%s)", finesse_count(u, members, "user", "users"));
}

static guint
count_members(const xm_element *users)
{
    guint n = 0;

    for (const xm_element *c = users ? users->first_child : NULL; c; c = c->next)
        n += finesse_name_is(c->name, "User");
    return n;
}

void
finesse_decode_team(finesse_update *u, proto_tree *tree, const xm_element *team)
{
    finesse_dissect_struct(u, tree, team, ett_team, "Team", team_children, G_N_ELEMENTS(team_children));
    append_info(u, finesse_child_value(team, "id"), finesse_child_value(team, "name"),
                count_members(finesse_child(team, "users")));
}

void
finesse_decode_users(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    append_info(u, NULL, NULL, dissect_users(u, tree, users));
}

void
finesse_team_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_team_id,
          { "Team id", "finesse.team.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "Id of the team in a Team update", HFILL }},
        { &hf_team_name,
          { "Team name", "finesse.team.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of the team in a Team update", HFILL }},
        { &hf_team_uri,
          { "Team URI", "finesse.team.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "REST URI of the team in a Team update, /finesse/api/Team/{id}", HFILL }},
    };
    static gint *ett[] = {
        &ett_team,
        &ett_users,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
