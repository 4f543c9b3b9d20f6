/* protocol.h
 *
 * The "XMPP over WebSocket" protocol (filter name xmppws), its preferences
 * module, and the registration of the core layer: the protocol, the
 * message fields, the element tree, the secrets policy and the observer of
 * the lower layers. The other layers add their fields, preferences and
 * interpreters to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_PROTOCOL_H
#define XMPPWS_PROTOCOL_H

#include <epan/packet.h>
#include <epan/prefs.h>

extern int proto_xmppws;

void xmppws_core_register(void);
void xmppws_core_register_handoff(void);

/* The protocol's preferences module (after xmppws_core_register). */
module_t *xmppws_prefs_module(void);

/* `apply` runs whenever the preferences are read or changed. */
void xmppws_prefs_on_apply(void (*apply)(void));

#endif /* XMPPWS_PROTOCOL_H */
