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

#endif /* XMPPWS_SASL_H */
