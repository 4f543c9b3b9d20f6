/* secrets.c
 *
 * The secrets policy (see secrets.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "secrets.h"

#include "compat.h"
#include "namespaces.h"
#include "xmlscan.h"

static xmppws_pref_bool pref_show_secrets = FALSE;

gboolean
xmppws_secrets_shown(void)
{
    return pref_show_secrets;
}

gboolean
xmppws_secrets_hide_text(const xm_element *el)
{
    return !pref_show_secrets && el->ns && g_str_equal(el->ns, XMPPWS_NS_SASL) &&
           (g_str_equal(el->name, "auth") || g_str_equal(el->name, "response"));
}

xm_span
xmppws_secrets_visible_span(const xm_element *el)
{
    xm_span s = el->span;
    if (xmppws_secrets_hide_text(el))
        s.length = el->content.offset - el->span.offset;
    return s;
}

xm_span
xmppws_secrets_text_span(const xm_element *el)
{
    xm_span s = el->content;
    if (xmppws_secrets_hide_text(el))
        s.length = 0;
    return s;
}

gboolean
xmppws_secrets_may_be_in(const guint8 *p, guint32 len)
{
    return !pref_show_secrets && xs_contains(p, len, XMPPWS_NS_SASL) &&
           (xs_contains(p, len, "auth") || xs_contains(p, len, "response"));
}

void
xmppws_secrets_register(module_t *prefs)
{
    prefs_register_bool_preference(prefs, "show_secrets", "Show passwords and SASL proofs",
        "Show SASL PLAIN passwords, SCRAM client proofs and DIGEST-MD5 responses in the tree and in fields "
        "(xmppws.auth.password, ...). Off by default, so that dissections can be shared.",
        &pref_show_secrets);
}
