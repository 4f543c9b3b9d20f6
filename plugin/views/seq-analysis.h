/* seq-analysis.h
 *
 * What the flow graph (flow.c) uses of Wireshark's sequence analysis
 * (epan/sequence_analysis.h), which the Debian wireshark-dev packages of
 * 4.0, 4.4 and 4.6 do not install although libwireshark exports its
 * functions. Declared here: the two functions, and the leading members of
 * its two structures that flow.c reads or writes. Their offsets were
 * measured in each release's libwireshark: sequence_analysis_info_new()
 * stores `items` at 16, sequence_analysis_create_sai_with_addresses() the
 * time string at 0x50, sequence_analysis_use_color_filter()
 * has_color_filter at 0x6c, as 4 bytes in 4.0 and 1 byte (bool) from 4.4
 * on: the one difference, in compat.h (xmppws_seq_flag). Members past
 * these are never touched; the structures are always allocated by
 * libwireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_SEQ_ANALYSIS_H
#define XMPPWS_SEQ_ANALYSIS_H

#include <epan/packet.h>
#include <epan/tap.h>

#include "compat.h"

/* seq_analysis_item_t, up to display. */
typedef struct {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    char   *frame_label;   /* the label on the arrow (g_malloc'ed; libwireshark frees it) */
    char   *time_str;
    char   *comment;       /* the text right of the graph (g_malloc'ed) */
    guint16 conv_num;      /* colours the arrows of one conversation alike */
    unsigned fg_color;
    unsigned bg_color;
    xmppws_seq_flag has_color_filter;
    xmppws_seq_flag display; /* only items with display set are drawn */
} xmppws_seq_item_head;

/* seq_analysis_info_t, up to items. */
typedef struct {
    const char *name;
    xmppws_seq_flag any_addr;
    int         nconv;
    GQueue     *items;     /* of seq_analysis_item_t */
} xmppws_seq_info_head;

extern void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                  const char *tap_listener, guint tap_flags, tap_packet_cb tap_func);
extern void *sequence_analysis_create_sai_with_addresses(packet_info *pinfo, void *sainfo);

#endif /* XMPPWS_SEQ_ANALYSIS_H */
