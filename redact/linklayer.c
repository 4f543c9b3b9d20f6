/* linklayer.c
 *
 * Link-layer headers in front of IP (see linklayer.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "linklayer.h"

#include <wiretap/wtap.h>

#define ETHERTYPE_IPV4   0x0800
#define ETHERTYPE_IPV6   0x86dd
#define ETHERTYPE_VLAN   0x8100
#define ETHERTYPE_QINQ   0x88a8
#define ETHERTYPE_QINQ_OLD 0x9100

#define ETHERNET_HEADER  14
#define VLAN_TAG         4
#define SLL_HEADER       16
#define SLL_PROTOCOL     14
#define SLL2_HEADER      20
#define NULL_HEADER      4

/* BSD loopback address families: AF_INET everywhere, AF_INET6 as Linux,
 * the BSDs and Darwin number it. */
static const guint32 loopback_families[] = { 2, 10, 24, 28, 30 };

static guint16
be16(const guint8 *p)
{
    return (guint16)(p[0] << 8 | p[1]);
}

static rd_link_result
by_ethertype(guint16 type, guint32 offset, guint32 caplen, guint32 *ip_offset)
{
    if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6)
        return RD_LINK_NOT_IP;
    if (offset >= caplen)
        return RD_LINK_TRUNCATED;
    *ip_offset = offset;
    return RD_LINK_IP;
}

static rd_link_result
ethernet(const guint8 *p, guint32 caplen, guint32 *ip_offset)
{
    guint32 type_at = ETHERNET_HEADER - 2;

    if (caplen < ETHERNET_HEADER)
        return RD_LINK_TRUNCATED;
    for (;;) {
        guint16 type = be16(p + type_at);
        if (type != ETHERTYPE_VLAN && type != ETHERTYPE_QINQ && type != ETHERTYPE_QINQ_OLD)
            return by_ethertype(type, type_at + 2, caplen, ip_offset);
        type_at += VLAN_TAG;
        if (type_at + 2 > caplen)
            return RD_LINK_TRUNCATED;
    }
}

static gboolean
is_loopback_family(guint32 family)
{
    for (gsize i = 0; i < G_N_ELEMENTS(loopback_families); i++) {
        if (family == loopback_families[i])
            return TRUE;
    }
    return FALSE;
}

/* DLT_NULL carries the family in the capturing host's byte order; DLT_LOOP
 * in network order. Either way, the IP version nibble decides. */
static rd_link_result
loopback(const guint8 *p, guint32 caplen, guint32 *ip_offset)
{
    guint32 be = (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
    guint32 le = (guint32)p[3] << 24 | (guint32)p[2] << 16 | (guint32)p[1] << 8 | p[0];

    if (caplen <= NULL_HEADER)
        return RD_LINK_TRUNCATED;
    if (!is_loopback_family(be) && !is_loopback_family(le))
        return RD_LINK_NOT_IP;
    *ip_offset = NULL_HEADER;
    return RD_LINK_IP;
}

static rd_link_result
raw_ip(guint32 caplen, guint32 *ip_offset)
{
    if (caplen == 0)
        return RD_LINK_TRUNCATED;
    *ip_offset = 0;
    return RD_LINK_IP;
}

rd_link_result
rd_link_ip_offset(int encap, const guint8 *p, guint32 caplen, guint32 *ip_offset)
{
    switch (encap) {
    case WTAP_ENCAP_ETHERNET:
        return ethernet(p, caplen, ip_offset);
    case WTAP_ENCAP_SLL:
        return caplen < SLL_HEADER ? RD_LINK_TRUNCATED
                                   : by_ethertype(be16(p + SLL_PROTOCOL), SLL_HEADER, caplen, ip_offset);
    case WTAP_ENCAP_SLL2:
        return caplen < SLL2_HEADER ? RD_LINK_TRUNCATED : by_ethertype(be16(p), SLL2_HEADER, caplen, ip_offset);
    case WTAP_ENCAP_RAW_IP:
    case WTAP_ENCAP_RAW_IP4:
    case WTAP_ENCAP_RAW_IP6:
        return raw_ip(caplen, ip_offset);
    case WTAP_ENCAP_NULL:
    case WTAP_ENCAP_LOOP:
        return caplen < NULL_HEADER ? RD_LINK_TRUNCATED : loopback(p, caplen, ip_offset);
    default:
        return RD_LINK_UNKNOWN;
    }
}
