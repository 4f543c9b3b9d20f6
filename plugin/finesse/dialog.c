/* dialog.c
 *
 * Finesse dialog data (Dialogs and Dialogs/Media feeds): a call or a
 * nonvoice task. A new or removed dialog comes as <dialogs><Dialog> with
 * POST or DELETE on /finesse/api/User/{id}/Dialogs; a change to one comes
 * as <dialog> with PUT and source /finesse/api/Dialog/{id}. Decoded: the
 * dialog's id, secondary id, state, media type, addresses, callback number
 * and URI, its mediaProperties (media id, DNIS, dialed number, call type,
 * queue, CTI call key, wrap-up reason and items, call variables), a
 * scheduled callback, and each participant with its state, cause, times
 * and allowed actions. A FAILED dialog or participant gets an expert
 * warning with the cause. Everything else inside the dialog is shown
 * generically.
 *
 * Source: docs/finesse-reference.md §6.2 (Dialog fields, dialog and
 * participant states, stateCause, actions), §5 (double escaping).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <epan/expert.h>

#include "layer.h"
#include "meaning.h"

#define ARROW "\xe2\x86\x92" /* U+2192, between from and to address */

static int hf_dialog_id = -1;
static int hf_dialog_secondary_id = -1;
static int hf_dialog_associated_uri = -1;
static int hf_dialog_state = -1;
static int hf_dialog_media_type = -1;
static int hf_dialog_from_address = -1;
static int hf_dialog_to_address = -1;
static int hf_dialog_callback_number = -1;
static int hf_dialog_uri = -1;
static int hf_dialog_media_id = -1;
static int hf_dialog_dialed_number = -1;
static int hf_dialog_dnis = -1;
static int hf_dialog_call_type = -1;
static int hf_dialog_queue_number = -1;
static int hf_dialog_queue_name = -1;
static int hf_dialog_call_key_call_id = -1;
static int hf_dialog_call_key_sequence_num = -1;
static int hf_dialog_call_key_prefix = -1;
static int hf_dialog_outbound_classification = -1;
static int hf_dialog_wrap_up_reason = -1;
static int hf_dialog_wrap_up_item = -1;
static int hf_dialog_scheduled_callback_time = -1;
static int hf_dialog_scheduled_callback_number = -1;
static int hf_call_variable_name = -1;
static int hf_call_variable_value = -1;
static int hf_participant_address = -1;
static int hf_participant_address_type = -1;
static int hf_participant_state = -1;
static int hf_participant_state_cause = -1;
static int hf_participant_start_time = -1;
static int hf_participant_state_change_time = -1;
static int hf_participant_action = -1;

static gint ett_dialogs = -1;
static gint ett_dialog = -1;
static gint ett_media_properties = -1;
static gint ett_call_variables = -1;
static gint ett_call_variable = -1;
static gint ett_wrap_up_items = -1;
static gint ett_participants = -1;
static gint ett_participant = -1;
static gint ett_actions = -1;
static gint ett_scheduled_callback = -1;

static expert_field ei_dialog_failed = EI_INIT;

/* docs/finesse-reference.md §6.2, Cisco "State (Dialog) parameter values": voice
 * states, then the nonvoice (task) states. HELD and WRAP_UP are
 * participant states, not dialog states. */
static const string_string dialog_states[] = {
    { "INITIATING",  "phone off hook" },
    { "INITIATED",   "dialing" },
    { "ALERTING",    "ringing" },
    { "ACTIVE",      "at least one participant active, also while one is held; nonvoice: task being worked on" },
    { "FAILED",      "call failed; the participant's stateCause gives the reason" },
    { "DROPPED",     "no active participants left" },
    { "ACCEPTED",    "outbound preview dialog accepted; nonvoice: task accepted" },
    { "OFFERED",     "nonvoice task offered to the agent" },
    { "PAUSED",      "nonvoice task paused" },
    { "WRAPPING_UP", "nonvoice task in wrap-up" },
    { "INTERRUPTED", "nonvoice task interrupted" },
    { "CLOSED",      "nonvoice task closed" },
    { "UNKNOWN",     "state unknown" },
    { NULL, NULL }
};

/* docs/finesse-reference.md §6.2, Cisco "State (Participant) parameter values",
 * with the desktop's label. */
static const string_string participant_states[] = {
    { "INITIATING", "off hook; desktop label Off Hook" },
    { "INITIATED",  "dialing; desktop label Dialing" },
    { "ALERTING",   "ringing; desktop label Incoming" },
    { "ACTIVE",     "connected; desktop label Active" },
    { "FAILED",     "call failed; stateCause gives the reason; desktop label Busy / Error" },
    { "HELD",       "on hold; desktop label Hold" },
    { "DROPPED",    "left the call" },
    { "WRAP_UP",    "dropped from the call, wrapping up; desktop label Active" },
    { "ACCEPTED",   "outbound preview accepted" },
    { NULL, NULL }
};

/* docs/finesse-reference.md §6.2: stateCause of a FAILED participant. */
static const string_string state_causes[] = {
    { "BUSY",                          "the destination is busy" },
    { "BAD_DESTINATION",               "the number dialed is not valid" },
    { "OTHER",                         "another failure" },
    { "DEVICE_RESOURCE_NOT_AVAILABLE", "the device has no resource for the call" },
    { NULL, NULL }
};

static const string_string address_types[] = {
    { "AGENT_DEVICE", "an agent's phone" },
    { NULL, NULL }
};

/* docs/finesse-reference.md §6.2, participant actions (Finesse JavaScript library
 * Dialog.Actions). */
static const string_string actions[] = {
    { "ANSWER",                    "answer the ringing call" },
    { "HOLD",                      "put the call on hold" },
    { "RETRIEVE",                  "take the call off hold" },
    { "DROP",                      "hang up" },
    { "UPDATE_CALL_DATA",          "change the call variables" },
    { "CONSULT_CALL",              "start a consult call" },
    { "TRANSFER",                  "complete a consult transfer" },
    { "TRANSFER_SST",              "single-step transfer" },
    { "CONFERENCE",                "complete a conference" },
    { "SEND_DTMF",                 "send DTMF digits" },
    { "BARGE_CALL",                "supervisor barges in" },
    { "PARTICIPANT_DROP",          "supervisor drops a participant" },
    { "START_RECORDING",           "start recording" },
    { "ACCEPT",                    "accept the task or preview call" },
    { "REJECT",                    "reject the task or preview call" },
    { "CLOSE",                     "close the task or preview call" },
    { "RECLASSIFY",                "reclassify the outbound call" },
    { "UPDATE_SCHEDULED_CALLBACK", "change a scheduled callback" },
    { "CANCEL_SCHEDULED_CALLBACK", "cancel a scheduled callback" },
    { NULL, NULL }
};

static const finesse_child_spec call_variable_children[] = {
    { "name",  FINESSE_TEXT, &hf_call_variable_name,  NULL, NULL, FALSE },
    { "value", FINESSE_TEXT, &hf_call_variable_value, NULL, NULL, FALSE },
};

static const finesse_child_spec wrap_up_item_children[] = {
    { "wrapUpItem", FINESSE_TEXT, &hf_dialog_wrap_up_item, NULL, NULL, TRUE },
};

static const finesse_child_spec scheduled_callback_children[] = {
    { "callbackTime",   FINESSE_TEXT, &hf_dialog_scheduled_callback_time,   NULL, NULL, FALSE },
    { "callbackNumber", FINESSE_TEXT, &hf_dialog_scheduled_callback_number, NULL, NULL, FALSE },
};

static const finesse_child_spec action_children[] = {
    { "action", FINESSE_ENUM, &hf_participant_action, actions, NULL, TRUE },
};

/* "Call variable callVariable1 = "12345"". The value is shown as the
 * Update holds it, unescaped: a '<' in it was escaped twice on the wire,
 * &amp;lt; (docs/finesse-reference.md §5). */
static void
dissect_call_variable(finesse_update *u, proto_tree *tree, const xm_element *var)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, var, ett_call_variable, "Call variable", call_variable_children,
                                             G_N_ELEMENTS(call_variable_children));
    const char *value = finesse_child_text(var, "value");

    proto_item_append_text(proto_tree_get_parent(sub), " %s = \"%s\"",
                           finesse_or_unknown(finesse_child_text(var, "name")), value ? value : "");
}

static void
dissect_call_variables(finesse_update *u, proto_tree *tree, const xm_element *vars)
{
    static const finesse_child_spec members[] = {
        { "CallVariable", FINESSE_STRUCT, NULL, NULL, dissect_call_variable, TRUE },
    };

    finesse_dissect_struct(u, tree, vars, ett_call_variables, "Call variables", members, G_N_ELEMENTS(members));
}

static void
dissect_wrap_up_items(finesse_update *u, proto_tree *tree, const xm_element *items)
{
    finesse_dissect_struct(u, tree, items, ett_wrap_up_items, "Wrap-up items", wrap_up_item_children,
                           G_N_ELEMENTS(wrap_up_item_children));
}

static const finesse_child_spec media_properties_children[] = {
    { "mediaId",                FINESSE_TEXT,   &hf_dialog_media_id,                NULL, NULL, FALSE },
    { "dialedNumber",           FINESSE_TEXT,   &hf_dialog_dialed_number,           NULL, NULL, FALSE },
    { "DNIS",                   FINESSE_TEXT,   &hf_dialog_dnis,                    NULL, NULL, FALSE },
    { "callType",               FINESSE_TEXT,   &hf_dialog_call_type,               NULL, NULL, FALSE },
    { "queueNumber",            FINESSE_TEXT,   &hf_dialog_queue_number,            NULL, NULL, FALSE },
    { "queueName",              FINESSE_TEXT,   &hf_dialog_queue_name,              NULL, NULL, FALSE },
    { "callKeyCallId",          FINESSE_TEXT,   &hf_dialog_call_key_call_id,        NULL, NULL, FALSE },
    { "callKeySequenceNum",     FINESSE_TEXT,   &hf_dialog_call_key_sequence_num,   NULL, NULL, FALSE },
    { "callKeyPrefix",          FINESSE_TEXT,   &hf_dialog_call_key_prefix,         NULL, NULL, FALSE },
    { "outboundClassification", FINESSE_TEXT,   &hf_dialog_outbound_classification, NULL, NULL, FALSE },
    { "wrapUpReason",           FINESSE_TEXT,   &hf_dialog_wrap_up_reason,          NULL, NULL, FALSE },
    { "wrapUpItems",            FINESSE_STRUCT, NULL, NULL, dissect_wrap_up_items,  FALSE },
    { "callvariables",          FINESSE_STRUCT, NULL, NULL, dissect_call_variables, FALSE },
};

static void
dissect_media_properties(finesse_update *u, proto_tree *tree, const xm_element *mp)
{
    finesse_dissect_struct(u, tree, mp, ett_media_properties, "Media properties", media_properties_children,
                           G_N_ELEMENTS(media_properties_children));
}

static void
dissect_actions(finesse_update *u, proto_tree *tree, const xm_element *actions_el)
{
    finesse_dissect_struct(u, tree, actions_el, ett_actions, "Actions", action_children,
                           G_N_ELEMENTS(action_children));
}

static const finesse_child_spec participant_children[] = {
    { "actions",          FINESSE_STRUCT, NULL, NULL, dissect_actions, FALSE },
    { "mediaAddress",     FINESSE_TEXT,   &hf_participant_address,           NULL,          NULL, FALSE },
    { "mediaAddressType", FINESSE_ENUM,   &hf_participant_address_type,      address_types, NULL, FALSE },
    { "state",            FINESSE_ENUM,   &hf_participant_state,             participant_states, NULL, FALSE },
    { "stateCause",       FINESSE_ENUM,   &hf_participant_state_cause,       state_causes,  NULL, FALSE },
    { "startTime",        FINESSE_TEXT,   &hf_participant_start_time,        NULL,          NULL, FALSE },
    { "stateChangeTime",  FINESSE_TEXT,   &hf_participant_state_change_time, NULL,          NULL, FALSE },
};

static gboolean
failed(const char *state)
{
    return state && g_ascii_strcasecmp(state, "FAILED") == 0;
}

/* "Participant 5001 FAILED (BUSY)". */
static void
dissect_participant(finesse_update *u, proto_tree *tree, const xm_element *p)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, p, ett_participant, "Participant", participant_children,
                                             G_N_ELEMENTS(participant_children));
    const char *state = finesse_child_text(p, "state");
    const char *cause = finesse_child_value(p, "stateCause");

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s",
                           finesse_or_unknown(finesse_child_text(p, "mediaAddress")), finesse_or_unknown(state));
    if (failed(state) && cause)
        proto_item_append_text(proto_tree_get_parent(sub), " (%s)", cause);
}

static void
dissect_participants(finesse_update *u, proto_tree *tree, const xm_element *parts)
{
    static const finesse_child_spec members[] = {
        { "Participant", FINESSE_STRUCT, NULL, NULL, dissect_participant, TRUE },
    };

    finesse_dissect_struct(u, tree, parts, ett_participants, "Participants", members, G_N_ELEMENTS(members));
}

static void
dissect_scheduled_callback(finesse_update *u, proto_tree *tree, const xm_element *info)
{
    finesse_dissect_struct(u, tree, info, ett_scheduled_callback, "Scheduled callback", scheduled_callback_children,
                           G_N_ELEMENTS(scheduled_callback_children));
}

static const finesse_child_spec dialog_children[] = {
    { "id",                    FINESSE_TEXT,   &hf_dialog_id,              NULL,          NULL, FALSE },
    { "secondaryId",           FINESSE_TEXT,   &hf_dialog_secondary_id,    NULL,          NULL, FALSE },
    { "associatedDialogUri",   FINESSE_TEXT,   &hf_dialog_associated_uri,  NULL,          NULL, FALSE },
    { "state",                 FINESSE_ENUM,   &hf_dialog_state,           dialog_states, NULL, FALSE },
    { "mediaType",             FINESSE_TEXT,   &hf_dialog_media_type,      NULL,          NULL, FALSE },
    { "fromAddress",           FINESSE_TEXT,   &hf_dialog_from_address,    NULL,          NULL, FALSE },
    { "toAddress",             FINESSE_TEXT,   &hf_dialog_to_address,      NULL,          NULL, FALSE },
    { "callbackNumber",        FINESSE_TEXT,   &hf_dialog_callback_number, NULL,          NULL, FALSE },
    { "uri",                   FINESSE_TEXT,   &hf_dialog_uri,             NULL,          NULL, FALSE },
    { "mediaProperties",       FINESSE_STRUCT, NULL, NULL, dissect_media_properties,   FALSE },
    { "participants",          FINESSE_STRUCT, NULL, NULL, dissect_participants,       FALSE },
    { "scheduledCallbackInfo", FINESSE_STRUCT, NULL, NULL, dissect_scheduled_callback, FALSE },
};

/* "5001 BUSY, 5002 OTHER": the participants that FAILED, with their cause. */
static wmem_strbuf_t *
failed_participants(wmem_allocator_t *pool, const xm_element *dialog)
{
    const xm_element *parts = finesse_child(dialog, "participants");
    wmem_strbuf_t *s = wmem_strbuf_new(pool, "");

    for (const xm_element *p = parts ? parts->first_child : NULL; p; p = p->next) {
        if (!finesse_name_is(p->name, "Participant") || !failed(finesse_child_text(p, "state")))
            continue;
        wmem_strbuf_append_printf(s, "%s%s %s", wmem_strbuf_get_len(s) ? ", " : "",
                                  finesse_or_unknown(finesse_child_text(p, "mediaAddress")),
                                  finesse_or_unknown(finesse_child_text(p, "stateCause")));
    }
    return s;
}

/* "Dialog 16777218 FAILED: 1002 BUSY" when the dialog or one of its
 * participants failed. */
static void
note_failure(finesse_update *u, proto_item *ti, const xm_element *dialog, const char *id, const char *state)
{
    wmem_strbuf_t *parts = failed_participants(u->msg.pinfo->pool, dialog);
    const char    *who = wmem_strbuf_get_len(parts) ? wmem_strbuf_get_str(parts) : "no participant gives a cause";

    if (failed(state))
        expert_add_info_format(u->msg.pinfo, ti, &ei_dialog_failed, "Dialog %s FAILED: %s", finesse_or_unknown(id), who);
    else if (wmem_strbuf_get_len(parts))
        expert_add_info_format(u->msg.pinfo, ti, &ei_dialog_failed, "Dialog %s %s: participant FAILED: %s",
                               finesse_or_unknown(id), finesse_or_unknown(state), who);
}

/* ---- what the dialog lifecycle statistics see ---------------------------- */

/* "1001 ACTIVE, 5551234 ACTIVE": each participant's address and state. */
static const char *
participants_summary(wmem_allocator_t *pool, const xm_element *dialog)
{
    const xm_element *parts = finesse_child(dialog, "participants");
    wmem_strbuf_t *s = wmem_strbuf_new(pool, "");

    for (const xm_element *p = parts ? parts->first_child : NULL; p; p = p->next) {
        if (!finesse_name_is(p->name, "Participant"))
            continue;
        wmem_strbuf_append_printf(s, "%s%s %s", wmem_strbuf_get_len(s) ? ", " : "",
                                  finesse_or_unknown(finesse_child_text(p, "mediaAddress")),
                                  finesse_or_unknown(finesse_child_text(p, "state")));
    }
    return wmem_strbuf_get_str(s);
}

/* "callVariable1=12345; user.lang=fr": every call variable that has a value. */
static const char *
variables_summary(wmem_allocator_t *pool, const xm_element *dialog)
{
    const xm_element *vars = finesse_child(finesse_child(dialog, "mediaProperties"), "callvariables");
    wmem_strbuf_t *s = wmem_strbuf_new(pool, "");

    for (const xm_element *v = vars ? vars->first_child : NULL; v; v = v->next) {
        const char *value = finesse_child_text(v, "value");

        if (!finesse_name_is(v->name, "CallVariable") || !value || !*value)
            continue;
        wmem_strbuf_append_printf(s, "%s%s=%s", wmem_strbuf_get_len(s) ? "; " : "",
                                  finesse_or_unknown(finesse_child_text(v, "name")), value);
    }
    return wmem_strbuf_get_str(s);
}

static void
queue_for_statistics(finesse_update *u, const xm_element *dialog, const char *id, const char *state,
                     const char *from, const char *to)
{
    wmem_allocator_t  *pool = u->msg.pinfo->pool;
    finesse_tap_dialog d = { id, state, from, to, participants_summary(pool, dialog),
                             variables_summary(pool, dialog) };

    if (!u->tap.agent_id) {                     /* the agent whose Dialogs node it came on */
        u->tap.agent_id = finesse_path_id(u, FINESSE_USER_PATH);
        u->tap.agent_name = finesse_agent_name(u->tap.agent_id);
    }
    if (!u->tap.dialogs)
        u->tap.dialogs = wmem_array_new(pool, sizeof(finesse_tap_dialog));
    wmem_array_append_one(u->tap.dialogs, d);
}

/* One <dialog> or <Dialog>; appends "Dialog <id> <STATE> <from> → <to>"
 * to the Info column. */
void
finesse_decode_dialog(finesse_update *u, proto_tree *tree, const xm_element *dialog)
{
    proto_tree    *sub = finesse_dissect_struct(u, tree, dialog, ett_dialog, "Dialog", dialog_children,
                                                G_N_ELEMENTS(dialog_children));
    wmem_strbuf_t *summary = wmem_strbuf_new(u->msg.pinfo->pool, "");
    const char    *id = finesse_child_text(dialog, "id");
    const char    *state = finesse_child_text(dialog, "state");
    const char    *from = finesse_child_text(dialog, "fromAddress");
    const char    *to = finesse_child_text(dialog, "toAddress");

    wmem_strbuf_append_printf(summary, "Dialog %s", finesse_or_unknown(id));
    if (state && *state)
        wmem_strbuf_append_printf(summary, " %s", state);
    if ((from && *from) || (to && *to))
        wmem_strbuf_append_printf(summary, " %s " ARROW " %s", finesse_or_unknown(from), finesse_or_unknown(to));
    proto_item_set_text(proto_tree_get_parent(sub), "%s", wmem_strbuf_get_str(summary));
    wmem_strbuf_append_printf(u->info, " %s", wmem_strbuf_get_str(summary));
    note_failure(u, proto_tree_get_parent(sub), dialog, id, state);

    if (finesse_stats_wanted())
        queue_for_statistics(u, dialog, id, state, from, to);
}

void
finesse_decode_dialogs(finesse_update *u, proto_tree *tree, const xm_element *dialogs)
{
    finesse_dissect_collection(u, tree, dialogs, ett_dialogs, "Dialogs", "Dialog", finesse_decode_dialog);
}

void
finesse_dialog_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_dialog_id,
          { "Dialog id", "finesse.dialog.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "Id of the dialog (call or task): numeric for voice (16804377), with underscores for nonvoice "
            "(151635_312_1)", HFILL }},
        { &hf_dialog_secondary_id,
          { "Secondary id", "finesse.dialog.secondary_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "secondaryId of the dialog (the other call of a consult)", HFILL }},
        { &hf_dialog_associated_uri,
          { "Associated dialog URI", "finesse.dialog.associated_dialog_uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "associatedDialogUri: the dialog this one is associated with (consult, conference)", HFILL }},
        { &hf_dialog_state,
          { "Dialog state", "finesse.dialog.state", FT_STRING, BASE_NONE, NULL, 0x0,
            "State of the dialog: INITIATING, INITIATED, ALERTING, ACTIVE, FAILED, DROPPED, ACCEPTED; "
            "nonvoice: OFFERED, ACCEPTED, ACTIVE, PAUSED, WRAPPING_UP, INTERRUPTED, CLOSED, UNKNOWN", HFILL }},
        { &hf_dialog_media_type,
          { "Media type", "finesse.dialog.media_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaType of the dialog: Voice, or the name of a nonvoice Media Routing Domain", HFILL }},
        { &hf_dialog_from_address,
          { "From address", "finesse.dialog.from_address", FT_STRING, BASE_NONE, NULL, 0x0,
            "fromAddress: the extension or number of whoever started the original call", HFILL }},
        { &hf_dialog_to_address,
          { "To address", "finesse.dialog.to_address", FT_STRING, BASE_NONE, NULL, 0x0,
            "toAddress: the number dialed (a route point or an agent extension)", HFILL }},
        { &hf_dialog_callback_number,
          { "Callback number", "finesse.dialog.callback_number", FT_STRING, BASE_NONE, NULL, 0x0,
            "callbackNumber of the dialog", HFILL }},
        { &hf_dialog_uri,
          { "Dialog URI", "finesse.dialog.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "REST URI of the dialog, /finesse/api/Dialog/{id}", HFILL }},
        { &hf_dialog_media_id,
          { "Media id", "finesse.dialog.media_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/mediaId: the Media Routing Domain of the dialog (1 = voice)", HFILL }},
        { &hf_dialog_dialed_number,
          { "Dialed number", "finesse.dialog.dialed_number", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/dialedNumber: the number the caller dialed", HFILL }},
        { &hf_dialog_dnis,
          { "DNIS", "finesse.dialog.dnis", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/DNIS: Dialed Number Identification Service", HFILL }},
        { &hf_dialog_call_type,
          { "Call type", "finesse.dialog.call_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/callType: ACD_IN, PREROUTE_ACD_IN, TRANSFER, OTHER_IN, OUT, AGENT_OUT, "
            "AGENT_INSIDE, CONSULT, CONFERENCE, SUPERVISOR_..., ...", HFILL }},
        { &hf_dialog_queue_number,
          { "Queue number", "finesse.dialog.queue_number", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/queueNumber: the queue (skill group, CSQ) the call came through", HFILL }},
        { &hf_dialog_queue_name,
          { "Queue name", "finesse.dialog.queue_name", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/queueName: the queue (skill group, CSQ) the call came through", HFILL }},
        { &hf_dialog_call_key_call_id,
          { "Call key call id", "finesse.dialog.call_key_call_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/callKeyCallId: the CTI call key", HFILL }},
        { &hf_dialog_call_key_sequence_num,
          { "Call key sequence number", "finesse.dialog.call_key_sequence_num", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/callKeySequenceNum: the CTI call key sequence number", HFILL }},
        { &hf_dialog_call_key_prefix,
          { "Call key prefix", "finesse.dialog.call_key_prefix", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/callKeyPrefix: the CTI call key prefix (day)", HFILL }},
        { &hf_dialog_outbound_classification,
          { "Outbound classification", "finesse.dialog.outbound_classification", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/outboundClassification: result of an outbound (dialer) call", HFILL }},
        { &hf_dialog_wrap_up_reason,
          { "Wrap-up reason", "finesse.dialog.wrap_up_reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/wrapUpReason: the wrap-up reason the agent chose", HFILL }},
        { &hf_dialog_wrap_up_item,
          { "Wrap-up item", "finesse.dialog.wrap_up_item", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaProperties/wrapUpItems/wrapUpItem: a wrap-up reason chosen for the call (UCCX)", HFILL }},
        { &hf_dialog_scheduled_callback_time,
          { "Scheduled callback time", "finesse.dialog.scheduled_callback_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "scheduledCallbackInfo/callbackTime: when an outbound callback is scheduled", HFILL }},
        { &hf_dialog_scheduled_callback_number,
          { "Scheduled callback number", "finesse.dialog.scheduled_callback_number", FT_STRING, BASE_NONE, NULL,
            0x0, "scheduledCallbackInfo/callbackNumber: the number a scheduled callback will dial", HFILL }},
        { &hf_call_variable_name,
          { "Name", "finesse.call_variable.name", FT_STRING, BASE_NONE, NULL, 0x0,
            "Name of a call variable (callVariable1..10, or an ECC variable such as user.xxx)", HFILL }},
        { &hf_call_variable_value,
          { "Value", "finesse.call_variable.value", FT_STRING, BASE_NONE, NULL, 0x0,
            "Value of a call variable, unescaped (a '<' in it is &amp;lt; on the wire: escaped twice)", HFILL }},
        { &hf_participant_address,
          { "Address", "finesse.participant.address", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaAddress of a participant: its extension or number", HFILL }},
        { &hf_participant_address_type,
          { "Address type", "finesse.participant.address_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "mediaAddressType of a participant: AGENT_DEVICE, or empty", HFILL }},
        { &hf_participant_state,
          { "Participant state", "finesse.participant.state", FT_STRING, BASE_NONE, NULL, 0x0,
            "State of a participant: INITIATING, INITIATED, ALERTING, ACTIVE, FAILED, HELD, DROPPED, "
            "WRAP_UP, ACCEPTED", HFILL }},
        { &hf_participant_state_cause,
          { "State cause", "finesse.participant.state_cause", FT_STRING, BASE_NONE, NULL, 0x0,
            "stateCause of a participant, why it FAILED: BUSY, BAD_DESTINATION, OTHER, "
            "DEVICE_RESOURCE_NOT_AVAILABLE", HFILL }},
        { &hf_participant_start_time,
          { "Start time", "finesse.participant.start_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "startTime: when the participant joined the dialog (ISO 8601, UTC)", HFILL }},
        { &hf_participant_state_change_time,
          { "State change time", "finesse.participant.state_change_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "stateChangeTime: when the participant entered its state (ISO 8601, UTC)", HFILL }},
        { &hf_participant_action,
          { "Action", "finesse.participant.action", FT_STRING, BASE_NONE, NULL, 0x0,
            "An action the participant may take now (ANSWER, HOLD, RETRIEVE, DROP, UPDATE_CALL_DATA, "
            "CONSULT_CALL, TRANSFER, CONFERENCE, ...)", HFILL }},
    };
    static gint *ett[] = {
        &ett_dialogs,
        &ett_dialog,
        &ett_media_properties,
        &ett_call_variables,
        &ett_call_variable,
        &ett_wrap_up_items,
        &ett_participants,
        &ett_participant,
        &ett_actions,
        &ett_scheduled_callback,
    };
    static ei_register_info ei[] = {
        { &ei_dialog_failed,
          { "finesse.expert.dialog_failed", PI_RESPONSE_CODE, PI_WARN,
            "Dialog or participant FAILED", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
