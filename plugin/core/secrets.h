/* secrets.h
 *
 * The secrets policy: what a dissection must never show unless the user
 * asks for it. The SASL data of <auth> and <response> (RFC 6120 §6.4.2)
 * carries a PLAIN password, a SCRAM client proof or a DIGEST-MD5 response;
 * with the preference xmppws.show_secrets off (the default, since captures
 * are shared with vendors) no item shows that text or covers its bytes
 * (PDML and JSON with -x show each item's bytes), and a message that may
 * hold one shows no text (xmppws.text). The packet bytes themselves still
 * carry it (docs/user-guide.md, "What the capture still carries").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_SECRETS_H
#define XMPPWS_SECRETS_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "xmlmodel.h"

void xmppws_secrets_register(module_t *prefs);

/* TRUE when the user asked to see secrets. */
gboolean xmppws_secrets_shown(void);

/* TRUE when an element's text is a secret that must not be shown. */
gboolean xmppws_secrets_hide_text(const xm_element *el);

/* The bytes an item about `el` may cover: the whole element, or only its
 * start tag when its text is a hidden secret. */
xm_span xmppws_secrets_visible_span(const xm_element *el);

/* The bytes an item about the text of `el` may cover: its content, or
 * nothing when that is a hidden secret. */
xm_span xmppws_secrets_text_span(const xm_element *el);

/* TRUE when raw message bytes that could not be parsed into elements may
 * hold a secret (and so must not be shown). */
gboolean xmppws_secrets_may_be_in(const guint8 *p, guint32 len);

#endif /* XMPPWS_SECRETS_H */
