/* capture.h
 *
 * The packets made from a HAR: raw IPv4/IPv6 datagrams (LINKTYPE_RAW) with
 * a time stamp and an optional comment, kept in time order across all
 * connections. What xmppws-har writes to pcapng and the wiretap plugin
 * hands to Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_CAPTURE_H
#define XMPPWS_HAR_CAPTURE_H

#include <glib.h>

typedef struct {
    gint64 time_us;      /* epoch microseconds */
    guint64 order;       /* creation order: ties in time keep it */
    GByteArray *data;    /* the IP datagram */
    char *comment;       /* NULL, or the packet's comment (pcapng opt_comment) */
} har_packet;

typedef struct {
    GPtrArray *packets;  /* har_packet *; in time order after har_capture_sort() */
    guint64 next_order;
    guint connections;
    guint http_entries;
    guint websocket_entries;
    guint websocket_messages;
    guint comments;
} har_capture;

har_capture *har_capture_new(void);
void har_capture_free(har_capture *capture);

/* Takes ownership of data and comment. */
void har_capture_add(har_capture *capture, gint64 time_us, GByteArray *data, char *comment);

/* Stable sort by time: the packets of one connection, added in order with
 * non-decreasing times, stay in order. */
void har_capture_sort(har_capture *capture);

#endif
