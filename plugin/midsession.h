/* midsession.h
 *
 * Captures that start in the middle of a session (see midsession.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_MIDSESSION_H
#define XMPPWS_MIDSESSION_H

#include <epan/prefs.h>

#include "xmppws.h"

/* Registers the xmppws.ws_ports preference and the generated field. */
void xmppws_midsession_register(int proto, module_t *prefs);

/* The protocol's preferences callback: (re)registers the WebSocket
 * dissector on the ports of xmppws.ws_ports. */
void xmppws_midsession_apply_prefs(void);

/* On a message of a connection whose stream start and bind are not in the
 * capture: a generated item saying that the identity is unknown. */
void xmppws_midsession_add_identity_note(xmppws_msg *msg);

#endif /* XMPPWS_MIDSESSION_H */
