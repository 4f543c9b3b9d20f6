/* test_xmlmodel.c
 *
 * Unit tests of the parse layer (plugin/parse/xmlmodel.c): the model, the
 * byte spans, several top-level elements, legacy stream headers, every kind
 * of bad input ending in a status instead of a crash, and siblings linked in
 * order up to the element limit.
 *
 * With `-m perf` it also prints how parse time grows with the number of
 * siblings (bench/run.sh runs it; nothing here asserts a time), and has one
 * parse of 10,000 and one of 50,000 siblings for parse_is_linear.py to
 * count instructions in.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <libxml/parser.h>

#include "xmlmodel.h"

static wmem_allocator_t *arena;

static xm_doc *
parse_opts(const char *text, gsize len, const xm_parse_opts *opts)
{
    return xm_parse(arena, (const guint8 *)text, (guint32)len, opts);
}

static xm_doc *
parse(const char *text)
{
    return parse_opts(text, strlen(text), NULL);
}

/* The bytes a span covers, as a string. */
static char *
bytes_of(const char *text, xm_span span)
{
    return wmem_strndup(arena, text + span.offset, span.length);
}

static void
test_stanza_model_and_spans(void)
{
    const char *msg = "<iq xmlns='jabber:client' type='set' id='_bind_auth_2'>"
                      "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desktop</resource></bind></iq>";
    xm_doc *doc = parse(msg);

    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpuint(doc->n_top, ==, 1);
    g_assert_cmpuint(doc->n_elements, ==, 3);

    const xm_element *iq = doc->first;
    g_assert_cmpstr(iq->name, ==, "iq");
    g_assert_cmpstr(iq->ns, ==, "jabber:client");
    g_assert_true(iq->complete);
    g_assert_cmpuint(iq->n_attrs, ==, 2);                  /* xmlns is a declaration, not an attribute */
    g_assert_cmpstr(xm_attr_value(iq, "type"), ==, "set");
    g_assert_cmpstr(xm_attr_value(iq, "id"), ==, "_bind_auth_2");
    g_assert_cmpstr(bytes_of(msg, iq->span), ==, msg);
    g_assert_cmpstr(bytes_of(msg, xm_attr_find(iq, "id")->value_span), ==, "_bind_auth_2");

    const xm_element *bind = xm_child(iq, "bind", "urn:ietf:params:xml:ns:xmpp-bind");
    g_assert_nonnull(bind);
    g_assert_cmpuint(bind->depth, ==, 1);
    g_assert_true(bind->parent == iq);
    const xm_element *resource = xm_child(bind, "resource", NULL);
    g_assert_cmpstr(resource->text, ==, "desktop");
    g_assert_cmpstr(bytes_of(msg, resource->span), ==, "<resource>desktop</resource>");
    g_assert_cmpstr(bytes_of(msg, resource->content), ==, "desktop");
}

static void
test_empty_element_and_escapes(void)
{
    const char *msg = "<presence xmlns=\"jabber:client\"><status a=\"x &amp; y &#38;#38; &lt;\">1 &lt; 2</status>"
                      "<c node=\"n\"/></presence>";
    xm_doc *doc = parse(msg);
    const xm_element *status = xm_child(doc->first, "status", NULL);
    const xm_element *c = xm_child(doc->first, "c", NULL);

    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpstr(status->text, ==, "1 < 2");
    g_assert_cmpstr(xm_attr_value(status, "a"), ==, "x & y &#38; <");
    g_assert_cmpstr(bytes_of(msg, xm_attr_find(status, "a")->value_span), ==, "x &amp; y &#38;#38; &lt;");
    g_assert_cmpstr(bytes_of(msg, c->span), ==, "<c node=\"n\"/>");
    g_assert_cmpuint(c->content.length, ==, 0);
    g_assert_cmpstr(c->text, ==, "");
    g_assert_true(c->complete);
}

static void
test_escaped_payload_is_text(void)
{
    /* A Finesse notification: the <Update> is escaped text, unescaped once by the parse. */
    const char *msg = "<message><event><items node='/finesse/api/User/1001'><item id='x'>"
                      "<notification xmlns='http://jabber.org/protocol/pubsub'>&lt;Update&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;"
                      "</notification></item></items></event></message>";
    xm_doc *doc = parse(msg);
    const xm_element *n = doc->first->first_child->first_child->first_child->first_child;

    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpstr(n->name, ==, "notification");
    g_assert_cmpstr(n->text, ==, "<Update><event>PUT</event></Update>");
    g_assert_cmpuint(n->text_len, ==, strlen("<Update><event>PUT</event></Update>"));
    g_assert_cmpstr(bytes_of(msg, n->content), ==,
                    "&lt;Update&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;");
}

static void
test_several_top_level_elements(void)
{
    const char *msg = " <presence/>\n<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq> ";
    xm_doc *doc = parse(msg);

    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpuint(doc->n_top, ==, 2);
    g_assert_cmpstr(doc->first->name, ==, "presence");
    g_assert_cmpstr(doc->first->next->name, ==, "iq");
    g_assert_cmpstr(bytes_of(msg, doc->first->next->span), ==, "<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
}

static void
test_legacy_stream_header(void)
{
    const char *msg = "<?xml version='1.0'?><stream:stream to='finesse.example.test' xmlns='jabber:client' "
                      "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                      "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>";
    xm_parse_opts opts = { (guint32)strlen("<?xml version='1.0'?>"), "stream:stream" };
    xm_doc *doc = parse_opts(msg, strlen(msg), &opts);
    const xm_element *stream = doc->first;

    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpstr(stream->name, ==, "stream");
    g_assert_cmpstr(stream->ns, ==, "http://etherx.jabber.org/streams");
    g_assert_false(stream->complete);                      /* its end tag is not in this message */
    g_assert_cmpuint(stream->span.offset, ==, opts.skip);
    g_assert_cmpuint(stream->span.offset + stream->span.length, ==, strlen(msg));
    g_assert_cmpstr(xm_attr_value(stream, "to"), ==, "finesse.example.test");
    g_assert_cmpstr(bytes_of(msg, xm_attr_find(stream, "to")->value_span), ==, "finesse.example.test");
    g_assert_true(xm_is(stream->first_child, "features", "http://etherx.jabber.org/streams"));
    g_assert_true(stream->first_child->complete);
}

static void
test_undeclared_stream_prefix(void)
{
    /* Pre-RFC 7395 servers send features on their own, the prefix declared earlier. */
    xm_doc *doc = parse("<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></stream:features>");
    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpstr(doc->first->ns, ==, "http://etherx.jabber.org/streams");
}

static void
assert_malformed(const char *msg, gsize len, const char *error_part)
{
    xm_doc *doc = parse_opts(msg, len, NULL);
    g_assert_cmpint(doc->status, ==, XM_MALFORMED);
    g_assert_nonnull(doc->error);
    if (error_part && !strstr(doc->error, error_part))
        g_error("error \"%s\" does not mention \"%s\"", doc->error, error_part);
    g_assert_cmpuint(doc->error_offset, <=, len);
}

static void
test_truncated_keeps_what_parsed(void)
{
    const char *msg = "<iq type='get' id='t1'><ping xmlns='urn:xmpp:ping'/>";
    xm_doc *doc = parse(msg);

    g_assert_cmpint(doc->status, ==, XM_MALFORMED);
    g_assert_cmpstr(doc->first->name, ==, "iq");
    g_assert_false(doc->first->complete);
    g_assert_cmpuint(doc->first->span.length, ==, strlen(msg));
    g_assert_true(doc->first->first_child->complete);
}

/* What the parse layer adds around a message (its wrapper element and the
 * blank space after it) never shows in the model or in an error. */
static void
test_truncated_text_and_cdata(void)
{
    xm_doc *doc = parse("<message><body>partial text");
    const xm_element *body = doc->first->first_child;

    g_assert_cmpint(doc->status, ==, XM_MALFORMED);
    g_assert_cmpstr(doc->error, ==, "<body> is not closed: the message ends inside it");
    g_assert_cmpstr(body->text, ==, "partial text");
    g_assert_cmpuint(body->text_len, ==, strlen("partial text"));

    doc = parse("<![CDATA[never closed");
    g_assert_cmpint(doc->status, ==, XM_MALFORMED);
    g_assert_nonnull(strstr(doc->error, "CData section not finished"));
    g_assert_null(strstr(doc->error, "xmppws"));
}

/* libxml2 2.13 reworded its error messages (measured on 2.9.14 and 2.15.4). */
#if LIBXML_VERSION >= 21300
#define BAD_UTF8_ERROR "Invalid bytes in character encoding"
#else
#define BAD_UTF8_ERROR "not proper UTF-8"
#endif

static void
test_bad_input(void)
{
    static const char nul[] = "<presence><status>a\0b</status></presence>";
    assert_malformed("<presence><show>away</presence>", strlen("<presence><show>away</presence>"), "mismatch");
    assert_malformed("<presence><status>a\xc3\x28</status></presence>", strlen("<presence><status>a\xc3\x28</status></presence>"), BAD_UTF8_ERROR);
    assert_malformed(nul, sizeof nul - 1, NULL);
    assert_malformed("<a>&foo;</a>", strlen("<a>&foo;</a>"), "foo");
    assert_malformed("", 0, NULL);
    assert_malformed("{\"type\":\"hello\"}", strlen("{\"type\":\"hello\"}"), NULL);
    assert_malformed("<x:y/>", strlen("<x:y/>"), "prefix");
}

static void
test_doctype_and_entities_never_expand(void)
{
    const char *bomb = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                       "<message><body>&lol2;</body></message>";
    const char *xxe = "<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><message><body>&x;</body></message>";
    xm_doc *doc = parse(bomb);
    g_assert_cmpint(doc->status, ==, XM_RESTRICTED);        /* reported as a DOCTYPE, at its '<' */
    g_assert_cmpuint(doc->error_offset, ==, 0);
    g_assert_nonnull(strstr(doc->error, "DOCTYPE"));
    g_assert_null(doc->first);
    doc = parse(xxe);
    g_assert_cmpint(doc->status, ==, XM_RESTRICTED);
    g_assert_null(doc->first);
}

/* libxml2 2.9 compares each attribute of a tag with all earlier ones: a tag
 * with too many is never parsed, what came before it is kept. */
static void
test_attribute_flood_is_cut(void)
{
    GString *s = g_string_new("<iq type='get' id='a'/><presence");
    guint32 flood_at = (guint32)strlen("<iq type='get' id='a'/>");

    for (guint i = 0; i <= XM_MAX_ELEMENT_ATTRIBUTES; i++)
        g_string_append_printf(s, " a%u='v'", i);
    g_string_append(s, "/>");
    xm_doc *doc = parse_opts(s->str, s->len, NULL);
    g_assert_cmpint(doc->status, ==, XM_TOO_LARGE);
    g_assert_cmpuint(doc->error_offset, ==, flood_at);
    g_assert_cmpuint(doc->n_top, ==, 1);
    g_assert_cmpstr(doc->first->name, ==, "iq");
    g_string_free(s, TRUE);
}

static void
test_deep_nesting_is_bounded(void)
{
    GString *s = g_string_new("");
    for (int i = 0; i < 10000; i++)
        g_string_append(s, "<a>");
    for (int i = 0; i < 10000; i++)
        g_string_append(s, "</a>");
    xm_doc *doc = parse_opts(s->str, s->len, NULL);
    g_assert_cmpint(doc->status, ==, XM_MALFORMED);         /* libxml2's depth limit (256) */
    g_assert_cmpuint(doc->n_elements, <, 300);
    g_string_free(s, TRUE);
}

static void
test_element_limit(void)
{
    GString *s = g_string_new("<message>");
    for (guint i = 0; i < XM_MAX_ELEMENTS + 10; i++)
        g_string_append(s, "<x/>");
    g_string_append(s, "</message>");
    xm_doc *doc = parse_opts(s->str, s->len, NULL);
    g_assert_cmpint(doc->status, ==, XM_TOO_LARGE);
    g_assert_cmpuint(doc->n_elements, ==, XM_MAX_ELEMENTS);
    g_string_free(s, TRUE);
}

/* count siblings of one chain, checking that each one's ordinal is its place */
static guint
count_in_order(const xm_element *first)
{
    guint n = 0;
    for (const xm_element *el = first; el; el = el->next, n++)
        g_assert_cmpuint(el->ordinal, ==, n);
    return n;
}

static GString *
siblings(const char *open, guint count, const char *close)
{
    GString *s = g_string_new(open);
    for (guint i = 0; i < count; i++)
        g_string_append(s, "<x/>");
    g_string_append(s, close);
    return s;
}

static void
test_siblings_linked_in_order(void)
{
    GString *top = siblings("", XM_MAX_ELEMENTS, "");
    xm_doc *doc = parse_opts(top->str, top->len, NULL);
    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpuint(doc->n_top, ==, XM_MAX_ELEMENTS);
    g_assert_cmpuint(count_in_order(doc->first), ==, XM_MAX_ELEMENTS);
    g_string_free(top, TRUE);

    GString *children = siblings("<message>", XM_MAX_ELEMENTS - 1, "</message>");
    doc = parse_opts(children->str, children->len, NULL);
    g_assert_cmpint(doc->status, ==, XM_OK);
    g_assert_cmpuint(count_in_order(doc->first->first_child), ==, XM_MAX_ELEMENTS - 1);
    g_assert_true(doc->first->last_child->next == NULL);
    g_string_free(children, TRUE);
}

/* Seconds to parse `count` top-level siblings, the best of three. */
static double
seconds_to_parse_siblings(guint count)
{
    GString *s = siblings("", count, "");
    double best = G_MAXDOUBLE;
    for (int round = 0; round < 3; round++) {
        wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_BLOCK);
        g_test_timer_start();
        xm_doc *doc = xm_parse(pool, (const guint8 *)s->str, (guint32)s->len, NULL);
        best = MIN(best, g_test_timer_elapsed());
        g_assert_cmpuint(doc->n_top, ==, count);
        wmem_destroy_allocator(pool);
    }
    g_string_free(s, TRUE);
    return best;
}

/* One parse of GPOINTER_TO_UINT(count) siblings. */
static void
perf_parse_siblings_once(gconstpointer count)
{
    GString *s = siblings("", GPOINTER_TO_UINT(count), "");
    xm_doc *doc = parse_opts(s->str, s->len, NULL);
    g_assert_cmpuint(doc->n_top, ==, GPOINTER_TO_UINT(count));
    g_string_free(s, TRUE);
}

static void
perf_parse_time_grows_linearly(void)
{
    const guint small = XM_MAX_ELEMENTS / 10;
    double t_small = seconds_to_parse_siblings(small);
    double t_large = seconds_to_parse_siblings(XM_MAX_ELEMENTS);
    g_test_message("%u siblings: %.2f ms; %u siblings: %.2f ms; ratio %.1f for 10x the elements (linear: ~10)",
                   small, t_small * 1e3, XM_MAX_ELEMENTS, t_large * 1e3, t_large / t_small);
    g_test_minimized_result(t_large / t_small, "parse time ratio, 10x siblings: %.1f", t_large / t_small);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    xmlInitParser();
    arena = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);

    g_test_add_func("/xmlmodel/stanza_model_and_spans", test_stanza_model_and_spans);
    g_test_add_func("/xmlmodel/empty_element_and_escapes", test_empty_element_and_escapes);
    g_test_add_func("/xmlmodel/escaped_payload_is_text", test_escaped_payload_is_text);
    g_test_add_func("/xmlmodel/several_top_level_elements", test_several_top_level_elements);
    g_test_add_func("/xmlmodel/legacy_stream_header", test_legacy_stream_header);
    g_test_add_func("/xmlmodel/undeclared_stream_prefix", test_undeclared_stream_prefix);
    g_test_add_func("/xmlmodel/truncated_keeps_what_parsed", test_truncated_keeps_what_parsed);
    g_test_add_func("/xmlmodel/truncated_text_and_cdata", test_truncated_text_and_cdata);
    g_test_add_func("/xmlmodel/bad_input", test_bad_input);
    g_test_add_func("/xmlmodel/doctype_and_entities_never_expand", test_doctype_and_entities_never_expand);
    g_test_add_func("/xmlmodel/deep_nesting_is_bounded", test_deep_nesting_is_bounded);
    g_test_add_func("/xmlmodel/attribute_flood_is_cut", test_attribute_flood_is_cut);
    g_test_add_func("/xmlmodel/element_limit", test_element_limit);
    g_test_add_func("/xmlmodel/siblings_linked_in_order", test_siblings_linked_in_order);
    if (g_test_perf()) {
        g_test_add_func("/xmlmodel/perf/parse_time_grows_linearly", perf_parse_time_grows_linearly);
        g_test_add_data_func("/xmlmodel/perf/siblings_10000", GUINT_TO_POINTER(10000), perf_parse_siblings_once);
        g_test_add_data_func("/xmlmodel/perf/siblings_50000", GUINT_TO_POINTER(50000), perf_parse_siblings_once);
    }

    int rc = g_test_run();
    wmem_destroy_allocator(arena);
    return rc;
}
