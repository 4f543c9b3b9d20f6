/* test_summary.c
 *
 * Unit tests of the one-line summaries (plugin/summary.c) that make up the
 * Info column, on messages shaped like the Finesse desktop's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <libxml/parser.h>

#include "summary.h"

static wmem_allocator_t *arena;

static const char *
summary_of(const char *msg)
{
    xm_doc *doc = xm_parse(arena, (const guint8 *)msg, (guint32)strlen(msg), NULL);
    g_assert_cmpint(doc->status, ==, XM_OK);
    return xmppws_summary(arena, doc->first);
}

static void
test_summaries(void)
{
    static const struct {
        const char *message;
        const char *summary;
    } cases[] = {
        { "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='finesse.example.test' version='1.0'/>",
          "open to=finesse.example.test" },
        { "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='finesse.example.test' id='s1' version='1.0'/>",
          "open from=finesse.example.test id=s1" },
        { "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", "close" },
        { "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AA==</auth>", "SASL auth PLAIN" },
        { "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>",
          "SASL failure not-authorized" },
        { "<stream:features xmlns:stream='http://etherx.jabber.org/streams'><mechanisms/><bind/></stream:features>",
          "features (mechanisms, bind)" },
        { "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
          "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>", "stream error conflict" },
        { "<iq type='set' id='_bind_auth_2' xmlns='jabber:client'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
          "<resource>desktop</resource></bind></iq>", "iq set _bind_auth_2 (bind)" },
        { "<iq type='set' id='u:subscribenode' to='pubsub.x'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
          "<subscribe node='/finesse/api/User/1001' jid='1001@x/desktop'/></pubsub></iq>",
          "iq set u:subscribenode (pubsub subscribe /finesse/api/User/1001)" },
        { "<iq type='result' id='p'/>", "iq result p" },
        { "<presence xmlns='jabber:client'/>", "presence" },
        { "<presence type='unavailable'/>", "presence unavailable" },
        { "<presence><show>away</show></presence>", "presence away" },
        { "<message from='pubsub.x' to='1001@x'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
          "<items node='/finesse/api/User/1001'><item id='1'/></items></event></message>",
          "message from pubsub.x (event /finesse/api/User/1001)" },
        { "<message type='chat'><body>hi</body></message>", "message chat (body)" },
        { "<a xmlns='urn:xmpp:sm:3' h='7'/>", "SM a h=7" },
        { "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "starttls" },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++)
        g_assert_cmpstr(summary_of(cases[i].message), ==, cases[i].summary);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    xmlInitParser();
    arena = wmem_allocator_new(WMEM_ALLOCATOR_STRICT);
    g_test_add_func("/summary/summaries", test_summaries);
    int rc = g_test_run();
    wmem_destroy_allocator(arena);
    return rc;
}
