/* finesse.h
 *
 * The "Cisco Finesse Notification" protocol (filter name finesse), as the
 * plugin's registration sees it. It decodes the <Update> document a Finesse
 * pubsub notification carries (XMPP layer: the pubsub payload list), links
 * Updates to the REST requests that caused them (transport: the HTTP XML
 * body list), explains what generic XMPP events mean for a Finesse desktop
 * (core: an interpreter on the pipeline), and feeds its statistics. Being a
 * protocol of its own, it can be turned off in Enabled Protocols, and the
 * XMPP dissection stands alone.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FINESSE_H
#define FINESSE_H

void finesse_register(void);
void finesse_register_handoff(void);

#endif /* FINESSE_H */
