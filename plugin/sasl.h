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

#endif /* XMPPWS_SASL_H */
