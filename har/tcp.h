/* tcp.h
 *
 * One TCP connection written as packets: the three-way handshake, data cut
 * into segments of HAR_TCP_MSS bytes, comment-only ACKs and the closing
 * FIN exchange, over IPv4 or IPv6 with correct checksums. RFC 9293 (TCP),
 * RFC 791 (IPv4), RFC 8200 (IPv6); the datagrams are LINKTYPE_RAW.
 *
 * Packet times never go backwards within a connection (a time earlier than
 * the previous packet's is raised to it), so the connection stays in order
 * once all packets are sorted by time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_TCP_H
#define XMPPWS_HAR_TCP_H

#include <glib.h>

#include "capture.h"

typedef struct {
    har_capture *capture;
    gboolean ipv6;
    guint8 client_addr[16];
    guint8 server_addr[16];
    guint16 client_port;
    guint16 server_port;
    guint32 client_seq;     /* next sequence number of each side */
    guint32 server_seq;
    guint16 ip_id;
    gint64 last_us;
} har_tcp;

/* Sets up a connection (addresses in network order, 4 or 16 bytes). */
void har_tcp_init(har_tcp *tcp, har_capture *capture, gboolean ipv6, const guint8 *client_addr,
                  guint16 client_port, const guint8 *server_addr, guint16 server_port, guint32 isn);

/* SYN at `syn_us`, SYN-ACK and ACK at `established_us`. */
void har_tcp_open(har_tcp *tcp, gint64 syn_us, gint64 established_us);

/* `len` bytes from one side, in segments spread evenly from first_us to
 * last_us; `comment` (taken, may be NULL) goes on the first segment. */
void har_tcp_send(har_tcp *tcp, gboolean from_client, gint64 first_us, gint64 last_us,
                  const guint8 *data, size_t len, char *comment);

/* An empty ACK carrying only a comment (taken). */
void har_tcp_note(har_tcp *tcp, gboolean from_client, gint64 time_us, char *comment);

/* FIN from the client, FIN-ACK from the server, the last ACK. */
void har_tcp_close(har_tcp *tcp, gint64 time_us);

#endif
