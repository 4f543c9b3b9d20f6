/* plugin.c
 *
 * The four symbols Wireshark 4.0 looks for in an epan plugin
 * (wsutil/plugins.c): the plugin's version, the Wireshark major.minor it
 * was built for, and the registration entry point.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>

#include "version.h"

void proto_register_xmppws(void);
void proto_reg_handoff_xmppws(void);

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = XMPPWS_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = XMPPWS_WIRESHARK_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = XMPPWS_WIRESHARK_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void
plugin_register(void)
{
    static proto_plugin plugin;

    plugin.register_protoinfo = proto_register_xmppws;
    plugin.register_handoff = proto_reg_handoff_xmppws;
    proto_register_plugin(&plugin);
}
