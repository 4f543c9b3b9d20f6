/* layer.h
 *
 * What the files of the Finesse layer share beyond update.h; internal to
 * the layer:
 *
 *   finesse.c      the protocol, its "Finesse Update" data source, the way
 *                  in from the pubsub payload list
 *   envelope.c     the <Update> envelope and the dispatch of <data>
 *   decoders.c     the table of data decoders, one file per kind:
 *                  user.c, team.c, dialog.c, queue.c, media.c,
 *                  system-info.c, team-message.c, api-errors.c; and
 *                  reason-code.c, the <ReasonCode> several kinds carry
 *   helpers.c      what the decoders share (update.h): the table-driven
 *                  view of an element's children, attributes, the
 *                  generic view
 *   desktop.c      the Finesse state of a connection, and what generic
 *                  XMPP events mean for a Finesse desktop
 *   rest.c         REST requests and the Updates they cause
 *   stats.c        the "finesse" tap and the statistics that read it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FINESSE_LAYER_H
#define FINESSE_LAYER_H

#include "update.h"

/* envelope.c: the Update's fields, over `span` of u->msg.tvb; parse
 * problems of its own document (NULL for child XML) as experts. Returns
 * the Info column text, or NULL when there is no <Update>. */
void finesse_envelope_register(int proto);
const char *finesse_envelope_dissect(finesse_update *u, proto_tree *tree, const xm_doc *doc, xm_span span);

/* helpers.c */
void finesse_helpers_register(int proto);

/* desktop.c: the connection carries Finesse traffic (first pass), and the
 * agent it notified is in `state`. */
void finesse_desktop_register(int proto);
void finesse_desktop_note_traffic(xmppws_msg *msg);
void finesse_desktop_note_agent(xmppws_msg *msg, const char *agent_id, const char *state);

/* rest.c: the REST request whose requestId an Update carries. */
void finesse_rest_register(int proto);
void finesse_rest_register_handoff(int proto);
void finesse_rest_link_update(finesse_update *u, proto_tree *tree, const char *request_id);

/* stats.c: queues a received Update for the statistics; TRUE when one
 * listens (decoders gather what only statistics need only then). */
void finesse_stats_register(void);
void finesse_stats_queue(finesse_update *u);
gboolean finesse_stats_wanted(void);

#endif /* FINESSE_LAYER_H */
