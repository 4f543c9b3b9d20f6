/* rest.c
 *
 * Links a Finesse notification to the REST request that caused it. The
 * desktop sends each state change or call action as an HTTP request to
 * /finesse/api/... with a `requestId` header; Finesse copies that header
 * into the <requestId> of the <Update> it publishes in answer (empty when
 * the Update was unsolicited). When the capture holds both (the REST calls
 * decrypted, or in clear), the Update gets `finesse.rest_request_in` and
 * the request gets `finesse.rest.update_in`; a request that no Update in
 * the capture answered gets an expert note.
 *
 * Way in: the transport layer's list of HTTP XML bodies
 * (core/http-body.h). A request with a requestId header is taken: its
 * Finesse item is added, and its body is handed to Wireshark's XML
 * dissector as it would have been otherwise. The requestId is kept per
 * body on the first pass: Wireshark 4.6 hands no headers on later passes.
 *
 * Both maps are filled on the first pass, in capture order; the links and
 * the expert that need the whole capture appear on later passes (the GUI
 * after loading, tshark with -2).
 *
 * Source: docs/finesse-reference.md §9.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "layer.h"

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "compat.h"
#include "http-body.h"
#include "keys.h"

static int hf_rest_request_id = -1;
static int hf_rest_update_in = -1;
static int hf_rest_request_in = -1;
static gint ett_rest = -1;
static expert_field ei_rest_no_update = EI_INIT;

static dissector_handle_t xml_handle;

static wmem_map_t *request_frames;    /* requestId -> frame of the REST request (first seen) */
static wmem_map_t *update_frames;     /* requestId -> frame of the first Update carrying it */

/* Remembers the first frame for `request_id`; first pass only. */
static void
remember(wmem_map_t *frames, packet_info *pinfo, const char *request_id)
{
    if (PINFO_FD_VISITED(pinfo) || wmem_map_contains(frames, request_id))
        return;
    wmem_map_insert(frames, wmem_strdup(wmem_file_scope(), request_id), GUINT_TO_POINTER(pinfo->num));
}

static guint32
frame_of(wmem_map_t *frames, const char *request_id)
{
    return GPOINTER_TO_UINT(wmem_map_lookup(frames, request_id));
}

/* The requestId header of the body's HTTP request: from the headers on the
 * first pass, kept for the later ones. NULL when there is none. */
static const char *
request_id_of(const xmppws_http_body *body, packet_info *pinfo)
{
    guint32     key = xmppws_key(XMPPWS_KEY_HTTP_BODY_STATE, body->index, 0);
    const char *request_id;

    if (PINFO_FD_VISITED(pinfo))
        return (const char *)p_get_proto_data(wmem_file_scope(), pinfo, proto_finesse, key);
    if (!xmppws_http_body_in_request(body) || !(request_id = xmppws_http_body_header(body, "requestid")))
        return NULL;
    request_id = wmem_strdup(wmem_file_scope(), request_id);
    p_add_proto_data(wmem_file_scope(), pinfo, proto_finesse, key, (void *)request_id);
    return request_id;
}

static void
add_request(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const char *request_id)
{
    proto_item *ti;
    proto_tree *sub;
    guint32     update;

    remember(request_frames, pinfo, request_id);
    ti = proto_tree_add_protocol_format(tree, proto_finesse, tvb, 0, 0, "Cisco Finesse REST request, requestId %s",
                                        request_id);
    sub = proto_item_add_subtree(ti, ett_rest);
    proto_item_set_generated(proto_tree_add_string(sub, hf_rest_request_id, tvb, 0, 0, request_id));
    update = frame_of(update_frames, request_id);
    if (update)
        proto_item_set_generated(proto_tree_add_uint(sub, hf_rest_update_in, tvb, 0, 0, update));
    else if (PINFO_FD_VISITED(pinfo))
        expert_add_info_format(pinfo, ti, &ei_rest_no_update,
                               "No Finesse Update in this capture carries requestId %s: the change may never "
                               "have been confirmed by the CTI server", request_id);
}

/* The list of HTTP XML bodies: a request with a requestId header. */
static xmppws_heur_result
dissect_request(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    const xmppws_http_body *body = (const xmppws_http_body *)data;
    const char             *request_id = request_id_of(body, pinfo);

    if (!request_id)
        return FALSE;
    add_request(tvb, pinfo, tree, request_id);
    if (xml_handle)
        call_dissector_with_data(xml_handle, tvb, pinfo, tree, (void *)body->http);
    return TRUE;
}

void
finesse_rest_link_update(finesse_update *u, proto_tree *tree, const char *request_id)
{
    guint32 request;

    if (!request_id || !*request_id || u->published)
        return;
    remember(update_frames, u->msg.pinfo, request_id);
    request = frame_of(request_frames, request_id);
    if (request)
        proto_item_set_generated(proto_tree_add_uint(tree, hf_rest_request_in, u->msg.tvb, 0, 0, request));
}

void
finesse_rest_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_rest_request_id,
          { "REST request id", "finesse.rest.request_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "requestId header of a REST request to Finesse; the Update it causes carries the same value", HFILL }},
        { &hf_rest_update_in,
          { "Update in", "finesse.rest.update_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0,
            "Frame of the first Finesse notification carrying this request's requestId", HFILL }},
        { &hf_rest_request_in,
          { "REST request in", "finesse.rest_request_in", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "Frame of the REST request whose requestId header this Update carries", HFILL }},
    };
    static gint *ett[] = {
        &ett_rest,
    };
    static ei_register_info ei[] = {
        { &ei_rest_no_update,
          { "finesse.expert.rest_no_update", PI_SEQUENCE, PI_WARN,
            "No Finesse Update in the capture carries this REST request's requestId", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
    request_frames = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
    update_frames = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_str_hash, g_str_equal);
}

void
finesse_rest_register_handoff(int proto)
{
    xml_handle = find_dissector_add_dependency("xml", proto);
    heur_dissector_add(XMPPWS_HTTP_XML_LIST, dissect_request, "Cisco Finesse REST request (requestId)",
                       "finesse_rest", proto, HEURISTIC_ENABLE);
}
