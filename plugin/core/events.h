/* events.h
 *
 * The "xmppws" tap: what the views (Statistics > XMPP/WS Sessions, the
 * iq response times, Follow XMPP Stream) learn about each connection.
 * One event per XMPP message, queued when the message is finished
 * (pipeline.c), and one per lower-layer end of a WebSocket connection (its
 * first WebSocket close frame, its first TCP FIN or RST; lower-layers.c).
 *
 * What a message's event says is gathered while it is dissected: the
 * pipeline counts its stanzas, errors and stream ends; iq tracking adds
 * the requests it opened and the responses it matched; a protocol carried
 * on the connection (a pubsub payload decoder) adds the updates it decoded
 * and the state they report, through xmppws_events_note_update(), so the
 * views never read that protocol's own state. Nothing is gathered unless
 * a view listens.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_EVENTS_H
#define XMPPWS_EVENTS_H

#include <epan/packet.h>

#include "message.h"

typedef enum {
    XMPPWS_EVENT_MESSAGE  = 0,  /* an XMPP message */
    XMPPWS_EVENT_WS_CLOSE = 1,  /* the connection's first WebSocket close frame */
    XMPPWS_EVENT_TCP_FIN  = 2,  /* its first TCP FIN */
    XMPPWS_EVENT_TCP_RST  = 3   /* its first TCP RST */
} xmppws_event_kind;

extern const value_string xmppws_event_kind_vals[];

/* How a connection ended; the first end a connection meets is its end
 * (a stream error inside a BOSH terminate wins over the terminate). */
typedef enum {
    XMPPWS_END_NONE         = 0,  /* still open at the end of the capture */
    XMPPWS_END_CLOSE        = 1,  /* <close/> or </stream:stream> */
    XMPPWS_END_STREAM_ERROR = 2,  /* <stream:error>, with its condition */
    XMPPWS_END_WS_CLOSE     = 3,  /* a WebSocket close frame, with its status code */
    XMPPWS_END_TCP_FIN      = 4,  /* TCP FIN without any of the above */
    XMPPWS_END_TCP_RST      = 5,  /* TCP RST without any of the above */
    XMPPWS_END_BOSH_TERMINATE = 6 /* a BOSH <body type='terminate'/> */
} xmppws_end_kind;

extern const value_string xmppws_end_kind_vals[];

/* An iq response that answered a request of the capture. */
typedef struct {
    const char *kind;               /* what the request asked (xmpp layer: "bind", "ping", ...) */
    guint32     request_frame;
    nstime_t    request_time;
} xmppws_event_response;

typedef struct {
    xmppws_event_kind        kind;
    const xmppws_connection *conn;        /* file scope; conn->index is the connection's index */
    xmppws_direction         direction;   /* XMPPWS_DIR_UNKNOWN for lower-layer events */
    tvbuff_t                *tvb;         /* the message as handed over (unmasked, inflated); NULL for others */
    guint                    index;       /* the message's index in its frame */
    const char              *info;        /* the message's Info text */
    guint                    stanzas;     /* top-level message, presence and iq elements */
    guint                    errors;      /* stanza errors, stream errors, SASL failures */
    guint                    iq_requests; /* iq get/set it sent */
    wmem_array_t            *responses;   /* xmppws_event_response: the requests it answered; may be NULL */
    guint                    updates;     /* payload updates decoded from it (xmppws_events_note_update) */
    const char              *state;       /* the last state those updates report, or NULL */
    wmem_array_t            *payloads;    /* tvbuff_t *: the payloads of those updates as their decoder
                                           * read them (unescaped); may be NULL */
    xmppws_end_kind          end;         /* what in it ends the connection, or XMPPWS_END_NONE */
    const char              *end_detail;  /* the stream error's condition, the close status code */
} xmppws_event;

void xmppws_events_register(void);

/* TRUE when a view listens: only then is anything gathered. */
gboolean xmppws_events_wanted(void);

/* While a message is dissected. */
void xmppws_events_note_element(const xmppws_msg *msg, const xm_element *el);
void xmppws_events_note_iq_request(const xmppws_msg *msg);
void xmppws_events_note_iq_response(const xmppws_msg *msg, const char *kind, guint32 request_frame,
                                    const nstime_t *request_time);
/* A payload decoder decoded an update from the message: the state it
 * reports (or NULL), and the payload as the decoder read it (its own
 * unescaped data source, or NULL). */
void xmppws_events_note_update(const xmppws_msg *msg, const char *state, tvbuff_t *payload);
void xmppws_events_note_end(const xmppws_msg *msg, xmppws_end_kind end, const char *detail);

/* Queues the message's event (pipeline.c, when the message is finished). */
void xmppws_events_queue_message(const xmppws_msg *msg, const char *info);

/* Queues a lower-layer event of a connection (lower-layers.c). */
void xmppws_events_queue_lower(packet_info *pinfo, const xmppws_connection *conn, xmppws_event_kind kind,
                               const char *detail);

#endif /* XMPPWS_EVENTS_H */
