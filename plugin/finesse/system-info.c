/* system-info.c
 *
 * Finesse <SystemInfo> data (SystemInfo feed): whether Finesse is
 * IN_SERVICE or OUT_OF_SERVICE (then REST answers 503 and no events come
 * until it is back), the deployment, the XMPP domains and the nodes.
 * Everything else inside it is shown generically.
 *
 * Source: docs/finesse-reference.md §6.6, §8 (CTI link lost).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <epan/expert.h>

#include "layer.h"

static int hf_system_status = -1;
static int hf_system_status_reason = -1;
static int hf_system_deployment_type = -1;
static int hf_system_xmpp_domain = -1;
static int hf_system_xmpp_pubsub_domain = -1;
static int hf_system_primary_node = -1;
static int hf_system_secondary_node = -1;
static int hf_system_current_timestamp = -1;

static gint ett_system = -1;
static gint ett_node = -1;

static expert_field ei_not_in_service = EI_INIT;

/* docs/finesse-reference.md §6.6: the statuses of the SystemInfo object;
 * PARTIAL_SERVICE appears only in the descriptions of REST errors. */
static const string_string system_statuses[] = {
    { "IN_SERVICE",      "Finesse is working: REST requests and notifications" },
    { "OUT_OF_SERVICE",  "Finesse is not working, e.g. the CTI link is lost: REST answers 503, no events" },
    { "PARTIAL_SERVICE", "named only in REST error descriptions: some Finesse services are not available" },
    { NULL, NULL }
};

static const string_string deployment_types[] = {
    { "UCCE", "Unified Contact Center Enterprise" },
    { "UCCX", "Unified Contact Center Express" },
    { NULL, NULL }
};

static const char *const system_decoded[] = {
    "status", "statusReason", "deploymentType", "xmppDomain", "xmppPubSubDomain", "primaryNode",
    "secondaryNode", "currentTimestamp", NULL
};
static const char *const node_decoded[] = { "host", NULL };

/* primaryNode / secondaryNode {host, httpsPort, xmppPort, ...}: the host as
 * a field, the rest generically. */
static void
add_node(finesse_update *u, proto_tree *tree, int hf, const xm_element *system, const char *name,
         const char *label)
{
    const xm_element *node = finesse_child(system, name);
    const char *host;
    proto_tree *sub;

    if (!node)
        return;
    sub = finesse_subtree(u, tree, node, ett_node, label);
    host = finesse_add_child_text(u, sub, hf, node, "host");
    if (!host && node->text_len) {
        proto_tree_add_string(sub, hf, u->msg.tvb, node->content.offset, node->content.length, node->text);
        host = node->text;
    }
    if (host)
        proto_item_append_text(proto_tree_get_parent(sub), " %s", host);
    finesse_add_undecoded(u, sub, node, node_decoded);
}

static void
note_not_in_service(finesse_update *u, proto_item *ti, const char *status)
{
    if (g_ascii_strcasecmp(status, "OUT_OF_SERVICE") == 0)
        expert_add_info_format(u->msg.pinfo, ti, &ei_not_in_service,
                               "Finesse OUT_OF_SERVICE: no events until IN_SERVICE; REST answers 503");
    else if (g_ascii_strcasecmp(status, "PARTIAL_SERVICE") == 0)
        expert_add_info_format(u->msg.pinfo, ti, &ei_not_in_service,
                               "Finesse PARTIAL_SERVICE: some services are not available");
}

void
finesse_decode_system_info(finesse_update *u, proto_tree *tree, const xm_element *system)
{
    proto_tree *sub = finesse_subtree(u, tree, system, ett_system, "SystemInfo");
    const char *status;
    proto_item *ti;

    status = finesse_add_child_enum(u, sub, hf_system_status, system, "status", system_statuses);
    finesse_add_child_text(u, sub, hf_system_status_reason, system, "statusReason");
    finesse_add_child_enum(u, sub, hf_system_deployment_type, system, "deploymentType", deployment_types);
    finesse_add_child_text(u, sub, hf_system_xmpp_domain, system, "xmppDomain");
    finesse_add_child_text(u, sub, hf_system_xmpp_pubsub_domain, system, "xmppPubSubDomain");
    add_node(u, sub, hf_system_primary_node, system, "primaryNode", "Primary node");
    add_node(u, sub, hf_system_secondary_node, system, "secondaryNode", "Secondary node");
    finesse_add_child_text(u, sub, hf_system_current_timestamp, system, "currentTimestamp");
    finesse_add_undecoded(u, sub, system, system_decoded);

    ti = proto_tree_get_parent(sub);
    proto_item_append_text(ti, " %s", finesse_or_unknown(status));
    wmem_strbuf_append_printf(u->info, " SystemInfo %s", finesse_or_unknown(status));
    if (status)
        note_not_in_service(u, ti, status);
}

void
finesse_system_info_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_system_status,
          { "System status", "finesse.system.status", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo status: IN_SERVICE, OUT_OF_SERVICE (REST answers 503, no events), PARTIAL_SERVICE",
            HFILL }},
        { &hf_system_status_reason,
          { "Status reason", "finesse.system.status_reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo statusReason: why Finesse is not in service", HFILL }},
        { &hf_system_deployment_type,
          { "Deployment type", "finesse.system.deployment_type", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo deploymentType: UCCE or UCCX", HFILL }},
        { &hf_system_xmpp_domain,
          { "XMPP domain", "finesse.system.xmpp_domain", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo xmppDomain: the domain of the users' JIDs", HFILL }},
        { &hf_system_xmpp_pubsub_domain,
          { "XMPP pubsub domain", "finesse.system.xmpp_pubsub_domain", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo xmppPubSubDomain: the pubsub service that sends the notifications", HFILL }},
        { &hf_system_primary_node,
          { "Primary node", "finesse.system.primary_node", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo primaryNode/host: the primary Finesse server", HFILL }},
        { &hf_system_secondary_node,
          { "Secondary node", "finesse.system.secondary_node", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo secondaryNode/host: the secondary Finesse server", HFILL }},
        { &hf_system_current_timestamp,
          { "Current timestamp", "finesse.system.current_timestamp", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo currentTimestamp: the Finesse server's clock", HFILL }},
    };
    static gint *ett[] = {
        &ett_system,
        &ett_node,
    };
    static ei_register_info ei[] = {
        { &ei_not_in_service,
          { "finesse.expert.not_in_service", PI_RESPONSE_CODE, PI_WARN,
            "Finesse is not in service", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
