/* summary.h
 *
 * One line per top-level element for the Info column and the element's
 * tree label: "open to=example.test", "SASL auth PLAIN",
 * "iq set _bind_auth_2 (bind)", "message from pubsub.x (event /node)".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_SUMMARY_H
#define XMPPWS_SUMMARY_H

#include "xmlmodel.h"

const char *xmppws_summary(wmem_allocator_t *arena, const xm_element *el);

#endif /* XMPPWS_SUMMARY_H */
