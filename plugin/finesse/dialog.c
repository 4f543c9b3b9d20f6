/* dialog.c
 *
 * Finesse dialog data (Dialogs and Dialogs/Media feeds): a call or a
 * nonvoice task. A new or removed dialog comes as <dialogs><Dialog> with
 * POST or DELETE on /finesse/api/User/{id}/Dialogs; a change to one comes
 * as <dialog> with PUT and source /finesse/api/Dialog/{id}. Decoded: the
 * dialog's id, state, media type, addresses and URI, its mediaProperties
 * (DNIS, dialed number, call type, queue, wrap-up reason, call variables),
 * and each participant with its state, cause, times and allowed actions.
 * A FAILED dialog or participant gets an expert warning with the cause.
 * Everything else inside the dialog is shown generically.
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
static gint ett_call_variable = -1;
static gint ett_participant = -1;

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

/* Children decoded into fields; every other child is shown generically. */
static const char *const dialog_decoded[] = {
    "id", "secondaryId", "associatedDialogUri", "state", "mediaType", "fromAddress", "toAddress",
    "callbackNumber", "uri", "mediaProperties", "participants", NULL
};
static const char *const media_properties_decoded[] = {
    "mediaId", "dialedNumber", "DNIS", "callType", "queueNumber", "queueName", "callKeyCallId",
    "callKeySequenceNum", "callKeyPrefix", "outboundClassification", "wrapUpReason", "callvariables", NULL
};
static const char *const call_variable_decoded[] = { "name", "value", NULL };
static const char *const participant_decoded[] = {
    "actions", "mediaAddress", "mediaAddressType", "state", "stateCause", "startTime", "stateChangeTime", NULL
};

static void
dissect_call_variable(finesse_update *u, proto_tree *tree, const xm_element *var)
{
    proto_tree *sub = finesse_subtree(u, tree, var, ett_call_variable, "Call variable");
    /* The value is shown as the Update holds it, unescaped: a '<' in it
     * was escaped twice on the wire, &amp;lt; (docs/finesse-reference.md §5). */
    const char *name = finesse_add_child_text(u, sub, hf_call_variable_name, var, "name");
    const char *value = finesse_add_child_text(u, sub, hf_call_variable_value, var, "value");

    proto_item_append_text(proto_tree_get_parent(sub), " %s = \"%s\"", finesse_or_unknown(name), value ? value : "");
    finesse_add_undecoded(u, sub, var, call_variable_decoded);
}

static void
add_call_variables(finesse_update *u, proto_tree *tree, const xm_element *vars)
{
    for (const xm_element *c = vars ? vars->first_child : NULL; c; c = c->next) {
        if (finesse_name_is(c->name, "CallVariable"))
            dissect_call_variable(u, tree, c);
        else
            finesse_add_generic(u, tree, c);
    }
}

static void
add_media_properties(finesse_update *u, proto_tree *tree, const xm_element *dialog)
{
    const xm_element *mp = finesse_child(dialog, "mediaProperties");
    proto_tree *sub;

    if (!mp)
        return;
    sub = finesse_subtree(u, tree, mp, ett_media_properties, "Media properties");
    finesse_add_child_text(u, sub, hf_dialog_media_id, mp, "mediaId");
    finesse_add_child_text(u, sub, hf_dialog_dialed_number, mp, "dialedNumber");
    finesse_add_child_text(u, sub, hf_dialog_dnis, mp, "DNIS");
    finesse_add_child_text(u, sub, hf_dialog_call_type, mp, "callType");
    finesse_add_child_text(u, sub, hf_dialog_queue_number, mp, "queueNumber");
    finesse_add_child_text(u, sub, hf_dialog_queue_name, mp, "queueName");
    finesse_add_child_text(u, sub, hf_dialog_call_key_call_id, mp, "callKeyCallId");
    finesse_add_child_text(u, sub, hf_dialog_call_key_sequence_num, mp, "callKeySequenceNum");
    finesse_add_child_text(u, sub, hf_dialog_call_key_prefix, mp, "callKeyPrefix");
    finesse_add_child_text(u, sub, hf_dialog_outbound_classification, mp, "outboundClassification");
    finesse_add_child_text(u, sub, hf_dialog_wrap_up_reason, mp, "wrapUpReason");
    add_call_variables(u, sub, finesse_child(mp, "callvariables"));
    finesse_add_undecoded(u, sub, mp, media_properties_decoded);
}

static void
add_actions(finesse_update *u, proto_tree *tree, const xm_element *actions_el)
{
    for (const xm_element *a = actions_el ? actions_el->first_child : NULL; a; a = a->next) {
        if (!finesse_name_is(a->name, "action")) {
            finesse_add_generic(u, tree, a);
            continue;
        }
        proto_item *ti = proto_tree_add_string(tree, hf_participant_action, u->msg.tvb, a->content.offset,
                                               a->content.length, a->text);
        xmppws_item_append_meaning(ti, a->text, actions);
    }
}

/* One participant; appends "<address> <cause>" to `failed` when it is
 * FAILED. */
static void
dissect_participant(finesse_update *u, proto_tree *tree, const xm_element *p, wmem_strbuf_t *failed)
{
    proto_tree *sub = finesse_subtree(u, tree, p, ett_participant, "Participant");
    const char *address = finesse_add_child_text(u, sub, hf_participant_address, p, "mediaAddress");
    const char *state, *cause;

    finesse_add_child_enum(u, sub, hf_participant_address_type, p, "mediaAddressType", address_types);
    state = finesse_add_child_enum(u, sub, hf_participant_state, p, "state", participant_states);
    cause = finesse_add_child_enum(u, sub, hf_participant_state_cause, p, "stateCause", state_causes);
    finesse_add_child_text(u, sub, hf_participant_start_time, p, "startTime");
    finesse_add_child_text(u, sub, hf_participant_state_change_time, p, "stateChangeTime");
    add_actions(u, sub, finesse_child(p, "actions"));
    finesse_add_undecoded(u, sub, p, participant_decoded);

    proto_item_append_text(proto_tree_get_parent(sub), " %s %s", finesse_or_unknown(address), finesse_or_unknown(state));
    if (state && g_ascii_strcasecmp(state, "FAILED") == 0) {
        if (cause && *cause)
            proto_item_append_text(proto_tree_get_parent(sub), " (%s)", cause);
        wmem_strbuf_append_printf(failed, "%s%s %s", wmem_strbuf_get_len(failed) ? ", " : "", finesse_or_unknown(address),
                                  finesse_or_unknown(cause));
    }
}

static void
add_participants(finesse_update *u, proto_tree *tree, const xm_element *dialog, wmem_strbuf_t *failed)
{
    const xm_element *parts = finesse_child(dialog, "participants");

    for (const xm_element *p = parts ? parts->first_child : NULL; p; p = p->next) {
        if (finesse_name_is(p->name, "Participant"))
            dissect_participant(u, tree, p, failed);
        else
            finesse_add_generic(u, tree, p);
    }
}

/* "Dialog 16777218 FAILED: 1002 BUSY" when the dialog or one of its
 * participants failed. */
static void
note_failure(finesse_update *u, proto_item *ti, const char *id, const char *state, wmem_strbuf_t *failed)
{
    gboolean dialog_failed = state && g_ascii_strcasecmp(state, "FAILED") == 0;
    const char *who = wmem_strbuf_get_len(failed) ? wmem_strbuf_get_str(failed) : "no participant gives a cause";

    if (dialog_failed)
        expert_add_info_format(u->msg.pinfo, ti, &ei_dialog_failed, "Dialog %s FAILED: %s", finesse_or_unknown(id), who);
    else if (wmem_strbuf_get_len(failed))
        expert_add_info_format(u->msg.pinfo, ti, &ei_dialog_failed, "Dialog %s %s: participant FAILED: %s",
                               finesse_or_unknown(id), finesse_or_unknown(state), wmem_strbuf_get_str(failed));
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

    if (!u->tap.dialogs)
        u->tap.dialogs = wmem_array_new(pool, sizeof(finesse_tap_dialog));
    wmem_array_append_one(u->tap.dialogs, d);
}

/* One <dialog> or <Dialog>; appends "Dialog <id> <STATE> <from> → <to>"
 * to the Info column. */
void
finesse_decode_dialog(finesse_update *u, proto_tree *tree, const xm_element *dialog)
{
    proto_tree *sub = finesse_subtree(u, tree, dialog, ett_dialog, "Dialog");
    wmem_strbuf_t *failed = wmem_strbuf_new(u->msg.pinfo->pool, "");
    wmem_strbuf_t *summary = wmem_strbuf_new(u->msg.pinfo->pool, "");
    const char *id, *state, *from, *to;

    id = finesse_add_child_text(u, sub, hf_dialog_id, dialog, "id");
    finesse_add_child_text(u, sub, hf_dialog_secondary_id, dialog, "secondaryId");
    finesse_add_child_text(u, sub, hf_dialog_associated_uri, dialog, "associatedDialogUri");
    state = finesse_add_child_enum(u, sub, hf_dialog_state, dialog, "state", dialog_states);
    finesse_add_child_text(u, sub, hf_dialog_media_type, dialog, "mediaType");
    from = finesse_add_child_text(u, sub, hf_dialog_from_address, dialog, "fromAddress");
    to = finesse_add_child_text(u, sub, hf_dialog_to_address, dialog, "toAddress");
    finesse_add_child_text(u, sub, hf_dialog_callback_number, dialog, "callbackNumber");
    finesse_add_child_text(u, sub, hf_dialog_uri, dialog, "uri");
    add_media_properties(u, sub, dialog);
    add_participants(u, sub, dialog, failed);
    finesse_add_undecoded(u, sub, dialog, dialog_decoded);

    wmem_strbuf_append_printf(summary, "Dialog %s", finesse_or_unknown(id));
    if (state && *state)
        wmem_strbuf_append_printf(summary, " %s", state);
    if ((from && *from) || (to && *to))
        wmem_strbuf_append_printf(summary, " %s " ARROW " %s", finesse_or_unknown(from), finesse_or_unknown(to));
    proto_item_set_text(proto_tree_get_parent(sub), "%s", wmem_strbuf_get_str(summary));
    wmem_strbuf_append_printf(u->info, " %s", wmem_strbuf_get_str(summary));
    note_failure(u, proto_tree_get_parent(sub), id, state, failed);

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
        &ett_call_variable,
        &ett_participant,
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
