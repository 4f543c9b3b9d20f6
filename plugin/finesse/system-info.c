/* system-info.c
 *
 * Finesse <SystemInfo> data (SystemInfo feed): whether Finesse is
 * IN_SERVICE or OUT_OF_SERVICE (then REST answers 503 and no events come
 * until it is back), the deployment, the XMPP domains, the nodes and their
 * ports, the CTI link (heartbeats, CTI servers, maintenance modes), the
 * authentication mode, the clock. Everything else inside it is shown
 * generically.
 *
 * Source: docs/finesse-reference.md §6.6, §8 (CTI link lost).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <string.h>

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
static int hf_system_uri = -1;
static int hf_system_timezone_offset = -1;
static int hf_system_cti_heartbeat_status = -1;
static int hf_system_cti_heartbeat_time = -1;
static int hf_system_cti_heartbeat_interval = -1;
static int hf_system_cti_version = -1;
static int hf_system_cti_mmode = -1;
static int hf_system_cti_time_in_mmode = -1;
static int hf_system_finesse_mmode = -1;
static int hf_system_finesse_time_in_mmode = -1;
static int hf_system_auth_mode = -1;
static int hf_system_license = -1;
static int hf_system_peripheral_id = -1;
static int hf_node_https_port = -1;
static int hf_node_xmpp_port = -1;
static int hf_node_xmpp_secure_port = -1;
static int hf_cti_server_host = -1;
static int hf_cti_server_active = -1;
static int hf_cti_server_connected_duration = -1;

static gint ett_system = -1;
static gint ett_node = -1;
static gint ett_cti_servers = -1;
static gint ett_cti_server = -1;

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

static const string_string heartbeat_statuses[] = {
    { "success", "the CTI server confirmed Finesse's last heartbeat" },
    { "failure", "the CTI server did not confirm Finesse's last heartbeat" },
    { NULL, NULL }
};

/* docs/finesse-reference.md §6.6: ctiMMode and finesseMMode (empty: no
 * maintenance). */
static const string_string maintenance_modes[] = {
    { "INITIATING",  "maintenance requested, waiting for the CTI server" },
    { "IN_PROGRESS", "in maintenance: clients move to the other side" },
    { NULL, NULL }
};

static const string_string auth_modes[] = {
    { "SSO",     "single sign-on through the Cisco Identity Service" },
    { "NON_SSO", "user id and password" },
    { NULL, NULL }
};

static const finesse_child_spec node_children[] = {
    { "host",           FINESSE_TEXT,   NULL,                      NULL, NULL, FALSE },
    { "httpsPort",      FINESSE_NUMBER, &hf_node_https_port,       NULL, NULL, FALSE },
    { "xmppPort",       FINESSE_NUMBER, &hf_node_xmpp_port,        NULL, NULL, FALSE },
    { "xmppSecurePort", FINESSE_NUMBER, &hf_node_xmpp_secure_port, NULL, NULL, FALSE },
};

/* primaryNode / secondaryNode {host, httpsPort, xmppPort, xmppSecurePort}:
 * "Primary node finesse-a.example.test"; the host is `hf`. */
static void
add_node(finesse_update *u, proto_tree *tree, const xm_element *node, int *hf, const char *label)
{
    finesse_child_spec specs[G_N_ELEMENTS(node_children)];
    proto_tree        *sub;
    const char        *host = finesse_child_value(node, "host");

    memcpy(specs, node_children, sizeof specs);
    specs[0].hf = hf;
    sub = finesse_dissect_struct(u, tree, node, ett_node, label, specs, G_N_ELEMENTS(specs));
    if (host)
        proto_item_append_text(proto_tree_get_parent(sub), " %s", host);
}

static void
dissect_primary_node(finesse_update *u, proto_tree *tree, const xm_element *node)
{
    add_node(u, tree, node, &hf_system_primary_node, "Primary node");
}

static void
dissect_secondary_node(finesse_update *u, proto_tree *tree, const xm_element *node)
{
    add_node(u, tree, node, &hf_system_secondary_node, "Secondary node");
}

static const finesse_child_spec cti_server_children[] = {
    { "host",              FINESSE_TEXT,   &hf_cti_server_host,               NULL,       NULL, FALSE },
    { "connectedDuration", FINESSE_NUMBER, &hf_cti_server_connected_duration, NULL,       NULL, FALSE },
    { "active",            FINESSE_ENUM,   &hf_cti_server_active,             finesse_booleans, NULL, FALSE },
};

/* "CTI server cti-a.example.test (active)". */
static void
dissect_cti_server(finesse_update *u, proto_tree *tree, const xm_element *server)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, server, ett_cti_server, "CTI server", cti_server_children,
                                             G_N_ELEMENTS(cti_server_children));
    const char *active = finesse_child_text(server, "active");

    proto_item_append_text(proto_tree_get_parent(sub), " %s%s", finesse_or_unknown(finesse_child_text(server, "host")),
                           (active && g_str_equal(active, "true")) ? " (active)" : "");
}

static void
dissect_cti_servers(finesse_update *u, proto_tree *tree, const xm_element *servers)
{
    static const finesse_child_spec members[] = {
        { "ctiServer", FINESSE_STRUCT, NULL, NULL, dissect_cti_server, TRUE },
    };

    finesse_dissect_struct(u, tree, servers, ett_cti_servers, "CTI servers", members, G_N_ELEMENTS(members));
}

static const finesse_child_spec system_children[] = {
    { "status",                      FINESSE_ENUM,   &hf_system_status,                system_statuses,    NULL, FALSE },
    { "statusReason",                FINESSE_TEXT,   &hf_system_status_reason,         NULL,               NULL, FALSE },
    { "deploymentType",              FINESSE_ENUM,   &hf_system_deployment_type,       deployment_types,   NULL, FALSE },
    { "xmppDomain",                  FINESSE_TEXT,   &hf_system_xmpp_domain,           NULL,               NULL, FALSE },
    { "xmppPubSubDomain",            FINESSE_TEXT,   &hf_system_xmpp_pubsub_domain,    NULL,               NULL, FALSE },
    { "primaryNode",                 FINESSE_STRUCT, NULL, NULL, dissect_primary_node,                         FALSE },
    { "secondaryNode",               FINESSE_STRUCT, NULL, NULL, dissect_secondary_node,                       FALSE },
    { "currentTimestamp",            FINESSE_TEXT,   &hf_system_current_timestamp,     NULL,               NULL, FALSE },
    { "timezoneOffset",              FINESSE_NUMBER, &hf_system_timezone_offset,       NULL,               NULL, FALSE },
    { "uri",                         FINESSE_TEXT,   &hf_system_uri,                   NULL,               NULL, FALSE },
    { "lastCTIHeartbeatStatus",      FINESSE_ENUM,   &hf_system_cti_heartbeat_status,  heartbeat_statuses, NULL, FALSE },
    { "lastSuccessCTIHeartbeatTime", FINESSE_TEXT,   &hf_system_cti_heartbeat_time,    NULL,               NULL, FALSE },
    { "ctiHeartbeatInterval",        FINESSE_NUMBER, &hf_system_cti_heartbeat_interval, NULL,              NULL, FALSE },
    { "ctiVersion",                  FINESSE_NUMBER, &hf_system_cti_version,           NULL,               NULL, FALSE },
    { "ctiMMode",                    FINESSE_ENUM,   &hf_system_cti_mmode,             maintenance_modes,  NULL, FALSE },
    { "ctiTimeInMMode",              FINESSE_NUMBER, &hf_system_cti_time_in_mmode,     NULL,               NULL, FALSE },
    { "finesseMMode",                FINESSE_ENUM,   &hf_system_finesse_mmode,         maintenance_modes,  NULL, FALSE },
    { "finesseTimeInMMode",          FINESSE_NUMBER, &hf_system_finesse_time_in_mmode, NULL,               NULL, FALSE },
    { "systemAuthMode",              FINESSE_ENUM,   &hf_system_auth_mode,             auth_modes,         NULL, FALSE },
    { "license",                     FINESSE_TEXT,   &hf_system_license,               NULL,               NULL, FALSE },
    { "peripheralId",                FINESSE_TEXT,   &hf_system_peripheral_id,         NULL,               NULL, FALSE },
    { "ctiServers",                  FINESSE_STRUCT, NULL, NULL, dissect_cti_servers,                          FALSE },
};

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
    proto_tree *sub = finesse_dissect_struct(u, tree, system, ett_system, "SystemInfo", system_children,
                                             G_N_ELEMENTS(system_children));
    const char *status = finesse_child_text(system, "status");
    proto_item *ti = proto_tree_get_parent(sub);

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
        { &hf_system_uri,
          { "SystemInfo URI", "finesse.system.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo uri: /finesse/api/SystemInfo", HFILL }},
        { &hf_system_timezone_offset,
          { "Time zone offset", "finesse.system.timezone_offset", FT_INT32, BASE_DEC, NULL, 0x0,
            "SystemInfo timezoneOffset: the Finesse server's offset from UTC, in minutes", HFILL }},
        { &hf_system_cti_heartbeat_status,
          { "Last CTI heartbeat status", "finesse.system.cti_heartbeat_status", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo lastCTIHeartbeatStatus: success or failure of Finesse's last heartbeat to the CTI server",
            HFILL }},
        { &hf_system_cti_heartbeat_time,
          { "Last successful CTI heartbeat", "finesse.system.cti_heartbeat_time", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo lastSuccessCTIHeartbeatTime: when the CTI server last confirmed a heartbeat", HFILL }},
        { &hf_system_cti_heartbeat_interval,
          { "CTI heartbeat interval", "finesse.system.cti_heartbeat_interval", FT_INT32, BASE_DEC, NULL, 0x0,
            "SystemInfo ctiHeartbeatInterval: seconds between heartbeats to the CTI server", HFILL }},
        { &hf_system_cti_version,
          { "CTI version", "finesse.system.cti_version", FT_INT32, BASE_DEC, NULL, 0x0,
            "SystemInfo ctiVersion: the CTI protocol version Finesse speaks to the CTI server", HFILL }},
        { &hf_system_cti_mmode,
          { "CTI maintenance mode", "finesse.system.cti_mmode", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo ctiMMode: INITIATING or IN_PROGRESS while the CTI server is in maintenance (UCCE 12.6+)",
            HFILL }},
        { &hf_system_cti_time_in_mmode,
          { "CTI time in maintenance", "finesse.system.cti_time_in_mmode", FT_INT32, BASE_DEC, NULL, 0x0,
            "SystemInfo ctiTimeInMMode: seconds the CTI server has been in maintenance (negative: not in it)",
            HFILL }},
        { &hf_system_finesse_mmode,
          { "Finesse maintenance mode", "finesse.system.finesse_mmode", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo finesseMMode: IN_PROGRESS while Finesse is in maintenance (empty: not initiated)", HFILL }},
        { &hf_system_finesse_time_in_mmode,
          { "Finesse time in maintenance", "finesse.system.finesse_time_in_mmode", FT_INT32, BASE_DEC, NULL, 0x0,
            "SystemInfo finesseTimeInMMode: seconds Finesse has been in maintenance (negative: not in it)", HFILL }},
        { &hf_system_auth_mode,
          { "Authentication mode", "finesse.system.auth_mode", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo systemAuthMode: SSO or NON_SSO", HFILL }},
        { &hf_system_license,
          { "License", "finesse.system.license", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo license", HFILL }},
        { &hf_system_peripheral_id,
          { "Peripheral id", "finesse.system.peripheral_id", FT_STRING, BASE_NONE, NULL, 0x0,
            "SystemInfo peripheralId: the UCCE peripheral (PG) Finesse serves", HFILL }},
        { &hf_node_https_port,
          { "HTTPS port", "finesse.system.node.https_port", FT_UINT32, BASE_DEC, NULL, 0x0,
            "primaryNode/secondaryNode httpsPort: the node's HTTPS (REST) port", HFILL }},
        { &hf_node_xmpp_port,
          { "XMPP port", "finesse.system.node.xmpp_port", FT_UINT32, BASE_DEC, NULL, 0x0,
            "primaryNode/secondaryNode xmppPort: the node's plain XMPP port", HFILL }},
        { &hf_node_xmpp_secure_port,
          { "XMPP secure port", "finesse.system.node.xmpp_secure_port", FT_UINT32, BASE_DEC, NULL, 0x0,
            "primaryNode/secondaryNode xmppSecurePort: the node's XMPP-over-TLS port", HFILL }},
        { &hf_cti_server_host,
          { "CTI server", "finesse.system.cti_server.host", FT_STRING, BASE_NONE, NULL, 0x0,
            "ctiServers/ctiServer/host: a CTI server Finesse can connect to", HFILL }},
        { &hf_cti_server_active,
          { "CTI server active", "finesse.system.cti_server.active", FT_STRING, BASE_NONE, NULL, 0x0,
            "ctiServers/ctiServer/active: true for the CTI server Finesse is connected to", HFILL }},
        { &hf_cti_server_connected_duration,
          { "CTI server connected duration", "finesse.system.cti_server.connected_duration", FT_INT32, BASE_DEC,
            NULL, 0x0, "ctiServers/ctiServer/connectedDuration: how long Finesse has been connected to it", HFILL }},
    };
    static gint *ett[] = {
        &ett_system,
        &ett_node,
        &ett_cti_servers,
        &ett_cti_server,
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
