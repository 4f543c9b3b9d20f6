/* test_framing.c
 *
 * Unit tests of message recognition (plugin/framing.c): what the heuristic
 * claims as XMPP, and what it must leave to other dissectors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "framing.h"
#include "xmlscan.h"

typedef struct {
    const char  *message;
    framing_kind expected;
} case_t;

static framing_kind
classify(const char *msg, framing_info *fi)
{
    return framing_classify((const guint8 *)msg, (guint32)strlen(msg), fi);
}

static void
check_cases(const case_t *cases, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        framing_info fi;
        framing_kind got = classify(cases[i].message, &fi);
        if (got != cases[i].expected)
            g_error("\"%s\": classified %d, expected %d", cases[i].message, got, cases[i].expected);
    }
}

static void
test_xmpp_is_claimed(void)
{
    static const case_t cases[] = {
        { "<open xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\" to=\"finesse.example.test\" version=\"1.0\"/>", FRAMING_ELEMENTS },
        { "<close xmlns=\"urn:ietf:params:xml:ns:xmpp-framing\"/>", FRAMING_ELEMENTS },
        { "<stream:features xmlns:stream=\"http://etherx.jabber.org/streams\"><bind/></stream:features>", FRAMING_ELEMENTS },
        { "<features xmlns=\"http://etherx.jabber.org/streams\"/>", FRAMING_ELEMENTS },
        { "<stream:features><bind/></stream:features>", FRAMING_ELEMENTS },
        { "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>", FRAMING_ELEMENTS },
        { "<auth xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\" mechanism=\"PLAIN\">AGEAYg==</auth>", FRAMING_ELEMENTS },
        { "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>", FRAMING_ELEMENTS },
        { "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>", FRAMING_ELEMENTS },
        { "<iq xmlns=\"jabber:client\" type=\"get\"", FRAMING_ELEMENTS },        /* truncated: still ours */
        { "\n <presence xmlns='jabber:client'/>", FRAMING_ELEMENTS },
        { "<message to='a@b'><body>x</body></message>", FRAMING_ELEMENTS },
        { "<r xmlns='urn:xmpp:sm:3'/>", FRAMING_ELEMENTS },
        { "<a xmlns='urn:xmpp:sm:3' h='5'/>", FRAMING_ELEMENTS },
        { "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", FRAMING_ELEMENTS },
        { "<presence/><iq type='get' id='p1'/>", FRAMING_ELEMENTS },
        { "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='x'/>", FRAMING_ELEMENTS },
        { " ", FRAMING_WHITESPACE },
        { "\r\n\t ", FRAMING_WHITESPACE },
        { "</stream:stream>", FRAMING_STREAM_END },
        { " </stream:stream >\n", FRAMING_STREAM_END },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void
test_other_traffic_is_not_claimed(void)
{
    static const case_t cases[] = {
        { "", FRAMING_NOT_XMPP },
        { "{\"type\":\"hello\"}", FRAMING_NOT_XMPP },
        { "REGISTER sip:example.test SIP/2.0\r\nVia: SIP/2.0/WSS x\r\n\r\n", FRAMING_NOT_XMPP },
        { "<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"/>", FRAMING_NOT_XMPP },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"1\"/></svg>", FRAMING_NOT_XMPP },
        { "<html><body>hi</body></html>", FRAMING_NOT_XMPP },
        { "<a href=\"x\">link</a>", FRAMING_NOT_XMPP },
        { "<a xmlns='urn:other' h='5'/>", FRAMING_NOT_XMPP },
        { "<message xmlns='urn:example:chat'><body>x</body></message>", FRAMING_NOT_XMPP },
        { "<x:message xmlns:x='jabber:client'/>", FRAMING_NOT_XMPP },
        { "<features/>", FRAMING_NOT_XMPP },
        { "<open/>", FRAMING_NOT_XMPP },
        { "<x:stream xmlns:x='urn:other'>", FRAMING_NOT_XMPP },
        { "</body>", FRAMING_NOT_XMPP },
        { "hello", FRAMING_NOT_XMPP },
        { "\x89PNG\r\n\x1a\n", FRAMING_NOT_XMPP },
    };
    check_cases(cases, G_N_ELEMENTS(cases));
}

static void
test_legacy_stream_header(void)
{
    framing_info fi;
    const char *decl = "<?xml version='1.0'?>";
    const char *msg = "<?xml version='1.0'?><stream:stream to='finesse.example.test' xmlns='jabber:client' "
                      "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";

    g_assert_cmpint(classify(msg, &fi), ==, FRAMING_STREAM_HEADER);
    g_assert_cmpuint(fi.skip, ==, strlen(decl));
    g_assert_cmpstr(fi.stream_qname, ==, "stream:stream");

    g_assert_cmpint(classify("<s:stream xmlns:s='http://etherx.jabber.org/streams'><s:features/>", &fi), ==,
                    FRAMING_STREAM_HEADER);
    g_assert_cmpstr(fi.stream_qname, ==, "s:stream");

    /* A complete stream document is just elements. */
    g_assert_cmpint(classify("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'></stream:stream>", &fi), ==,
                    FRAMING_ELEMENTS);
    g_assert_cmpint(classify("</stream:stream>", &fi), ==, FRAMING_STREAM_END);
    g_assert_cmpstr(fi.stream_qname, ==, "stream:stream");
}

/* A DOCTYPE (forbidden in XMPP) does not hide the stanza after it from the
 * classification, but is left in the message for the parse to report. */
static void
test_doctype_is_looked_past(void)
{
    const char *msg = "<?xml version='1.0'?><!DOCTYPE m [<!ENTITY a \"x>y\"> <!ENTITY b 'c]>'>]>"
                      "<iq xmlns='jabber:client' type='get'/>";
    framing_info fi;

    g_assert_cmpint(framing_classify((const guint8 *)msg, (guint32)strlen(msg), &fi), ==, FRAMING_ELEMENTS);
    g_assert_cmpuint(fi.skip, ==, strlen("<?xml version='1.0'?>"));
    g_assert_cmpuint(xs_prolog_length((const guint8 *)msg, (guint32)strlen(msg)), ==,
                     strstr(msg, "<iq") - msg);
    g_assert_cmpuint(xs_prolog_length((const guint8 *)"<!DOCTYPE m [", 13), ==, 0);
    g_assert_cmpint(framing_classify((const guint8 *)"<!DOCTYPE m [", 13, &fi), ==, FRAMING_NOT_XMPP);
}

static void
test_only_start_is_scanned(void)
{
    /* A huge message costs no more than its first start tag. */
    gsize n = 10 * 1024 * 1024;
    char *big = g_malloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, "<message", 8);
    big[n] = '\0';
    framing_info fi;
    g_assert_cmpint(framing_classify((const guint8 *)big, (guint32)n, &fi), ==, FRAMING_ELEMENTS);
    memset(big, ' ', n);
    g_assert_cmpint(framing_classify((const guint8 *)big, (guint32)n, &fi), ==, FRAMING_NOT_XMPP);
    g_free(big);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/framing/xmpp_is_claimed", test_xmpp_is_claimed);
    g_test_add_func("/framing/other_traffic_is_not_claimed", test_other_traffic_is_not_claimed);
    g_test_add_func("/framing/legacy_stream_header", test_legacy_stream_header);
    g_test_add_func("/framing/only_start_is_scanned", test_only_start_is_scanned);
    g_test_add_func("/framing/doctype_is_looked_past", test_doctype_is_looked_past);
    return g_test_run();
}
