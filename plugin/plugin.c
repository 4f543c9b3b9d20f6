/* plugin.c
 *
 * The plugin's entry points, and the one file that names every layer:
 * what Wireshark looks for in an epan plugin (wsutil/plugins.c: its
 * version, the Wireshark major.minor it was built for, the registration
 * entry point and, from 4.4 on, what kind of plugin it is), and the order
 * in which the layers register:
 *
 *   core       the "xmppws" protocol, its preferences, the message fields,
 *              the element tree, the secrets policy, the lower-layer facts
 *   xmpp       the XMPP interpreters, in pipeline order, and the pubsub
 *              payload list
 *   finesse    the "finesse" protocol, on the pubsub payload list, the HTTP
 *              XML body list and the pipeline
 *   transport  WebSocket, mid-session ports, deflate, the HTTP XML media
 *              types, BOSH
 *   views      the analysis views on the "xmppws" tap (sessions table, ...)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>

#include "compat.h"
#include "finesse.h"
#include "protocol.h"
#include "transport.h"
#include "version.h"
#include "views.h"
#include "xmpp.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = XMPPWS_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = XMPPWS_WIRESHARK_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = XMPPWS_WIRESHARK_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

XMPPWS_DEFINE_PLUGIN_DESCRIBE_DISSECTOR()

static void
register_layers(void)
{
    xmppws_core_register();
    xmppws_xmpp_register();
    finesse_register();
    xmppws_transport_register();
    xmppws_views_register();
}

static void
register_layer_handoffs(void)
{
    xmppws_core_register_handoff();
    finesse_register_handoff();
    xmppws_transport_register_handoff();
}

void
plugin_register(void)
{
    static proto_plugin plugin;

    plugin.register_protoinfo = register_layers;
    plugin.register_handoff = register_layer_handoffs;
    proto_register_plugin(&plugin);
}
