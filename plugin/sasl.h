/* sasl.h
 *
 * What the rest of the dissector must know about SASL secrets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_SASL_H
#define XMPPWS_SASL_H

#include "xmlmodel.h"

/* TRUE when an element's text carries a secret that must not be shown
 * (SASL <auth> and <response>, unless the user asked to see secrets). */
gboolean xmppws_sasl_hides_text(const xm_element *el);

/* The bytes an item about `el` may cover: the whole element, or only its
 * start tag when its text is a hidden secret (PDML and JSON with -x show
 * each item's bytes, so an item over the base64 would give it away). */
xm_span xmppws_sasl_visible_span(const xm_element *el);

/* TRUE when a message that could not be parsed into elements may still
 * carry a SASL <auth> or <response> (its raw text must not be shown,
 * unless the user asked to see secrets). */
gboolean xmppws_sasl_may_hold_secret(const guint8 *p, guint32 len);

#endif /* XMPPWS_SASL_H */
