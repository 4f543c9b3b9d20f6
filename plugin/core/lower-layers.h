/* lower-layers.h
 *
 * What the dissectors below xmppws say about a TCP connection, learned
 * through their public fields only: which endpoint answered the WebSocket
 * upgrade (HTTP 101) and with which Sec-WebSocket-Protocol and
 * Sec-WebSocket-Extensions, which endpoint received the SYN, and the first
 * FIN or RST, the first frame with TCP payload, the first TLS frame and
 * whether HTTP, HTTP/2 or WebSocket read any of it (from the frame's
 * layers), and the first WebSocket close frame's status code. On every
 * pass, those ends of a connection already recognised as XMPP go to the
 * "xmppws" tap (events.h). A postdissector reads those fields on every frame of the
 * first pass (it asks Wireshark to fill them in even when no tree is being
 * built) and keeps the facts per TCP conversation.
 *
 * Fields read: tcp.flags.syn, tcp.flags.ack, tcp.flags.fin,
 * tcp.flags.reset, tcp.len, http.response.code, http.sec_websocket_protocol,
 * http.sec_websocket_extensions, websocket.payload.close.status_code.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_LOWER_LAYERS_H
#define XMPPWS_LOWER_LAYERS_H

#include <epan/packet.h>

typedef struct {
    address     upgrade_server;     /* sender of the HTTP 101 response; AT_NONE when not seen */
    guint32     upgrade_port;
    const char *subprotocol;        /* its Sec-WebSocket-Protocol, or NULL */
    const char *extensions;         /* its Sec-WebSocket-Extensions, or NULL */
    address     syn_server;         /* receiver of the SYN; AT_NONE when not seen */
    guint32     syn_port;
    guint32     first_data_frame;   /* first frame with TCP payload; 0 when none */
    guint32     first_tls_frame;    /* first frame with TLS; 0 when none */
    gboolean    read_above_tcp;     /* some frame carried HTTP, HTTP/2 or WebSocket */
    guint32     end_frame;          /* first frame with FIN or RST; 0 when none */
    gboolean    end_is_rst;         /* that frame has RST */
    guint32     ws_close_frame;     /* first frame with a WebSocket close status code; 0 when none */
    guint32     ws_close_code;      /* its status code */
} xmppws_tcp_facts;

void xmppws_lower_layers_register(int proto);
void xmppws_lower_layers_register_handoff(void);

/* The facts about the current frame's TCP connection; NULL when none is
 * known. Allocates nothing: safe in a heuristic. */
const xmppws_tcp_facts *xmppws_lower_layers_facts(packet_info *pinfo);

#endif /* XMPPWS_LOWER_LAYERS_H */
