/* pcapng.h
 *
 * Writes a har_capture as a pcapng file: one section, one interface
 * (LINKTYPE_RAW, microsecond time stamps), one Enhanced Packet Block per
 * packet with its comment. draft-ietf-opsawg-pcapng (the PCAP Next
 * Generation capture file format).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_PCAPNG_H
#define XMPPWS_HAR_PCAPNG_H

#include <stdio.h>

#include <glib.h>

#include "capture.h"

/* `application` goes in shb_userappl, `comment` (may be NULL) in the
 * section's opt_comment. FALSE with *error set on a write error. */
gboolean har_pcapng_write(FILE *out, const har_capture *capture, const char *application,
                          const char *comment, GError **error);

#endif
