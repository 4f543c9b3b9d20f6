/* compat.h
 *
 * Every difference between the Wireshark releases xmppws supports that the
 * code meets, in one place; no other file tests the version. Supported:
 * 4.0 (Debian 12), 4.4 (Debian 13), 4.6 (Debian sid, the newest line).
 *
 *   - 4.2 made a field's value a pointer (field_info.value);
 *   - 4.4 made heuristic dissectors and boolean preferences use C99 bool,
 *     moved what the HTTP dissector hands to media-type dissectors from
 *     http_message_info_t (packet-http.h) to media_content_info_t
 *     (packet-media-type.h), added a description to heuristic lists, and
 *     wants plugins to say what they are (plugin_describe());
 *   - 4.4: a follower (Follow Stream) tells its number of streams and
 *     sub-streams;
 *   - 4.6 made the "websocket" handle the HTTP-upgrade entry: a TCP port is
 *     handed to the WebSocket dissector through "websocket_tcp".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_COMPAT_H
#define XMPPWS_COMPAT_H

#include <stdbool.h>

#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_version.h>

#define XMPPWS_WIRESHARK_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
#include <epan/dissectors/packet-media-type.h>
#else
#include <epan/dissectors/packet-http.h>
#endif

/* ---- the Statistics menu ------------------------------------------------ */

/* The start of every statistics table's title. 4.6's GUI makes each '/' in
 * such a title a submenu (4.0 and 4.4 list titles as they are, sorted), so
 * the plugin's tables share Statistics > XMPP over WebSocket on 4.6, and
 * sit together as "XMPP/WS ..." entries on 4.0 and 4.4. tshark prints the
 * whole title. */
#if XMPPWS_WIRESHARK_AT_LEAST(4, 6)
#define XMPPWS_STATISTICS_PREFIX "XMPP over WebSocket/"
#else
#define XMPPWS_STATISTICS_PREFIX "XMPP/WS "
#endif

/* ---- heuristic dissectors and their lists ---------------------------- */

#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
typedef bool xmppws_heur_result;
#define xmppws_register_heur_list(name, description, proto) \
    register_heur_dissector_list_with_description((name), (description), (proto))
#else
typedef gboolean xmppws_heur_result;
#define xmppws_register_heur_list(name, description, proto) \
    register_heur_dissector_list((name), (proto))
#endif

/* ---- boolean preferences --------------------------------------------- */

#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
typedef bool xmppws_pref_bool;
#else
typedef gboolean xmppws_pref_bool;
#endif

/* ---- Follow Stream ------------------------------------------------------- */

#include <epan/follow.h>

/* register_follow_stream(); from 4.4 on with the follower's stream count
 * and sub-stream function (none here: a connection has no sub-streams). */
#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
#define xmppws_register_follow_stream(proto, tap, conv, index, addr, port, handler, count) \
    register_follow_stream((proto), (tap), (conv), (index), (addr), (port), (handler), (count), NULL)
#else
#define xmppws_register_follow_stream(proto, tap, conv, index, addr, port, handler, count) \
    ((void)(count), register_follow_stream((proto), (tap), (conv), (index), (addr), (port), (handler)))
#endif

/* ---- field values read from the tree ----------------------------------- */

#if XMPPWS_WIRESHARK_AT_LEAST(4, 2)
#define XMPPWS_FIELD_VALUE(finfo) ((finfo)->value)
#else
#define XMPPWS_FIELD_VALUE(finfo) (&(finfo)->value)
#endif

/* ---- what the HTTP dissector hands to a media-type dissector ------------ */

#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
typedef media_content_info_t xmppws_http_body_info;
#define XMPPWS_HTTP_BODY_REQUEST  MEDIA_CONTAINER_HTTP_REQUEST
#define XMPPWS_HTTP_BODY_RESPONSE MEDIA_CONTAINER_HTTP_RESPONSE
#else
typedef http_message_info_t xmppws_http_body_info;
#define XMPPWS_HTTP_BODY_REQUEST  HTTP_REQUEST
#define XMPPWS_HTTP_BODY_RESPONSE HTTP_RESPONSE
#endif

/* ---- the WebSocket dissector for a TCP port (Decode As) ----------------- */

#if XMPPWS_WIRESHARK_AT_LEAST(4, 6)
#define XMPPWS_WEBSOCKET_TCP_HANDLE "websocket_tcp"
#else
#define XMPPWS_WEBSOCKET_TCP_HANDLE "websocket"
#endif

/* ---- what the WebSocket dissector decompresses -------------------------- */

/* 4.2 fixed permessage-deflate for messages that are also fragmented, and
 * 4.4 for per-direction no-context-takeover: before, such messages reach
 * the "ws" heuristics still compressed, or fail to inflate at all. */
#define XMPPWS_WEBSOCKET_INFLATES_FRAGMENTED XMPPWS_WIRESHARK_AT_LEAST(4, 2)

/* ---- plugin_describe() (4.4 and later) ---------------------------------- */

/* Defines plugin_describe(), saying the plugin is a dissector, where
 * Wireshark asks for it. */
#if XMPPWS_WIRESHARK_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define XMPPWS_DEFINE_PLUGIN_DESCRIBE_DISSECTOR() \
    WS_DLL_PUBLIC uint32_t plugin_describe(void); \
    uint32_t plugin_describe(void) { return WS_PLUGIN_DESC_DISSECTOR; }
#else
#define XMPPWS_DEFINE_PLUGIN_DESCRIBE_DISSECTOR()
#endif

#endif /* XMPPWS_COMPAT_H */
