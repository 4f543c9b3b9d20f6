/* team.c
 *
 * Finesse <team> data (Team feed, /finesse/api/Team/{id}/Users) and a bare
 * <users> list: the team's id and name, and each member with the fields of
 * a user (user.c).
 *
 * Source: docs/finesse-reference.md §6.3.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

static int hf_team_id = -1;
static int hf_team_name = -1;

static gint ett_team = -1;

/* The members of a team's <users>; returns how many. */
static guint
add_members(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    guint n = 0;

    for (const xm_element *user = users ? users->first_child : NULL; user; user = user->next, n++)
        finesse_add_team_member(u, tree, user);
    return n;
}

void
finesse_decode_team(finesse_update *u, proto_tree *tree, const xm_element *team)
{
    proto_tree *sub = finesse_subtree(u, tree, team, ett_team, "Team");
    const char *id = finesse_add_child_text(u, sub, hf_team_id, team, "id");
    const char *name = finesse_add_child_text(u, sub, hf_team_name, team, "name");
    guint       n = add_members(u, sub, finesse_child(team, "users"));

    wmem_strbuf_append_printf(u->info, " Team %s%s%s%s (%u users)", finesse_or_unknown(id), name ? " \"" : "",
                              name ? name : "", name ? "\"" : "", n);
}

void
finesse_decode_users(finesse_update *u, proto_tree *tree, const xm_element *users)
{
    proto_tree *sub = finesse_subtree(u, tree, users, ett_team, "Users");

    wmem_strbuf_append_printf(u->info, " Users (%u)", add_members(u, sub, users));
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
    };
    static gint *ett[] = {
        &ett_team,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
