/* view-parts.h
 *
 * The views' registration functions, one per file, called by views.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_VIEW_PARTS_H
#define XMPPWS_VIEW_PARTS_H

void xmppws_sessions_register(void);
void xmppws_srt_register(void);
void xmppws_follow_register(void);

#endif /* XMPPWS_VIEW_PARTS_H */
