/* views.c
 *
 * Registers every view of the layer (see views.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "views.h"

#include "view-parts.h"

void
xmppws_views_register(void)
{
    xmppws_sessions_register();
    xmppws_srt_register();
    xmppws_follow_register();
}
