/* tcp.c
 *
 * Writes the datagrams of one TCP connection (see tcp.h). The header
 * layouts and checksums follow RFC 791 section 3.1 (IPv4), RFC 8200
 * section 3 (IPv6), RFC 9293 section 3.1 (TCP, with the pseudo-header of
 * RFC 9293 3.1 and RFC 8200 8.1), the checksum arithmetic RFC 1071. No TCP
 * options; window 65535; TTL / hop limit 64.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcp.h"

#include <string.h>

#include "har-limits.h"

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define IPV4_HEADER 20
#define IPV6_HEADER 40
#define TCP_HEADER 20

void
har_tcp_init(har_tcp *tcp, har_capture *capture, gboolean ipv6, const guint8 *client_addr,
             guint16 client_port, const guint8 *server_addr, guint16 server_port, guint32 isn)
{
    size_t n = ipv6 ? 16 : 4;
    memset(tcp, 0, sizeof *tcp);
    tcp->capture = capture;
    tcp->ipv6 = ipv6;
    memcpy(tcp->client_addr, client_addr, n);
    memcpy(tcp->server_addr, server_addr, n);
    tcp->client_port = client_port;
    tcp->server_port = server_port;
    tcp->client_seq = isn;
    tcp->server_seq = isn ^ 0x5a5a0000u;
    tcp->ip_id = (guint16)isn;
}

/* ---- checksums (RFC 1071) ------------------------------------------------ */

static guint32
sum16(guint32 sum, const guint8 *p, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (guint32)(p[len - 1] << 8);
    return sum;
}

static guint16
fold(guint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)~sum;
}

static void
put16(guint8 *p, guint16 v)
{
    p[0] = (guint8)(v >> 8);
    p[1] = (guint8)v;
}

static void
put32(guint8 *p, guint32 v)
{
    put16(p, (guint16)(v >> 16));
    put16(p + 2, (guint16)v);
}

/* ---- headers -------------------------------------------------------------------- */

static void
ip_header(har_tcp *tcp, guint8 *ip, gboolean from_client, size_t tcp_len)
{
    const guint8 *src = from_client ? tcp->client_addr : tcp->server_addr;
    const guint8 *dst = from_client ? tcp->server_addr : tcp->client_addr;
    if (tcp->ipv6) {
        ip[0] = 0x60;
        put16(ip + 4, (guint16)tcp_len);
        ip[6] = 6;   /* next header: TCP */
        ip[7] = 64;
        memcpy(ip + 8, src, 16);
        memcpy(ip + 24, dst, 16);
        return;
    }
    ip[0] = 0x45;
    put16(ip + 2, (guint16)(IPV4_HEADER + tcp_len));
    put16(ip + 4, tcp->ip_id++);
    ip[6] = 0x40;    /* don't fragment */
    ip[8] = 64;
    ip[9] = 6;
    memcpy(ip + 12, src, 4);
    memcpy(ip + 16, dst, 4);
    put16(ip + 10, fold(sum16(0, ip, IPV4_HEADER)));
}

static guint16
tcp_checksum(const har_tcp *tcp, const guint8 *ip, const guint8 *segment, size_t len)
{
    size_t addr_len = tcp->ipv6 ? 16 : 4;
    const guint8 *addrs = tcp->ipv6 ? ip + 8 : ip + 12;
    guint32 sum = sum16(0, addrs, 2 * addr_len);
    sum += 6 + (guint32)(len & 0xffff) + (guint32)(len >> 16);
    return fold(sum16(sum, segment, len));
}

/* One segment from one side, with its flags and payload, at `time_us`.
 * A comment-only ACK advertises a window one smaller: Wireshark then
 * reads it as a window update, not as a duplicate ACK. */
static void
segment(har_tcp *tcp, gboolean from_client, guint8 flags, const guint8 *payload, size_t len,
        gint64 time_us, char *comment)
{
    guint16 window = (len == 0 && comment) ? 65534 : 65535;
    size_t ip_len = tcp->ipv6 ? IPV6_HEADER : IPV4_HEADER;
    GByteArray *packet = g_byte_array_sized_new((guint)(ip_len + TCP_HEADER + len));
    g_byte_array_set_size(packet, (guint)(ip_len + TCP_HEADER + len));
    guint8 *ip = packet->data, *th = ip + ip_len;
    memset(ip, 0, ip_len + TCP_HEADER);
    guint32 *seq = from_client ? &tcp->client_seq : &tcp->server_seq;
    guint32 ack = from_client ? tcp->server_seq : tcp->client_seq;
    put16(th, from_client ? tcp->client_port : tcp->server_port);
    put16(th + 2, from_client ? tcp->server_port : tcp->client_port);
    put32(th + 4, *seq);
    put32(th + 8, (flags & TCP_ACK) ? ack : 0);
    th[12] = (TCP_HEADER / 4) << 4;
    th[13] = flags;
    put16(th + 14, window);
    if (len)
        memcpy(th + TCP_HEADER, payload, len);
    ip_header(tcp, ip, from_client, TCP_HEADER + len);
    put16(th + 16, tcp_checksum(tcp, ip, th, TCP_HEADER + len));
    *seq += (guint32)len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
    if (time_us < tcp->last_us)
        time_us = tcp->last_us;
    tcp->last_us = time_us;
    har_capture_add(tcp->capture, time_us, packet, comment);
}

/* ---- the connection ----------------------------------------------------------------- */

void
har_tcp_open(har_tcp *tcp, gint64 syn_us, gint64 established_us)
{
    tcp->capture->connections++;
    segment(tcp, TRUE, TCP_SYN, NULL, 0, syn_us, NULL);
    segment(tcp, FALSE, TCP_SYN | TCP_ACK, NULL, 0, established_us, NULL);
    segment(tcp, TRUE, TCP_ACK, NULL, 0, established_us, NULL);
}

void
har_tcp_send(har_tcp *tcp, gboolean from_client, gint64 first_us, gint64 last_us,
             const guint8 *data, size_t len, char *comment)
{
    size_t count = len ? (len + HAR_TCP_MSS - 1) / HAR_TCP_MSS : 0;
    if (last_us < first_us)
        last_us = first_us;
    for (size_t i = 0; i < count; i++) {
        size_t off = i * HAR_TCP_MSS;
        size_t n = MIN(HAR_TCP_MSS, len - off);
        gint64 t = first_us + (count > 1 ? (gint64)((double)(last_us - first_us) * (double)i / (double)(count - 1)) : 0);
        segment(tcp, from_client, TCP_ACK | (i + 1 == count ? TCP_PSH : 0), data + off, n, t,
                i == 0 ? comment : NULL);
    }
    if (count == 0 && comment)
        har_tcp_note(tcp, from_client, first_us, comment);
}

void
har_tcp_note(har_tcp *tcp, gboolean from_client, gint64 time_us, char *comment)
{
    segment(tcp, from_client, TCP_ACK, NULL, 0, time_us, comment);
}

void
har_tcp_close(har_tcp *tcp, gint64 time_us)
{
    segment(tcp, TRUE, TCP_FIN | TCP_ACK, NULL, 0, time_us, NULL);
    segment(tcp, FALSE, TCP_FIN | TCP_ACK, NULL, 0, time_us, NULL);
    segment(tcp, TRUE, TCP_ACK, NULL, 0, time_us, NULL);
}
