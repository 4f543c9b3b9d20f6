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

/* user.c: <user>; and one user's fields, for the users of a team. */
void finesse_user_register(int proto);
void finesse_decode_user(finesse_update *u, proto_tree *tree, const xm_element *user);
void finesse_add_team_member(finesse_update *u, proto_tree *tree, const xm_element *user);

/* team.c: <team>, <users>. */
void finesse_team_register(int proto);
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

/* api-errors.c: <apiErrors> (and the synchronous <ApiErrors>). */
void finesse_api_errors_register(int proto);
void finesse_decode_api_errors(finesse_update *u, proto_tree *tree, const xm_element *errors);

#endif /* FINESSE_DECODERS_H */
