/* views.h
 *
 * The views layer: Wireshark's own analysis views fed by the "xmppws" tap
 * (core/events.h), in the GUI and in tshark:
 *
 *   Statistics > XMPP/WS Sessions      tshark -z xmppws,sessions[,FILTER]
 *       one row per XMPP connection (sessions.c);
 *
 * The layer sees core and parse only: what a protocol carried on XMPP
 * tells the views reaches them through the tap's events.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_VIEWS_H
#define XMPPWS_VIEWS_H

/* Registers every view (after the core layer). */
void xmppws_views_register(void);

#endif /* XMPPWS_VIEWS_H */
