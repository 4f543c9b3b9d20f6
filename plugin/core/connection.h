/* connection.h
 *
 * The state of one XMPP connection, kept for the whole capture and filled
 * on the first pass, in three parts:
 *
 *   stream   how the XML stream runs over its transport: the framing, which
 *            endpoint is the server (so each message gets its direction),
 *            whether it was closed, its last message;
 *   session  who is on it: the SASL mechanism and user, the bound JIDs
 *            (each with the frame it was learned in), the iq requests
 *            still waiting for an answer;
 *   bosh     for a BOSH session (XEP-0124), its sid and highest rid.
 *
 * A WebSocket connection's state lives in its TCP conversation. A BOSH
 * session spans several TCP connections: its state is kept by sid, so
 * identity, iq tracking and the protocols carried on it follow the session.
 * Protocols carried on the connection keep state of their own in
 * it, by protocol id. Each connection has an index, 1, 2, ... in the order
 * the first pass met them, the same in every later pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_CONNECTION_H
#define XMPPWS_CONNECTION_H

#include <epan/packet.h>

#include "xmlmodel.h"

typedef enum {
    XMPPWS_DIR_UNKNOWN = 0,
    XMPPWS_DIR_C2S     = 1,
    XMPPWS_DIR_S2C     = 2
} xmppws_direction;

extern const value_string xmppws_direction_vals[];

/* How the direction of a message was worked out. */
typedef enum {
    XMPPWS_DIRSRC_NONE = 0,
    XMPPWS_DIRSRC_HTTP,      /* the endpoint that answered the WebSocket upgrade */
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

typedef struct {
    guint32        first_frame;     /* first frame with a recognised XMPP message */
    xmppws_framing framing;
    address        server_addr;     /* learned from content; AT_NONE until then */
    guint32        server_port;
    gboolean       closed;          /* a <close/>, </stream:stream> or stream error ended the stream */
    guint32        last_frame;      /* its last XMPP message: frame, and index within it */
    guint          last_index;
} xmppws_stream_part;

/* Something the session learned, and the frame it learned it in. */
typedef struct {
    const char *value;
    guint32     frame;
} xmppws_learned;

typedef struct {
    const char  *sasl_mechanism;    /* chosen in <auth>, for decoding challenges and responses */
    wmem_tree_t *users;             /* frame -> xmppws_learned: SASL user from that frame on */
    wmem_tree_t *jids;              /* frame -> xmppws_learned: full JID bound from that frame on */
    wmem_map_t  *open_iqs;          /* "<direction>/<id>" -> request still waiting for its response */
    wmem_map_t  *bare_subscriptions;/* "<node> <JID>" -> latest bare-JID pubsub subscription (first pass) */
    guint32      unavailable_sent;  /* first frame where the client sent presence unavailable; 0 when none */
} xmppws_session_part;

typedef struct {
    const char *sid;                /* NULL until the session creation response */
    guint64     last_rid;           /* highest rid of its requests so far (first pass) */
} xmppws_bosh_part;

typedef struct xmppws_connection {
    guint32             index;          /* 1, 2, ...: the connections of the capture in the order first seen (xmppws.connection) */
    xmppws_stream_part  stream;
    xmppws_session_part session;
    xmppws_bosh_part    bosh;
    wmem_map_t         *protocol_data;  /* protocol id -> that protocol's state for this connection */
} xmppws_connection;

void xmppws_connection_register(void);
void xmppws_connection_register_handoff(void);

/* How many connections the capture file has had so far (first pass). */
guint32 xmppws_connection_count(void);

/* The WebSocket connection's state if it was recognised as XMPP before
 * this frame; NULL otherwise. Allocates nothing: safe in a heuristic. */
xmppws_connection *xmppws_connection_find_earlier(packet_info *pinfo);

/* The WebSocket connection's state, created on first use. */
xmppws_connection *xmppws_connection_of_tcp(packet_info *pinfo);

/* BOSH (XEP-0124): the state of the session `sid`, shared by every TCP
 * connection that carries it. With sid NULL, a new session whose sid is not
 * known yet (the session request): it is keyed once the creation response
 * names it (xmppws_connection_set_bosh_sid). */
xmppws_connection *xmppws_connection_of_bosh(packet_info *pinfo, const char *sid);

/* First pass: the creation response named the BOSH session's sid. */
void xmppws_connection_set_bosh_sid(xmppws_connection *conn, const char *sid);

/* First pass: what a top-level element tells about the stream (RFC 6120
 * §4.7.3, §6.4: only the server's stream header has an id; only the server
 * sends features, challenges, successes and failures; <close/> ends it). */
void xmppws_connection_learn_from_element(xmppws_connection *conn, packet_info *pinfo, const xm_element *el);

/* The direction of the current message, and how it was worked out. */
xmppws_direction xmppws_connection_direction(const xmppws_connection *conn, packet_info *pinfo,
                                             xmppws_direction_source *source);

/* First pass: the session learned its SASL user, or a bound JID, here. */
void xmppws_connection_learn_user(xmppws_connection *conn, packet_info *pinfo, const char *user);
void xmppws_connection_learn_jid(xmppws_connection *conn, packet_info *pinfo, const char *jid);

/* The first frame after this connection's bind (as known at `frame`) in
 * which another connection bound the same full JID; 0 if none (yet: on
 * the first pass only the binds seen so far are known). */
guint32 xmppws_connection_next_bind_elsewhere(const xmppws_connection *conn, guint32 frame);

/* The SASL user, or bound JID, known at `frame`; NULL when none. */
const xmppws_learned *xmppws_connection_user_at(const xmppws_connection *conn, guint32 frame);
const xmppws_learned *xmppws_connection_jid_at(const xmppws_connection *conn, guint32 frame);

/* First pass: this message (frame, index in the frame) is the latest. */
void xmppws_connection_note_message(xmppws_connection *conn, packet_info *pinfo, guint index);

/* TRUE on the last message of a WebSocket connection that ended in the
 * capture (TCP FIN or RST) without <close/>: known once the whole capture
 * was seen (second pass). */
gboolean xmppws_connection_ended_without_close(const xmppws_connection *conn, packet_info *pinfo, guint index);

/* State a protocol carried on the connection keeps there (NULL if none). */
void *xmppws_connection_get_protocol_data(const xmppws_connection *conn, int proto);
void  xmppws_connection_set_protocol_data(xmppws_connection *conn, int proto, void *data);

#endif /* XMPPWS_CONNECTION_H */
