/* xmppmsg.c
 *
 * The SASL elements of one XMPP message (see xmppmsg.h): the parse
 * layer's model when the message parses, else a search of its tags.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "xmppmsg.h"

#include <string.h>
#include <wsutil/wmem/wmem.h>

#include "framing.h"
#include "namespaces.h"
#include "xmlmodel.h"
#include "xmlscan.h"

gboolean
rd_xmpp_may_hold_sasl(const guint8 *msg, guint32 len)
{
    return len > 0 && xs_contains(msg, len, XMPPWS_NS_SASL);
}

static void
add_item(rd_xmpp_found *found, rd_sasl_element element, const char *mechanism, guint32 offset, guint32 length)
{
    rd_sasl_item item = { element, g_strdup(mechanism), offset, length };
    g_array_append_val(found->items, item);
}

/* ---- from the model --------------------------------------------------- */

static void
model_items(const xm_element *el, rd_xmpp_found *found)
{
    for (; el; el = el->next) {
        rd_sasl_element element;
        if (el->ns && g_str_equal(el->ns, XMPPWS_NS_SASL) && rd_sasl_element_of(el->name, &element))
            add_item(found, element, element == RD_SASL_AUTH ? xm_attr_value(el, "mechanism") : NULL,
                     el->content.offset, el->content.length);
        model_items(el->first_child, found);
    }
}

static void
bosh_sid(const xm_doc *doc, rd_xmpp_found *found)
{
    const xm_element *body = doc->first;

    if (body && xm_is(body, "body", XMPPWS_NS_HTTPBIND) && xm_attr_value(body, "sid"))
        found->bosh_sid = g_strdup(xm_attr_value(body, "sid"));
}

/* FALSE when the message does not parse. */
static gboolean
parse_items(const guint8 *msg, guint32 len, rd_xmpp_found *found)
{
    wmem_allocator_t *arena = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
    framing_info      fi;
    xm_parse_opts     opts = { 0, NULL };
    gboolean          ok;

    if (framing_classify(msg, len, &fi) == FRAMING_STREAM_HEADER)
        opts.implicit_close = fi.stream_qname;
    opts.skip = xs_xml_declaration_length(msg, MIN(len, FRAMING_SCAN_MAX));
    xm_doc *doc = xm_parse(arena, msg, len, &opts);
    ok = doc->status == XM_OK;
    if (ok) {
        model_items(doc->first, found);
        bosh_sid(doc, found);
    }
    wmem_destroy_allocator(arena);
    return ok;
}

/* ---- by searching the tags ---------------------------------------------- */

/* A message that does not parse: every start tag named auth, response,
 * challenge or success that declares the SASL namespace itself (as SASL
 * elements do) and holds no '<' (which XML allows nowhere in a tag), its
 * text up to the next '<'. So what is redacted is never part of a tag. */

static gboolean
ends_name(guint8 c)
{
    return xs_is_space(c) || c == '/' || c == '>';
}

/* The local name of the tag at msg[lt] ('<' there): [*start, *end). */
static void
tag_local_name(const guint8 *msg, guint32 len, guint32 lt, guint32 *start, guint32 *end)
{
    guint32 i = lt + 1;

    *start = i;
    while (i < len && !ends_name(msg[i])) {
        if (msg[i] == ':')
            *start = i + 1;
        i++;
    }
    *end = i;
}

/* The value of mechanism='...' in the start tag [from, to). */
static char *
raw_mechanism(const guint8 *msg, guint32 from, guint32 to)
{
    static const char key[] = "mechanism=";

    for (guint32 i = from; i + sizeof key < to; i++) {
        if (memcmp(msg + i, key, sizeof key - 1) != 0)
            continue;
        guint8  quote = msg[i + sizeof key - 1];
        guint32 v = i + sizeof key, e = v;
        while (e < to && msg[e] != quote)
            e++;
        return (quote == '"' || quote == '\'') && e < to ? g_strndup((const char *)msg + v, e - v) : NULL;
    }
    return NULL;
}

static void
search_items(const guint8 *msg, guint32 len, rd_xmpp_found *found)
{
    for (guint32 lt = 0; lt < len; lt++) {
        guint32 ns, ne, tag_end, text_end;
        rd_sasl_element element;
        if (msg[lt] != '<')
            continue;
        tag_local_name(msg, len, lt, &ns, &ne);
        char *name = g_strndup((const char *)msg + ns, ne - ns);
        gboolean sasl = rd_sasl_element_of(name, &element);
        g_free(name);
        tag_end = sasl ? xs_tag_end(msg, lt, len) : 0;
        if (!tag_end || memchr(msg + lt + 1, '<', tag_end - lt - 1) || msg[tag_end - 2] == '/' ||
            !xs_contains(msg + lt, tag_end - lt, XMPPWS_NS_SASL))
            continue;
        for (text_end = tag_end; text_end < len && msg[text_end] != '<'; text_end++)
            ;
        char *mechanism = element == RD_SASL_AUTH ? raw_mechanism(msg, ne, tag_end) : NULL;
        add_item(found, element, mechanism, tag_end, text_end - tag_end);
        g_free(mechanism);
        lt = text_end - 1;
    }
}

void
rd_xmpp_find(const guint8 *msg, guint32 len, rd_xmpp_found *found)
{
    memset(found, 0, sizeof *found);
    found->items = g_array_new(FALSE, FALSE, sizeof(rd_sasl_item));
    if (!parse_items(msg, len, found))
        search_items(msg, len, found);
}

void
rd_xmpp_found_clear(rd_xmpp_found *found)
{
    for (guint i = 0; found->items && i < found->items->len; i++)
        g_free(g_array_index(found->items, rd_sasl_item, i).mechanism);
    g_clear_pointer(&found->items, g_array_unref);
    g_clear_pointer(&found->bosh_sid, g_free);
}
