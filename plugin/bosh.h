/* bosh.h
 *
 * XMPP over BOSH (XEP-0124, XEP-0206): the <body/> wrappers that carry
 * stanzas in HTTP requests and responses (Finesse: /http-bind/ on 7443 or
 * 7071). The stanzas inside get exactly the fields they get over WebSocket;
 * the session state (identity, iq tracking, Finesse agent state) follows
 * the BOSH sid across the session's TCP connections.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_BOSH_H
#define XMPPWS_BOSH_H

#include <epan/prefs.h>

void xmppws_bosh_register(int proto, module_t *prefs);
void xmppws_bosh_register_handoff(void);

#endif /* XMPPWS_BOSH_H */
