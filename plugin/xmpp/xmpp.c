/* xmpp.c
 *
 * Registration of the XMPP layer (see xmpp.h): every interpreter, in the
 * order the pipeline calls them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "xmpp.h"

#include "interpreters.h"

void
xmppws_xmpp_register(void)
{
    xmppws_stream_register();
    xmppws_sasl_register();
    xmppws_session_register();
    xmppws_presence_register();
    xmppws_pubsub_register();
    xmppws_errors_register();
    xmppws_sm_register();
    xmppws_tracking_register();
}
