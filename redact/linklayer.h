/* linklayer.h
 *
 * Where the IP packet starts in a record, for the link layers captures of
 * desktops and servers have: Ethernet (with 802.1Q / 802.1ad tags), Linux
 * cooked capture v1 and v2, raw IP, and BSD loopback (DLT_NULL, DLT_LOOP).
 *
 * Specs: IEEE 802.3 and 802.1Q (EtherType, tags); tcpdump.org LINKTYPE_
 * LINUX_SLL, LINUX_SLL2, RAW, NULL and LOOP.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_LINKLAYER_H
#define XMPPWS_REDACT_LINKLAYER_H

#include <glib.h>

typedef enum {
    RD_LINK_IP,              /* an IPv4 or IPv6 packet at *ip_offset */
    RD_LINK_NOT_IP,          /* ARP, LLDP, ...: nothing to do */
    RD_LINK_UNKNOWN,         /* a link layer not read here */
    RD_LINK_TRUNCATED        /* the link header is cut short */
} rd_link_result;

rd_link_result rd_link_ip_offset(int encap, const guint8 *p, guint32 caplen, guint32 *ip_offset);

#endif /* XMPPWS_REDACT_LINKLAYER_H */
