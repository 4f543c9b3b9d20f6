/* credentials.c
 *
 * The credentials of one XMPP message (see credentials.h). Specs: RFC 6120
 * §6.4.2 (the mechanism is chosen in <auth>, later <response>s follow it),
 * XEP-0124 §7 (every BOSH request names its session's sid).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "credentials.h"

#include <string.h>

#include "filler.h"
#include "sasl.h"
#include "xmppmsg.h"

struct rd_credentials {
    rd_report  *report;
    GHashTable *mechanisms;          /* session -> mechanism of its last <auth> */
};

rd_credentials *
rd_credentials_new(rd_report *report)
{
    rd_credentials *c = g_new0(rd_credentials, 1);

    c->report = report;
    c->mechanisms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return c;
}

void
rd_credentials_free(rd_credentials *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->mechanisms);
    g_free(c);
}

static char *
session_of(const rd_xmpp_found *found, const rd_message_place *place)
{
    return found->bosh_sid ? g_strconcat("BOSH sid ", found->bosh_sid, NULL) : g_strdup(place->session);
}

static const char *
mechanism_for(rd_credentials *c, const char *session, const rd_sasl_item *item)
{
    if (item->element != RD_SASL_AUTH)
        return g_hash_table_lookup(c->mechanisms, session);
    if (item->mechanism)
        g_hash_table_replace(c->mechanisms, g_strdup(session), g_strdup(item->mechanism));
    else
        g_hash_table_remove(c->mechanisms, session);
    return item->mechanism;
}

/* Reports what one element held; its original text too, when it changed. */
static void
report_item(rd_credentials *c, const rd_message_place *place, const GArray *found, const guint8 *before,
            const guint8 *after, guint32 len)
{
    gboolean changed = memcmp(before, after, len) != 0;

    for (guint i = 0; i < found->len; i++) {
        const rd_credential *cred = &g_array_index(found, rd_credential, i);
        gsize         n;
        const guint8 *value = g_bytes_get_data(cred->value, &n);
        if (!rd_is_filler_text(value, n) && !rd_is_filler_base64(value, n))
            rd_report_secret(c->report, value, n);
        if (changed && !place->writable) {
            rd_report_problem(c->report, RD_PROBLEM_KEPT, place->frame, place->flow,
                              "%s in a %s message cannot be redacted in place", rd_kind_name(cred->kind),
                              place->transport);
        } else {
            rd_found f = { place->frame, place->flow, place->transport, cred->kind, changed };
            rd_report_found(c->report, &f);
        }
    }
    if (changed)
        rd_report_secret(c->report, before, len);
}

static gboolean
redact_item(rd_credentials *c, guint8 *msg, const rd_sasl_item *item, const char *mechanism,
            const rd_message_place *place, GArray *spans)
{
    GArray  *found;
    guint8  *before;
    gboolean changed;

    if (item->length == 0)
        return FALSE;
    found = g_array_new(FALSE, FALSE, sizeof(rd_credential));
    before = g_memdup2(msg + item->offset, item->length);

    g_array_set_clear_func(found, rd_credential_clear);
    rd_sasl_redact(item->element, mechanism, msg + item->offset, item->length, found);
    report_item(c, place, found, before, msg + item->offset, item->length);
    if (spans && found->len) {
        rd_span span = { item->offset, item->length };
        g_array_append_val(spans, span);
    }
    changed = memcmp(before, msg + item->offset, item->length) != 0;
    g_free(before);
    g_array_unref(found);
    return changed;
}

gboolean
rd_credentials_redact(rd_credentials *c, guint8 *msg, guint32 len, const rd_message_place *place, GArray *spans)
{
    rd_xmpp_found found;
    gboolean      changed = FALSE;

    if (!rd_xmpp_may_hold_sasl(msg, len))
        return FALSE;
    rd_xmpp_find(msg, len, &found);
    char *session = session_of(&found, place);
    for (guint i = 0; i < found.items->len; i++) {
        const rd_sasl_item *item = &g_array_index(found.items, rd_sasl_item, i);
        changed |= redact_item(c, msg, item, mechanism_for(c, session, item), place, spans);
    }
    g_free(session);
    rd_xmpp_found_clear(&found);
    return changed;
}
