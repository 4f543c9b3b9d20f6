/* xmlmodel.h
 *
 * The parse layer of xmppws: one WebSocket (or BOSH) message in, a small
 * tree of XML elements out, with the byte span of every element, attribute
 * value and text in the message, so the dissector can highlight the right
 * bytes.
 *
 * Pure C on GLib, libxml2 and a wmem arena: no epan types, so unit tests,
 * fuzzers and the decoders of escaped payloads use it as they are.
 *
 * Specs: XML 1.0 (5th ed.) with Namespaces; RFC 6120 §11 (restrictions on
 * XML in XMPP: no DTD, comments and processing instructions are reported);
 * RFC 7395 §3.3 (one stanza per message, but we accept several top-level
 * elements, as Strophe.js does).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_XMLMODEL_H
#define XMPPWS_XMLMODEL_H

#include <glib.h>
#include <wsutil/wmem/wmem.h>

/* Hard limits on what one message may build; past them the parse stops and
 * the message is reported as too large (never an unbounded allocation). */
#define XM_MAX_ELEMENTS    50000u
#define XM_MAX_ATTRIBUTES  200000u
#define XM_MAX_ELEMENT_ATTRIBUTES 1000u   /* in one start tag */

typedef struct xm_span {
    guint32 offset;          /* byte offset in the message */
    guint32 length;
} xm_span;

typedef struct xm_attr {
    const char *name;        /* local name */
    const char *prefix;      /* namespace prefix, or NULL */
    const char *ns;          /* namespace URI, or NULL */
    const char *value;       /* unescaped value, NUL-terminated */
    xm_span     value_span;  /* raw value between the quotes */
} xm_attr;

typedef struct xm_element xm_element;
struct xm_element {
    const char *name;        /* local name */
    const char *prefix;      /* namespace prefix, or NULL */
    const char *ns;          /* namespace URI, or NULL */
    xm_attr    *attrs;
    guint       n_attrs;
    const char *text;        /* character data directly inside, unescaped, NUL-terminated ("" when none) */
    gsize       text_len;
    xm_span     span;        /* from '<' to the end of the end tag (or of "/>") */
    xm_span     content;     /* between the start tag and the end tag (empty for "<x/>") */
    gboolean    complete;    /* its end tag was seen */
    guint       depth;       /* 0 for top-level elements */
    guint       ordinal;     /* position among its siblings (top-level elements among themselves) */
    xm_element *parent;
    xm_element *first_child;
    xm_element *last_child;
    xm_element *next;
};

typedef enum {
    XM_OK = 0,
    XM_MALFORMED,            /* not well-formed, truncated, bad UTF-8, ... */
    XM_RESTRICTED,           /* well-formed so far, but uses XML that XMPP forbids (DTD) */
    XM_TOO_LARGE             /* hit XM_MAX_ELEMENTS / XM_MAX_ATTRIBUTES / XM_MAX_ELEMENT_ATTRIBUTES */
} xm_status;

typedef struct xm_doc {
    xm_element *first;       /* first top-level element, siblings via ->next */
    guint       n_top;
    guint       n_elements;
    xm_status   status;
    const char *error;       /* libxml2's (or our) description when status != XM_OK */
    guint32     error_offset;
} xm_doc;

/* How to read the message: the caller (framing.c) knows about the
 * pre-RFC 7395 stream header, which has no end tag in the same message. */
typedef struct xm_parse_opts {
    guint32     skip;            /* bytes to skip first (an XML declaration) */
    const char *implicit_close;  /* qualified name to close at the end (legacy "<stream:stream>"), or NULL */
} xm_parse_opts;

/* Parses `len` bytes of `msg` (one message, any number of top-level
 * elements) into a model allocated from `arena`. Never fails: problems are
 * in doc->status with whatever parsed before them still in the model. */
xm_doc *xm_parse(wmem_allocator_t *arena, const guint8 *msg, guint32 len,
                 const xm_parse_opts *opts);

/* Frees the libxml2 parser context xm_parse keeps between calls. */
void xm_parse_cleanup(void);

/* Helpers for interpreters. */
const xm_attr    *xm_attr_find(const xm_element *el, const char *name);
const char       *xm_attr_value(const xm_element *el, const char *name);
const xm_element *xm_child(const xm_element *el, const char *name, const char *ns);
gboolean          xm_is(const xm_element *el, const char *name, const char *ns);

#endif /* XMPPWS_XMLMODEL_H */
