/* deflate.h
 *
 * WebSocket messages that reach xmppws still compressed with
 * permessage-deflate (RFC 7692): Wireshark 4.0 decompresses a compressed
 * message only when it is not fragmented (fixed in 4.2), and none at all
 * when its WebSocket preference "Try to decompress permessage-deflate
 * payload" is off. Such a message is recognised, never parsed as XML, and
 * explained in an expert note with the remedy.
 *
 * Specs: RFC 7692 (permessage-deflate), RFC 6455 §5.4 (fragmentation).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_DEFLATE_H
#define XMPPWS_DEFLATE_H

#include "xmppws.h"

void xmppws_deflate_register(int proto);

/* TRUE when the connection's captured WebSocket upgrade negotiated
 * permessage-deflate and the message's bytes are not text but look like a
 * deflate stream. Allocates nothing and cannot throw: safe in a heuristic. */
gboolean xmppws_deflate_still_compressed(tvbuff_t *tvb, packet_info *pinfo);

/* Shows such a message (direction already known): the negotiated
 * extensions, the compressed bytes and the expert note. Returns the Info
 * column text. */
const char *xmppws_deflate_dissect(xmppws_msg *msg);

#endif /* XMPPWS_DEFLATE_H */
