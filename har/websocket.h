/* websocket.h
 *
 * WebSocket frames as a browser and a server put them on the wire: RFC 6455
 * (framing, masking, the opening handshake's key and accept values) and
 * RFC 7692 (permessage-deflate).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_WEBSOCKET_H
#define XMPPWS_HAR_WEBSOCKET_H

#include <glib.h>

/* The permessage-deflate agreement of a 101 response's
 * Sec-WebSocket-Extensions (RFC 7692 section 7.1), or enabled == FALSE. */
typedef struct {
    gboolean enabled;
    int client_window_bits;   /* what the client compresses with */
    int server_window_bits;
} har_ws_deflate;

void har_ws_deflate_parse(const char *extensions, har_ws_deflate *out);

/* One unfragmented frame (FIN set). A client frame (mask != NULL, 4
 * bytes) is masked; rsv1 marks a compressed message. */
GByteArray *har_ws_frame(int opcode, gboolean rsv1, const guint8 *payload, size_t len, const guint8 *mask);

/* A message compressed as RFC 7692 section 7.2.1 says: raw DEFLATE,
 * flushed, its final 00 00 ff ff removed. Each message is compressed on
 * its own, which any decompressor, with or without context takeover,
 * reads. NULL if zlib fails. */
GByteArray *har_ws_compress(const guint8 *data, size_t len, int window_bits);

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 section 4.2.2).
 * g_free it. */
char *har_ws_accept(const char *key);

#endif
