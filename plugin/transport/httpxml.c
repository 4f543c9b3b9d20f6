/* httpxml.c
 *
 * The one owner of the HTTP XML media types in xmppws. The HTTP dissector
 * hands a body to the dissector registered in its "media_type" table for
 * the body's Content-Type, and tries its "http" heuristics only when there
 * is none or it returns 0. text/xml (what BOSH uses, XEP-0124 §7) and
 * application/xml belong to Wireshark's XML dissector, which takes every
 * body, so no heuristic would ever see a BOSH body. This file therefore
 * takes both types and offers each body to the dissectors on its heuristic
 * list XMPPWS_HTTP_XML_LIST (core/http-body.h): BOSH, and REST requests of
 * a product that carries XMPP. A body none of them takes goes to the XML
 * dissector unchanged. The router itself belongs to no protocol, so that
 * with xmppws disabled every body still reaches the XML dissector (the
 * dissectors on the list are disabled with their protocols).
 *
 * Specs: RFC 9110 §8.3 (Content-Type), RFC 7303 (XML media types).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parts.h"

#include "compat.h"
#include "http-body.h"
#include "keys.h"
#include "message.h"
#include "protocol.h"

static dissector_handle_t httpxml_handle;
static dissector_handle_t xml_handle;
static heur_dissector_list_t body_dissectors;

static int
dissect_http_xml(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    /* Bodies of one frame are numbered in the order HTTP hands them over. */
    xmppws_http_body   body = { data, xmppws_count_in_frame(pinfo, xmppws_key(XMPPWS_KEY_HTTP_BODY_COUNT, 0, 0)) };
    heur_dtbl_entry_t *entry;

    if (dissector_try_heuristic(body_dissectors, tvb, pinfo, tree, &entry, &body))
        return tvb_captured_length(tvb);
    return xml_handle ? call_dissector_with_data(xml_handle, tvb, pinfo, tree, data) : 0;
}

void
xmppws_httpxml_register(void)
{
    httpxml_handle = register_dissector_with_description("xmppws_http_xml", "XML body of an HTTP message (BOSH, "
                                                         "REST requests, or plain XML)", dissect_http_xml, -1);
    body_dissectors = xmppws_register_heur_list(XMPPWS_HTTP_XML_LIST, "XML body of an HTTP message", proto_xmppws);
}

void
xmppws_httpxml_register_handoff(void)
{
    xml_handle = find_dissector_add_dependency("xml", proto_xmppws);
    dissector_add_string("media_type", "text/xml", httpxml_handle);
    dissector_add_string("media_type", "application/xml", httpxml_handle);
}
