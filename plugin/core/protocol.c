/* protocol.c
 *
 * Registration of the xmppws protocol and of the core layer (see
 * protocol.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "protocol.h"

#include "connection.h"
#include "events.h"
#include "lower-layers.h"
#include "message.h"
#include "pipeline.h"
#include "secrets.h"
#include "tree.h"
#include "xmlmodel.h"

int proto_xmppws = -1;

typedef void (*apply_hook)(void);

static module_t *prefs_module;
static GArray   *apply_hooks;      /* of apply_hook, in the order they were added */

static void
apply_prefs(void)
{
    for (guint i = 0; apply_hooks && i < apply_hooks->len; i++)
        g_array_index(apply_hooks, apply_hook, i)();
}

void
xmppws_prefs_on_apply(void (*apply)(void))
{
    if (!apply_hooks)
        apply_hooks = g_array_new(FALSE, FALSE, (guint)sizeof(apply_hook));
    g_array_append_val(apply_hooks, apply);
}

module_t *
xmppws_prefs_module(void)
{
    return prefs_module;
}

void
xmppws_core_register(void)
{
    proto_xmppws = proto_register_protocol("XMPP over WebSocket", "XMPP/WS", "xmppws");
    prefs_module = prefs_register_protocol(proto_xmppws, apply_prefs);

    xmppws_connection_register();
    xmppws_events_register();
    xmppws_message_register(proto_xmppws);
    xmppws_pipeline_register(proto_xmppws);
    xmppws_tree_register(proto_xmppws);
    xmppws_secrets_register(prefs_module);
    xmppws_lower_layers_register(proto_xmppws);
    register_shutdown_routine(xm_parse_cleanup);
}

void
xmppws_core_register_handoff(void)
{
    xmppws_connection_register_handoff();
    xmppws_lower_layers_register_handoff();
}
