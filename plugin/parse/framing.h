/* framing.h
 *
 * Cheap recognition of an XMPP message on a WebSocket, before any parse:
 * looks at the first start tag only, allocates nothing, never throws.
 * Used by the heuristic (is this XMPP?) and by the dissector (how to hand
 * the message to the parse layer).
 *
 * Specs: RFC 7395 §3.3 (<open/>, <close/>, one stanza per message);
 * RFC 6120 §4 (stream header, features, errors), §5-§6 (TLS, SASL);
 * XEP-0198 (stream management); the pre-RFC 7395 framing some OpenFire and
 * Strophe.js builds used (an unclosed <stream:stream> and a bare
 * </stream:stream> as messages of their own).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_FRAMING_H
#define XMPPWS_FRAMING_H

#include <glib.h>

typedef enum {
    FRAMING_NOT_XMPP = 0,
    FRAMING_WHITESPACE,      /* nothing but whitespace: a keepalive */
    FRAMING_ELEMENTS,        /* starts with an XMPP element (stanza, open, SASL, ...) */
    FRAMING_STREAM_HEADER,   /* pre-RFC 7395 <stream:stream ...> left open */
    FRAMING_STREAM_END       /* pre-RFC 7395 </stream:stream> on its own */
} framing_kind;

#define FRAMING_QNAME_MAX 64

typedef struct {
    framing_kind kind;
    gboolean     starts_like_xml;               /* the first non-blank byte is '<' */
    guint32      skip;                          /* bytes of a leading XML declaration */
    char         stream_qname[FRAMING_QNAME_MAX]; /* STREAM_HEADER/END: e.g. "stream:stream" */
} framing_info;

/* The first start tag is looked for in at most this many bytes. */
#define FRAMING_SCAN_MAX 4096u

/* Classifies one whole message of `len` bytes. Reads at most
 * FRAMING_SCAN_MAX bytes at the start and, for a legacy stream header, a
 * few at the end. */
framing_kind framing_classify(const guint8 *p, guint32 len, framing_info *out);

#endif /* XMPPWS_FRAMING_H */
