/* session.h
 *
 * The connection's identity, for the interpreters that learn it (SASL,
 * bind) and for packet-xmppws.c, which stamps it on every later message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_SESSION_H
#define XMPPWS_SESSION_H

#include "xmppws.h"

/* First pass: the connection authenticated as `user` in this frame. */
void xmppws_session_note_user(xmppws_msg *msg, const char *user);

/* Adds the generated xmppws.session.* fields once the identity is known. */
void xmppws_session_add_identity(xmppws_msg *msg);

/* On the connection's last XMPP message: an expert when the TCP connection
 * ended without <close/> (second pass only). */
void xmppws_session_check_end(xmppws_msg *msg);

#endif /* XMPPWS_SESSION_H */
