/* media.c
 *
 * Finesse <Media> data (Media feed): an agent's state in a nonvoice Media
 * Routing Domain (MRD). Everything else inside it is shown generically.
 *
 * Source: docs/finesse-reference.md §6.5.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include "layer.h"

static int hf_media_id = -1;
static int hf_media_name = -1;
static int hf_media_state = -1;
static int hf_media_state_change_time = -1;
static int hf_media_reason_code_id = -1;
static int hf_media_routable = -1;

static gint ett_media = -1;

/* docs/finesse-reference.md §6.5, Cisco "Media states" (an agent's state in a
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

static const char *const media_decoded[] = {
    "mediaId", "name", "state", "routable", "stateChangeTime", "reasonCodeId", NULL
};
static const char *const media_decoded_by_id[] = {
    "id", "name", "state", "routable", "stateChangeTime", "reasonCodeId", NULL
};

/* The MRD id is <mediaId> in the Media API parameters but <id> in the
 * developer.cisco.com Media object: either is finesse.media.id. */
void
finesse_decode_media(finesse_update *u, proto_tree *tree, const xm_element *media)
{
    proto_tree *sub = finesse_subtree(u, tree, media, ett_media, "Media");
    gboolean by_media_id = finesse_child(media, "mediaId") != NULL;
    const char *id = finesse_add_child_text(u, sub, hf_media_id, media, by_media_id ? "mediaId" : "id");
    const char *state;

    finesse_add_child_text(u, sub, hf_media_name, media, "name");
    state = finesse_add_child_enum(u, sub, hf_media_state, media, "state", media_states);
    finesse_add_child_text(u, sub, hf_media_state_change_time, media, "stateChangeTime");
    finesse_add_child_int(u, sub, hf_media_reason_code_id, media, "reasonCodeId", NULL);
    finesse_add_child_enum(u, sub, hf_media_routable, media, "routable", routable_values);
    finesse_add_undecoded(u, sub, media, by_media_id ? media_decoded : media_decoded_by_id);

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s", finesse_or_unknown(id), finesse_or_unknown(state));
    wmem_strbuf_append_printf(u->info, " Media %s %s", finesse_or_unknown(id), finesse_or_unknown(state));
}

void
finesse_media_register(int proto)
{
    static hf_register_info hf[] = {
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
    };
    static gint *ett[] = {
        &ett_media,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
