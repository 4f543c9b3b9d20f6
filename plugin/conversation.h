/* conversation.h
 *
 * Per-connection state of an XMPP-over-WebSocket stream, kept in the TCP
 * conversation: where the stream was first recognised, which framing it
 * uses, and which endpoint is the server (for the direction of each
 * message). Filled on the first pass only; one small struct per connection.
 * A BOSH session (XEP-0124) spans several TCP connections: its struct is
 * kept by sid instead (xmppws_conversation_bosh), so identity, iq tracking
 * and Finesse state follow the session.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_CONVERSATION_H
#define XMPPWS_CONVERSATION_H

#include <epan/packet.h>
#include <epan/conversation.h>

typedef enum {
    XMPPWS_DIR_UNKNOWN = 0,
    XMPPWS_DIR_C2S     = 1,
    XMPPWS_DIR_S2C     = 2
} xmppws_direction;

extern const value_string xmppws_direction_vals[];

/* How the direction of a message was worked out. */
typedef enum {
    XMPPWS_DIRSRC_NONE = 0,
    XMPPWS_DIRSRC_HTTP,      /* the WebSocket upgrade's HTTP server endpoint */
    XMPPWS_DIRSRC_TCP,       /* the TCP SYN */
    XMPPWS_DIRSRC_CONTENT,   /* a message only a server (or a client) sends */
    XMPPWS_DIRSRC_DECODE_AS, /* the port the user decoded as WebSocket */
    XMPPWS_DIRSRC_BOSH       /* a BOSH body in an HTTP request or response */
} xmppws_direction_source;

extern const value_string xmppws_direction_source_vals[];

typedef enum {
    XMPPWS_FRAMING_UNKNOWN = 0,
    XMPPWS_FRAMING_RFC7395 = 1,  /* <open/> ... <close/> */
    XMPPWS_FRAMING_LEGACY  = 2,  /* <stream:stream> ... </stream:stream> */
    XMPPWS_FRAMING_BOSH    = 3   /* XEP-0206: stanzas in <body/> wrappers over HTTP */
} xmppws_framing;

extern const value_string xmppws_framing_vals[];

typedef struct xmppws_conv {
    guint32        first_frame;     /* first frame with a recognised XMPP message */
    xmppws_framing framing;
    address        server_addr;     /* learned from content; AT_NONE until then */
    guint32        server_port;
    /* Filled on the first pass by the interpreters: */
    const char    *sasl_mechanism;  /* chosen in <auth>, for decoding challenges and responses */
    wmem_tree_t   *users;           /* frame -> SASL user authenticated from that frame on */
    wmem_tree_t   *jids;            /* frame -> full JID bound from that frame on */
    wmem_map_t    *open_iqs;        /* "<direction>/<id>" -> request still waiting for its response */
    guint32        last_frame;      /* the connection's last XMPP message: frame, and index within it */
    guint          last_index;
    gboolean       closed;          /* a <close/> or </stream:stream> was seen */
    const char    *agent_state;     /* the last Finesse state of the agent notified on this connection */
    /* A BOSH session (framing XMPPWS_FRAMING_BOSH) spans many TCP connections: */
    const char    *bosh_sid;        /* its sid; NULL until the session creation response */
    guint64        bosh_last_rid;   /* highest rid of its requests so far (first pass) */
} xmppws_conv_t;

void xmppws_conversation_register_handoff(void);

/* The connection's state if it was recognised as XMPP before this frame;
 * NULL otherwise. Allocates nothing: safe in a heuristic. */
xmppws_conv_t *xmppws_conversation_find_earlier(packet_info *pinfo);

/* The connection's state, created on the first pass. */
xmppws_conv_t *xmppws_conversation_get(packet_info *pinfo);

/* BOSH (XEP-0124): the state of the session `sid`, shared by every TCP
 * connection that carries it; created on the first pass. With sid NULL, a
 * new session whose sid is not known yet (the session request): it is
 * keyed once the creation response names it (xmppws_conversation_bosh_set_sid). */
xmppws_conv_t *xmppws_conversation_bosh(packet_info *pinfo, const char *sid);

/* First pass: the creation response named the session's sid. */
void xmppws_conversation_bosh_set_sid(xmppws_conv_t *conv, const char *sid);

/* First pass: this message could only have been sent by the server
 * (is_server TRUE) or only by the client. */
void xmppws_conversation_learn_sender(xmppws_conv_t *conv, packet_info *pinfo, gboolean is_server);

/* TRUE when the TCP connection's FIN or RST is in the capture (known once
 * the whole capture was seen: second pass). */
gboolean xmppws_conversation_tcp_ended(packet_info *pinfo);

xmppws_direction xmppws_conversation_direction(const xmppws_conv_t *conv, packet_info *pinfo,
                                               xmppws_direction_source *source);

#endif /* XMPPWS_CONVERSATION_H */
