/* finesse.c
 *
 * The "Cisco Finesse Notification" protocol (see finesse.h) and its way
 * in: a decoder on the XMPP layer's pubsub payload list. A payload is a
 * Finesse Update when it is a <notification> (or any element) whose text
 * is an escaped <Update> document, or that holds an <Update> child. The
 * escaped text has already been unescaped once by the parse layer: it
 * becomes a data source of its own ("Finesse Update") and is parsed a
 * second time, so every finesse.* field highlights its own bytes there. An
 * Update sent as child XML is decoded in place. Either way the protocol's
 * item is a top-level one, beside the XMPP message that carried it.
 *
 * Source: docs/finesse-reference.md §4.3 (the event message), §5 (the
 * envelope and its escaping).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "finesse.h"

#include <string.h>

#include "compat.h"
#include "decoders.h"
#include "layer.h"
#include "xmlscan.h"
#include "xmpp.h"

int proto_finesse = -1;

/* The escaped payload: a data source of its own, parsed again. */
static const char *
dissect_escaped(finesse_update *u, const xm_element *payload, proto_tree *tree)
{
    const guint8 *text = (const guint8 *)payload->text;
    guint32       len = (guint32)payload->text_len;
    tvbuff_t     *tvb = tvb_new_child_real_data(u->msg.tvb, text, len, (gint)len);
    xm_parse_opts opts = { xs_xml_declaration_length(text, len), NULL };
    xm_span       whole = { 0, len };
    xm_doc       *doc;

    add_new_data_source(u->msg.pinfo, tvb, "Finesse Update");
    u->msg.tvb = tvb;
    doc = xm_parse(u->msg.pinfo->pool, text, len, &opts);
    u->update = (doc->first && finesse_name_is(doc->first->name, "Update")) ? doc->first : NULL;
    return finesse_envelope_dissect(u, tree, doc, whole);
}

/* The pubsub payload list: a Finesse Update, escaped or as child XML. */
static xmppws_heur_result
dissect_payload(tvbuff_t *tvb _U_, packet_info *pinfo _U_, proto_tree *tree, void *data)
{
    xmppws_pubsub_payload *offered = (xmppws_pubsub_payload *)data;
    const xm_element      *payload = offered->payload;
    const xm_element      *child = finesse_child(payload, "Update");
    finesse_update         u;

    if (!child && !(payload->text_len &&
                    xs_first_element_is((const guint8 *)payload->text, (guint32)payload->text_len, "Update", TRUE)))
        return FALSE;
    memset(&u, 0, sizeof u);
    u.msg = *offered->msg;
    u.node = offered->node;
    u.index = offered->index;
    u.published = offered->published;
    /* A client's publish is not an event Finesse delivered: its Info says so. */
    u.info = wmem_strbuf_new(u.msg.pinfo->pool, u.published ? "Finesse publish:" : "Finesse");
    u.tap.reason_code_id = -1;
    finesse_desktop_note_traffic(offered->msg);
    if (child) {
        u.update = child;
        offered->info = finesse_envelope_dissect(&u, tree, NULL, child->span);
    } else {
        offered->info = dissect_escaped(&u, payload, tree);
    }
    return TRUE;
}

void
finesse_register(void)
{
    proto_finesse = proto_register_protocol("Cisco Finesse Notification", "Finesse", "finesse");
    finesse_helpers_register(proto_finesse);
    finesse_envelope_register(proto_finesse);
    finesse_decoders_register(proto_finesse);
    finesse_desktop_register(proto_finesse);
    finesse_rest_register(proto_finesse);
    finesse_stats_register();
}

void
finesse_register_handoff(void)
{
    heur_dissector_add(XMPPWS_PUBSUB_PAYLOAD_LIST, dissect_payload, "Cisco Finesse notification (Update)",
                       "finesse_pubsub", proto_finesse, HEURISTIC_ENABLE);
    finesse_rest_register_handoff(proto_finesse);
}
