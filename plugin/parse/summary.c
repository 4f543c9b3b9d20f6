/* summary.c
 *
 * The one-line summary of a top-level element (see summary.h). Pure C on
 * the model, so it is unit-tested without Wireshark.
 *
 * Specs: RFC 7395 §3.3 (open, close), RFC 6120 §4.3 (features), §4.9
 * (stream errors), §6.4 (SASL), §8 (stanzas); XEP-0060 (pubsub, events);
 * XEP-0198 (stream management).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "summary.h"
#include "namespaces.h"

#include <string.h>

/* The summary is made for every message: plain appends, no printf. */
static void
append_word(wmem_strbuf_t *s, const char *word)
{
    wmem_strbuf_append_c(s, ' ');
    wmem_strbuf_append(s, word);
}

static void
append_attr(wmem_strbuf_t *s, const xm_element *el, const char *name)
{
    const char *v = xm_attr_value(el, name);
    if (v) {
        append_word(s, name);
        wmem_strbuf_append_c(s, '=');
        wmem_strbuf_append(s, v);
    }
}

static void
append_value(wmem_strbuf_t *s, const char *value)
{
    if (value && *value)
        append_word(s, value);
}

static void
append_child_names(wmem_strbuf_t *s, const xm_element *el)
{
    const char *sep = " (";
    for (const xm_element *c = el->first_child; c; c = c->next) {
        wmem_strbuf_append(s, sep);
        wmem_strbuf_append(s, c->name);
        sep = ", ";
    }
    if (el->first_child)
        wmem_strbuf_append_c(s, ')');
}

static gboolean
is_pubsub(const xm_element *el)
{
    return el->ns && strncmp(el->ns, XMPPWS_NS_PUBSUB, strlen(XMPPWS_NS_PUBSUB)) == 0;
}

/* "pubsub subscribe /node", "event items /node", "bind", "ping" */
static void
append_payload(wmem_strbuf_t *s, const xm_element *payload)
{
    wmem_strbuf_append(s, payload->name);
    if (is_pubsub(payload) && payload->first_child) {
        const xm_element *action = payload->first_child;
        if (!g_str_equal(payload->name, "event"))
            append_word(s, action->name);
        append_value(s, xm_attr_value(action, "node"));
    }
}

static void
summarize_stanza(wmem_strbuf_t *s, const xm_element *el)
{
    const char *type = xm_attr_value(el, "type");
    const xm_element *payload = el->first_child;

    wmem_strbuf_append(s, el->name);
    if (g_str_equal(el->name, "presence")) {
        append_value(s, type);
        append_value(s, xm_child(el, "show", NULL) ? xm_child(el, "show", NULL)->text : NULL);
        return;
    }
    append_value(s, type);
    if (g_str_equal(el->name, "iq"))
        append_value(s, xm_attr_value(el, "id"));
    else if (xm_attr_value(el, "from")) {
        append_word(s, "from");
        append_word(s, xm_attr_value(el, "from"));
    }
    if (payload) {
        wmem_strbuf_append(s, " (");
        append_payload(s, payload);
        wmem_strbuf_append_c(s, ')');
    }
}

static const char *
first_child_name(const xm_element *el)
{
    return el->first_child ? el->first_child->name : NULL;
}

static void
summarize_sasl(wmem_strbuf_t *s, const xm_element *el)
{
    wmem_strbuf_append(s, "SASL");
    append_word(s, el->name);
    if (g_str_equal(el->name, "auth"))
        append_value(s, xm_attr_value(el, "mechanism"));
    else if (g_str_equal(el->name, "failure"))
        append_value(s, first_child_name(el));
}

const char *
xmppws_summary(wmem_allocator_t *arena, const xm_element *el)
{
    wmem_strbuf_t *s = wmem_strbuf_new(arena, "");
    const char    *ns = el->ns ? el->ns : "";

    if (g_str_equal(el->name, "iq") || g_str_equal(el->name, "presence") ||
        g_str_equal(el->name, "message")) {
        summarize_stanza(s, el);
    } else if (g_str_equal(ns, XMPPWS_NS_SASL)) {
        summarize_sasl(s, el);
    } else if (g_str_equal(ns, XMPPWS_NS_STREAMS) && g_str_equal(el->name, "stream")) {
        wmem_strbuf_append(s, "stream header");
        append_attr(s, el, "to");
        append_attr(s, el, "from");
        append_attr(s, el, "id");
    } else if (g_str_equal(ns, XMPPWS_NS_STREAMS) && g_str_equal(el->name, "error")) {
        wmem_strbuf_append(s, "stream error");
        append_value(s, first_child_name(el));
    } else if (g_str_equal(el->name, "features")) {
        wmem_strbuf_append(s, "features");
        append_child_names(s, el);
    } else if (g_str_equal(ns, XMPPWS_NS_FRAMING)) {
        wmem_strbuf_append(s, el->name);
        append_attr(s, el, "to");
        append_attr(s, el, "from");
        append_attr(s, el, "id");
        append_attr(s, el, "see-other-uri");
    } else if (g_str_has_prefix(ns, XMPPWS_NS_SM_PREFIX)) {
        wmem_strbuf_append(s, "SM");
        append_word(s, el->name);
        append_attr(s, el, "h");
    } else {
        wmem_strbuf_append(s, el->name);
    }
    return wmem_strbuf_finalize(s);
}
