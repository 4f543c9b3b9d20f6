/* iptcp.h
 *
 * The TCP segment in an IP packet: addresses, ports, sequence number,
 * flags, and where its payload is in the record; plus the TCP checksum
 * (checked, and set again after the payload changed).
 *
 * Specs: RFC 791 (IPv4: header length, total length, fragments), RFC 8200
 * §4 (IPv6 extension headers, fragments), RFC 4302 (AH length), RFC 9293
 * §3.1 (TCP header, checksum and its pseudo-header), RFC 1071 (the
 * Internet checksum).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_IPTCP_H
#define XMPPWS_REDACT_IPTCP_H

#include <glib.h>

#define RD_TCP_FIN 0x01
#define RD_TCP_SYN 0x02
#define RD_TCP_RST 0x04
#define RD_TCP_ACK 0x10

typedef struct {
    guint8  ip_version;           /* 4 or 6 */
    guint8  src[16];              /* IPv4: the first 4 bytes */
    guint8  dst[16];
    guint16 sport, dport;
    guint32 seq;
    guint8  flags;
    guint32 ip_offset;            /* in the record */
    guint32 tcp_offset;
    guint32 payload_offset;
    guint32 payload_len;          /* on the wire */
    guint32 payload_captured;     /* of which in the record */
} rd_tcp_segment;

typedef enum {
    RD_IP_TCP,
    RD_IP_NOT_TCP,
    RD_IP_FRAGMENT,               /* not reassembled: its payload is not read */
    RD_IP_TRUNCATED               /* headers cut short */
} rd_ip_result;

rd_ip_result rd_ip_tcp(const guint8 *p, guint32 caplen, guint32 ip_offset, rd_tcp_segment *seg);

/* TRUE when the whole segment is in the record and its checksum is right. */
gboolean rd_tcp_checksum_valid(const guint8 *p, guint32 caplen, const rd_tcp_segment *seg);

/* Computes the checksum of the (whole) segment again and stores it. */
void rd_tcp_checksum_set(guint8 *p, const rd_tcp_segment *seg);

/* "192.0.2.1:5222", "[2001:db8::1]:443" */
char *rd_tcp_endpoint(const rd_tcp_segment *seg, gboolean source);

#endif /* XMPPWS_REDACT_IPTCP_H */
