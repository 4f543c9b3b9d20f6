/* plan.h
 *
 * From a message's credentials to stream patches: the whole text of every
 * SASL element that holds a credential becomes new wire bytes for every
 * frame that carries it -- redacted when redacting, as it is when checking
 * a copy (then the patches are what those frames must hold). Writing the
 * whole text, not only the bytes that change, also rewrites a
 * retransmission whose bytes differ from the copy that was read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_PLAN_H
#define XMPPWS_REDACT_PLAN_H

#include <glib.h>

#include "credentials.h"
#include "transport.h"

void rd_plan_message(rd_credentials *credentials, const rd_message *message, gboolean checking);

#endif /* XMPPWS_REDACT_PLAN_H */
