/* iptcp.c
 *
 * IPv4, IPv6 and TCP headers, and the TCP checksum (see iptcp.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "iptcp.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#define IPV4_MIN_HEADER   20
#define IPV4_MF           0x2000
#define IPV4_OFFSET_MASK  0x1fff
#define IPV6_HEADER       40
#define TCP_MIN_HEADER    20
#define TCP_CHECKSUM_AT   16
#define PROTO_TCP         6

#define IPV6_HOP_BY_HOP   0
#define IPV6_ROUTING      43
#define IPV6_FRAGMENT     44
#define IPV6_AH           51
#define IPV6_DEST_OPTIONS 60

static guint16
be16(const guint8 *p)
{
    return (guint16)(p[0] << 8 | p[1]);
}

static guint32
be32(const guint8 *p)
{
    return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

/* Where the IPv4 payload starts and ends; sets the addresses. */
static rd_ip_result
ipv4(const guint8 *p, guint32 caplen, guint32 ip, rd_tcp_segment *seg, guint32 *start, guint32 *end)
{
    if (caplen < ip + IPV4_MIN_HEADER)
        return RD_IP_TRUNCATED;
    const guint8 *h = p + ip;
    guint32 header = (h[0] & 0x0f) * 4u;
    guint32 total = be16(h + 2);
    if (header < IPV4_MIN_HEADER)
        return RD_IP_NOT_TCP;
    if (be16(h + 6) & (IPV4_MF | IPV4_OFFSET_MASK))
        return RD_IP_FRAGMENT;
    if (h[9] != PROTO_TCP)
        return RD_IP_NOT_TCP;
    memcpy(seg->src, h + 12, 4);
    memcpy(seg->dst, h + 16, 4);
    *start = ip + header;
    *end = total >= header ? ip + total : caplen;   /* 0: segmentation offload, the length is what was captured */
    return RD_IP_TCP;
}

static rd_ip_result
ipv6(const guint8 *p, guint32 caplen, guint32 ip, rd_tcp_segment *seg, guint32 *start, guint32 *end)
{
    if (caplen < ip + IPV6_HEADER)
        return RD_IP_TRUNCATED;
    const guint8 *h = p + ip;
    guint32 payload = be16(h + 4);
    guint8  next = h[6];
    guint32 at = ip + IPV6_HEADER;

    memcpy(seg->src, h + 8, 16);
    memcpy(seg->dst, h + 24, 16);
    *end = payload ? at + payload : caplen;        /* 0: a jumbogram, or offload */
    while (next != PROTO_TCP) {
        if (next == IPV6_FRAGMENT)
            return RD_IP_FRAGMENT;
        if (next != IPV6_HOP_BY_HOP && next != IPV6_ROUTING && next != IPV6_DEST_OPTIONS && next != IPV6_AH)
            return RD_IP_NOT_TCP;
        if (caplen < at + 2)
            return RD_IP_TRUNCATED;
        guint32 len = next == IPV6_AH ? (p[at + 1] + 2u) * 4u : (p[at + 1] + 1u) * 8u;
        next = p[at];
        at += len;
    }
    *start = at;
    return RD_IP_TCP;
}

rd_ip_result
rd_ip_tcp(const guint8 *p, guint32 caplen, guint32 ip_offset, rd_tcp_segment *seg)
{
    guint32      tcp = 0, end = 0;
    rd_ip_result r;

    memset(seg, 0, sizeof *seg);
    seg->ip_version = p[ip_offset] >> 4;
    seg->ip_offset = ip_offset;
    if (seg->ip_version == 4)
        r = ipv4(p, caplen, ip_offset, seg, &tcp, &end);
    else if (seg->ip_version == 6)
        r = ipv6(p, caplen, ip_offset, seg, &tcp, &end);
    else
        r = RD_IP_NOT_TCP;
    if (r != RD_IP_TCP)
        return r;
    if (caplen < tcp + TCP_MIN_HEADER)
        return RD_IP_TRUNCATED;
    const guint8 *t = p + tcp;
    guint32 header = (t[12] >> 4) * 4u;
    if (header < TCP_MIN_HEADER || tcp + header > end)
        return RD_IP_NOT_TCP;
    seg->sport = be16(t);
    seg->dport = be16(t + 2);
    seg->seq = be32(t + 4);
    seg->flags = t[13];
    seg->tcp_offset = tcp;
    seg->payload_offset = tcp + header;
    seg->payload_len = end - seg->payload_offset;
    seg->payload_captured = caplen > seg->payload_offset ? MIN(seg->payload_len, caplen - seg->payload_offset) : 0;
    return RD_IP_TCP;
}

/* ---- checksum (RFC 1071) ---------------------------------------------------- */

static guint32
add_bytes(guint32 sum, const guint8 *p, gsize len)
{
    gsize i;
    for (i = 0; i + 1 < len; i += 2)
        sum += (guint32)(p[i] << 8 | p[i + 1]);
    if (i < len)
        sum += (guint32)p[i] << 8;
    return sum;
}

static guint16
fold(guint32 sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (guint16)sum;
}

static guint32
tcp_length(const rd_tcp_segment *seg)
{
    return seg->payload_offset + seg->payload_len - seg->tcp_offset;
}

static guint32
pseudo_header_sum(const rd_tcp_segment *seg)
{
    guint32 len = tcp_length(seg);
    gsize   addr = seg->ip_version == 4 ? 4 : 16;
    guint32 sum = add_bytes(add_bytes(0, seg->src, addr), seg->dst, addr);

    return sum + PROTO_TCP + (len >> 16) + (len & 0xffff);
}

gboolean
rd_tcp_checksum_valid(const guint8 *p, guint32 caplen, const rd_tcp_segment *seg)
{
    if (seg->payload_captured < seg->payload_len || seg->payload_offset + seg->payload_len > caplen)
        return FALSE;
    return fold(add_bytes(pseudo_header_sum(seg), p + seg->tcp_offset, tcp_length(seg))) == 0xffff;
}

void
rd_tcp_checksum_set(guint8 *p, const rd_tcp_segment *seg)
{
    guint8 *field = p + seg->tcp_offset + TCP_CHECKSUM_AT;
    guint16 sum;

    field[0] = field[1] = 0;
    sum = (guint16)~fold(add_bytes(pseudo_header_sum(seg), p + seg->tcp_offset, tcp_length(seg)));
    field[0] = (guint8)(sum >> 8);
    field[1] = (guint8)sum;
}

char *
rd_tcp_endpoint(const rd_tcp_segment *seg, gboolean source)
{
    char        addr[INET6_ADDRSTRLEN];
    const guint8 *a = source ? seg->src : seg->dst;
    guint16     port = source ? seg->sport : seg->dport;

    if (seg->ip_version == 4) {
        inet_ntop(AF_INET, a, addr, sizeof addr);
        return g_strdup_printf("%s:%u", addr, port);
    }
    inet_ntop(AF_INET6, a, addr, sizeof addr);
    return g_strdup_printf("[%s]:%u", addr, port);
}
