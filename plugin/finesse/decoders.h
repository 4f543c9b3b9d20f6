/* decoders.h
 *
 * The decoders of Finesse <data>, by the name of its root element: one
 * file per kind of data, each registering its fields and exporting one
 * function per root element it decodes; decoders.c holds the table.
 *
 * Source: docs/finesse-reference.md §6.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FINESSE_DECODERS_H
#define FINESSE_DECODERS_H

#include "update.h"

typedef void (*finesse_decode_fn)(finesse_update *u, proto_tree *tree, const xm_element *root);

/* The decoder for a root element of <data> (names compare without regard
 * to case), or NULL. */
finesse_decode_fn finesse_decoder_for(const char *root_name);

/* Registers every decoder's fields. */
void finesse_decoders_register(int proto);

/* reason-code.c: a <ReasonCode> (a User's, a Team user's, a Media's); the
 * label of the one `holder` carries, or NULL; and its code with the label,
 * "10 (Team Meeting)" (either alone when the other is missing), or NULL. */
void finesse_reason_code_register(int proto);
void finesse_dissect_reason_code(finesse_update *u, proto_tree *tree, const xm_element *rc);
const char *finesse_reason_label(const xm_element *holder);
const char *finesse_reason_code_text(finesse_update *u, const xm_element *holder);

/* user.c: <user>; one user's fields, for the users of a team; and an
 * agent's name ("Alice Agent") as the capture's <user> updates give it up
 * to this frame on the first pass (all of them on later passes), or NULL. */
void finesse_user_register(int proto);
const char *finesse_agent_name(const char *id);
void finesse_decode_user(finesse_update *u, proto_tree *tree, const xm_element *user);
void finesse_add_team_member(finesse_update *u, proto_tree *tree, const xm_element *user);

/* team.c: <team>, <users>; and the id of the team an Update is about,
 * from its source or node (/finesse/api/Team/{id}...), or NULL. */
void finesse_team_register(int proto);
const char *finesse_team_of(finesse_update *u);
void finesse_decode_team(finesse_update *u, proto_tree *tree, const xm_element *team);
void finesse_decode_users(finesse_update *u, proto_tree *tree, const xm_element *users);

/* dialog.c: <dialog>, <dialogs>. */
void finesse_dialog_register(int proto);
void finesse_decode_dialog(finesse_update *u, proto_tree *tree, const xm_element *dialog);
void finesse_decode_dialogs(finesse_update *u, proto_tree *tree, const xm_element *dialogs);

/* queue.c: <Queue>, <Queues>. */
void finesse_queue_register(int proto);
void finesse_decode_queue(finesse_update *u, proto_tree *tree, const xm_element *queue);
void finesse_decode_queues(finesse_update *u, proto_tree *tree, const xm_element *queues);

/* media.c: <Media>. */
void finesse_media_register(int proto);
void finesse_decode_media(finesse_update *u, proto_tree *tree, const xm_element *media);

/* system-info.c: <SystemInfo>. */
void finesse_system_info_register(int proto);
void finesse_decode_system_info(finesse_update *u, proto_tree *tree, const xm_element *system);

/* team-message.c: <TeamMessage>. */
void finesse_team_message_register(int proto);
void finesse_decode_team_message(finesse_update *u, proto_tree *tree, const xm_element *message);

/* api-errors.c: <apiErrors> (and the synchronous <ApiErrors>). */
void finesse_api_errors_register(int proto);
void finesse_decode_api_errors(finesse_update *u, proto_tree *tree, const xm_element *errors);

#endif /* FINESSE_DECODERS_H */
