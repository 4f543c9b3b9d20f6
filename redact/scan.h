/* scan.h
 *
 * One pass over a capture file: every packet through its link layer, IP
 * and TCP, every connection through its protocols to its XMPP messages,
 * and in those the credentials, each becoming edits of the frames that
 * carry it. Then the copy: the input again, each frame with its edits,
 * its TCP checksum computed again when it was right before (a checksum
 * that was already wrong, as loopback and offloading NICs capture them,
 * is kept as it was, so the copy shows what the original showed). The
 * same pass over the copy is its check.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_SCAN_H
#define XMPPWS_REDACT_SCAN_H

#include <glib.h>

#include "capfile.h"
#include "report.h"

typedef struct rd_scan rd_scan;

/* `ws_ports`: guint16 ports that carry WebSocket without its handshake.
 * A scan that is `checking` a copy changes nothing: its edits are the
 * bytes every frame that carries a credential must hold, for
 * rd_scan_copy_consistent(). */
rd_scan *rd_scan_new(const GArray *ws_ports, gboolean checking);
void     rd_scan_free(rd_scan *scan);

gboolean rd_scan_capture(rd_scan *scan, const char *path, GError **error);

rd_report        *rd_scan_report(const rd_scan *scan);
const rd_capinfo *rd_scan_info(const rd_scan *scan);

/* After a checking scan of `path`: TRUE when every frame that carries
 * credential bytes holds what the message it belongs to holds (a
 * retransmission left as it was would not); appends what differs to `why`. */
gboolean rd_scan_copy_consistent(rd_scan *scan, const char *path, GString *why);

/* Writes the copy of the capture just scanned, with its edits. */
gboolean rd_scan_write_copy(rd_scan *scan, const char *in, const char *out, gboolean drop_secrets, GError **error);

#endif /* XMPPWS_REDACT_SCAN_H */
