/* packets.h
 *
 * HAR entries to packets: each entry becomes one TCP connection between
 * the browser and the server, carrying the HTTP request and response, and
 * for a WebSocket the upgrade and then one frame per recorded message.
 * Addresses, ports and times: see packets.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_PACKETS_H
#define XMPPWS_HAR_PACKETS_H

#include "capture.h"
#include "model.h"

/* The packets of every entry of `log`, sorted by time. */
har_capture *har_packets_build(const har_log *log);

#endif
