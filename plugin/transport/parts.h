/* parts.h
 *
 * What the files of the transport layer share (see transport.h); internal
 * to the layer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_TRANSPORT_PARTS_H
#define XMPPWS_TRANSPORT_PARTS_H

#include <epan/packet.h>

#include "message.h"

void xmppws_websocket_register(void);
void xmppws_websocket_register_handoff(void);
void xmppws_midsession_register(void);
void xmppws_deflate_register(void);
void xmppws_httpxml_register(void);
void xmppws_httpxml_register_handoff(void);
void xmppws_bosh_register(void);
void xmppws_bosh_register_handoff(void);
void xmppws_undecrypted_register(void);

/* deflate.c: TRUE when the connection's captured WebSocket upgrade
 * negotiated permessage-deflate and the message's bytes are not text but
 * look like a deflate stream. Allocates nothing and cannot throw: safe in
 * a heuristic. */
gboolean xmppws_deflate_still_compressed(tvbuff_t *tvb, packet_info *pinfo);

/* deflate.c: shows such a message (direction already known): the
 * negotiated extensions, the compressed bytes and the expert note. Returns
 * the Info column text. */
const char *xmppws_deflate_dissect(xmppws_msg *msg);

#endif /* XMPPWS_TRANSPORT_PARTS_H */
