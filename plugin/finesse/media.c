/* media.c
 *
 * Finesse <Media> data (Media feed): an agent's state in a nonvoice Media
 * Routing Domain (MRD): the MRD's id, name, description and URI, the
 * state, its time and reason code, whether the agent is routable, and the
 * sign-in settings (interruptible, maximum dialogs, what happens to tasks
 * on sign-out and on an interrupt). Everything else inside it is shown
 * generically.
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
static int hf_media_description = -1;
static int hf_media_uri = -1;
static int hf_media_interruptible = -1;
static int hf_media_max_dialog_limit = -1;
static int hf_media_dialog_logout_action = -1;
static int hf_media_interrupt_action = -1;
static int hf_media_connected = -1;

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

/* docs/finesse-reference.md §6.5: dialogLogoutAction and interruptAction. */
static const string_string dialog_logout_actions[] = {
    { "CLOSE",    "the agent's tasks in the MRD are closed when the agent signs out" },
    { "TRANSFER", "the agent's tasks in the MRD are transferred when the agent signs out" },
    { NULL, NULL }
};

static const string_string interrupt_actions[] = {
    { "ACCEPT", "an interrupt is accepted: the agent becomes INTERRUPTED in this MRD" },
    { "IGNORE", "an interrupt is ignored: the agent keeps working in this MRD" },
    { NULL, NULL }
};

/* The MRD id is <mrdId> (or <mediaId>) in the Media API parameters but
 * <id> in the developer.cisco.com Media object: each is finesse.media.id. */
static const finesse_child_spec media_children[] = {
    { "mediaId",            FINESSE_TEXT,   &hf_media_id,                   NULL,                  NULL, FALSE },
    { "id",                 FINESSE_TEXT,   &hf_media_id,                   NULL,                  NULL, FALSE },
    { "mrdId",              FINESSE_TEXT,   &hf_media_id,                   NULL,                  NULL, FALSE },
    { "name",               FINESSE_TEXT,   &hf_media_name,                 NULL,                  NULL, FALSE },
    { "description",        FINESSE_TEXT,   &hf_media_description,          NULL,                  NULL, FALSE },
    { "uri",                FINESSE_TEXT,   &hf_media_uri,                  NULL,                  NULL, FALSE },
    { "state",              FINESSE_ENUM,   &hf_media_state,                media_states,          NULL, FALSE },
    { "stateChangeTime",    FINESSE_TEXT,   &hf_media_state_change_time,    NULL,                  NULL, FALSE },
    { "reasonCodeId",       FINESSE_NUMBER, &hf_media_reason_code_id,       NULL,                  NULL, FALSE },
    { "ReasonCode",         FINESSE_STRUCT, NULL, NULL, finesse_dissect_reason_code,                     FALSE },
    { "routable",           FINESSE_ENUM,   &hf_media_routable,             routable_values,       NULL, FALSE },
    { "interruptible",      FINESSE_ENUM,   &hf_media_interruptible,        finesse_booleans,            NULL, FALSE },
    { "maxDialogLimit",     FINESSE_NUMBER, &hf_media_max_dialog_limit,     NULL,                  NULL, FALSE },
    { "dialogLogoutAction", FINESSE_ENUM,   &hf_media_dialog_logout_action, dialog_logout_actions, NULL, FALSE },
    { "interruptAction",    FINESSE_ENUM,   &hf_media_interrupt_action,     interrupt_actions,     NULL, FALSE },
    { "mediaConnected",     FINESSE_ENUM,   &hf_media_connected,            finesse_booleans,            NULL, FALSE },
};

/* The MRD's id: mediaId, id or mrdId, whichever comes first. */
static const char *
media_id(const xm_element *media)
{
    for (const xm_element *c = media->first_child; c; c = c->next) {
        if (finesse_name_is(c->name, "mediaId") || finesse_name_is(c->name, "id") || finesse_name_is(c->name, "mrdId"))
            return c->text;
    }
    return NULL;
}

void
finesse_decode_media(finesse_update *u, proto_tree *tree, const xm_element *media)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, media, ett_media, "Media", media_children,
                                             G_N_ELEMENTS(media_children));
    const char *id = media_id(media);
    const char *state = finesse_child_text(media, "state");

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s", finesse_or_unknown(id), finesse_or_unknown(state));
    wmem_strbuf_append_printf(u->info, " Media %s %s", finesse_or_unknown(id), finesse_or_unknown(state));
}

void
finesse_media_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_media_id,
          { "Media id", "finesse.media.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaId, id or mrdId: the Media Routing Domain (MRD) id", HFILL }},
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
        { &hf_media_description,
          { "Media description", "finesse.media.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "description: the MRD's description (a '<' in it is escaped twice on the wire)", HFILL }},
        { &hf_media_uri,
          { "Media URI", "finesse.media.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "uri: the REST URI of the agent's state in the MRD, /finesse/api/User/{id}/Media/{mrdId}", HFILL }},
        { &hf_media_interruptible,
          { "Interruptible", "finesse.media.interruptible", FT_STRING, BASE_NONE, NULL, 0x0,
            "interruptible: true when a task of this MRD can be interrupted by one of another MRD", HFILL }},
        { &hf_media_max_dialog_limit,
          { "Max dialog limit", "finesse.media.max_dialog_limit", FT_INT32, BASE_DEC, NULL, 0x0,
            "maxDialogLimit: how many tasks of this MRD the agent may handle at once (1-10)", HFILL }},
        { &hf_media_dialog_logout_action,
          { "Dialog logout action", "finesse.media.dialog_logout_action", FT_STRING, BASE_NONE, NULL, 0x0,
            "dialogLogoutAction: what happens to the agent's tasks when the agent signs out (CLOSE, TRANSFER)",
            HFILL }},
        { &hf_media_interrupt_action,
          { "Interrupt action", "finesse.media.interrupt_action", FT_STRING, BASE_NONE, NULL, 0x0,
            "interruptAction: ACCEPT or IGNORE an interrupt by a task of another MRD", HFILL }},
        { &hf_media_connected,
          { "Media connected", "finesse.media.connected", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaConnected: true when the MRD is connected to the Finesse server (UCCE)", HFILL }},
    };
    static gint *ett[] = {
        &ett_media,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
