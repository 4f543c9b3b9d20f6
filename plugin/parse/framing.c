/* framing.c
 *
 * Recognises XMPP messages on a WebSocket from their first start tag (see
 * framing.h). A message is XMPP when its first element is
 *   - a stanza (iq, presence, message), unprefixed, whose default namespace,
 *     if declared, is jabber:client, jabber:server or jabber:component:accept;
 *   - any other element whose own namespace, declared in the same tag, is an
 *     XMPP stream-level namespace (framing, streams, SASL, TLS, stream
 *     management, compression);
 *   - <stream:features> or <stream:error> with an undeclared "stream" prefix
 *     (pre-RFC 7395 framing declares it in an earlier message);
 *   - a stream header <P:stream> declaring P as the streams namespace, or a
 *     bare </P:stream>.
 * So SOAP, SVG, HTML, JSON, SIP and binary payloads are never claimed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "framing.h"

#include <string.h>

#include "namespaces.h"
#include "xmlscan.h"

static const char *const stanza_namespaces[] = {
    XMPPWS_NS_CLIENT,
    XMPPWS_NS_SERVER,
    XMPPWS_NS_COMPONENT,
};

static const char *const stream_level_namespaces[] = {
    XMPPWS_NS_FRAMING,
    XMPPWS_NS_STREAMS,
    XMPPWS_NS_SASL,
    XMPPWS_NS_TLS,
    XMPPWS_NS_SM_3,
    XMPPWS_NS_SM_2,
    XMPPWS_NS_COMPRESS,
};

typedef struct {
    const guint8 *p;
    guint32       len;
} bytes;

typedef struct {
    bytes prefix;          /* empty when unprefixed */
    bytes local;
    bytes default_ns;      /* value of xmlns="..." in this tag, if any */
    bytes prefix_ns;       /* value of xmlns:<prefix>="..." in this tag, if any */
    gboolean has_default_ns;
    gboolean has_prefix_ns;
    gboolean empty;        /* ends with "/>" */
} start_tag;

static gboolean
is_name_end(guint8 c)
{
    return xs_is_space(c) || c == '/' || c == '>' || c == '=';
}

static gboolean
bytes_equal(bytes b, const char *s)
{
    gsize n = strlen(s);
    return b.len == n && memcmp(b.p, s, n) == 0;
}

static gboolean
bytes_in(bytes b, const char *const *set, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        if (bytes_equal(b, set[i]))
            return TRUE;
    }
    return FALSE;
}

/* Splits a qualified name at its colon. */
static void
split_qname(bytes qname, bytes *prefix, bytes *local)
{
    const guint8 *colon = memchr(qname.p, ':', qname.len);
    if (colon) {
        prefix->p = qname.p;
        prefix->len = (guint32)(colon - qname.p);
        local->p = colon + 1;
        local->len = qname.len - prefix->len - 1;
    } else {
        prefix->p = qname.p;
        prefix->len = 0;
        *local = qname;
    }
}

static guint32
read_name(const guint8 *p, guint32 i, guint32 len, bytes *name)
{
    guint32 start = i;
    while (i < len && !is_name_end(p[i]))
        i++;
    name->p = p + start;
    name->len = i - start;
    return i;
}

/* Records xmlns / xmlns:prefix declarations in the attribute list. */
static void
note_namespace_declaration(start_tag *tag, bytes attr_name, bytes value)
{
    if (bytes_equal(attr_name, "xmlns")) {
        tag->default_ns = value;
        tag->has_default_ns = TRUE;
    } else if (attr_name.len == 6 + tag->prefix.len && tag->prefix.len > 0 &&
               memcmp(attr_name.p, "xmlns:", 6) == 0 &&
               memcmp(attr_name.p + 6, tag->prefix.p, tag->prefix.len) == 0) {
        tag->prefix_ns = value;
        tag->has_prefix_ns = TRUE;
    }
}

/* Reads the start tag whose '<' is at p[i]. Stops at the end of the tag or
 * of the bytes: a truncated tag still tells its name. */
static gboolean
read_start_tag(const guint8 *p, guint32 i, guint32 len, start_tag *tag)
{
    bytes qname;

    memset(tag, 0, sizeof *tag);
    i = read_name(p, i + 1, len, &qname);
    if (qname.len == 0)
        return FALSE;
    split_qname(qname, &tag->prefix, &tag->local);
    if (tag->local.len == 0)
        return FALSE;

    for (;;) {
        bytes attr_name, value;
        i = xs_skip_space(p, i, len);
        if (i < len && p[i] == '/')
            tag->empty = TRUE;
        if (i >= len || p[i] == '>' || p[i] == '/')
            return TRUE;
        i = read_name(p, i, len, &attr_name);
        i = xs_skip_space(p, i, len);
        if (i >= len || p[i] != '=')
            return attr_name.len > 0;           /* truncated, or not XML: judge by the name */
        i = xs_skip_space(p, i + 1, len);
        if (i >= len || (p[i] != '"' && p[i] != '\''))
            return TRUE;
        guint8 quote = p[i++];
        value.p = p + i;
        while (i < len && p[i] != quote)
            i++;
        value.len = (guint32)(p + i - value.p);
        if (i < len)
            i++;
        note_namespace_declaration(tag, attr_name, value);
    }
}

static gboolean
is_stanza(const start_tag *tag)
{
    if (tag->prefix.len != 0)
        return FALSE;
    if (!bytes_equal(tag->local, "iq") && !bytes_equal(tag->local, "presence") &&
        !bytes_equal(tag->local, "message"))
        return FALSE;
    return !tag->has_default_ns ||
           bytes_in(tag->default_ns, stanza_namespaces, G_N_ELEMENTS(stanza_namespaces));
}

static gboolean
is_stream_level(const start_tag *tag)
{
    if (tag->prefix.len == 0)
        return tag->has_default_ns &&
               bytes_in(tag->default_ns, stream_level_namespaces, G_N_ELEMENTS(stream_level_namespaces));
    if (tag->has_prefix_ns)
        return bytes_in(tag->prefix_ns, stream_level_namespaces, G_N_ELEMENTS(stream_level_namespaces));
    /* pre-RFC 7395: the prefix was declared by the stream header */
    return bytes_equal(tag->prefix, "stream") &&
           (bytes_equal(tag->local, "features") || bytes_equal(tag->local, "error"));
}

static gboolean
is_stream_header(const start_tag *tag)
{
    return tag->prefix.len > 0 && bytes_equal(tag->local, "stream") &&
           tag->has_prefix_ns && bytes_equal(tag->prefix_ns, XMPPWS_NS_STREAMS);
}

/* Does the message (trimmed) end with "</qname>"? */
static gboolean
ends_with_end_tag(const guint8 *p, guint32 len, bytes qname)
{
    while (len > 0 && xs_is_space(p[len - 1]))
        len--;
    if (len < qname.len + 3 || p[len - 1] != '>')
        return FALSE;
    const guint8 *tag = p + len - qname.len - 3;
    return tag[0] == '<' && tag[1] == '/' && memcmp(tag + 2, qname.p, qname.len) == 0;
}

static void
copy_qname(framing_info *out, bytes qname)
{
    guint32 n = MIN(qname.len, FRAMING_QNAME_MAX - 1);
    memcpy(out->stream_qname, qname.p, n);
    out->stream_qname[n] = '\0';
}

/* "</P:stream>" alone, with optional whitespace around it. */
static gboolean
is_stream_end(const guint8 *p, guint32 i, guint32 len, bytes *qname)
{
    bytes prefix, local;
    if (i + 2 >= len || p[i] != '<' || p[i + 1] != '/')
        return FALSE;
    i = read_name(p, i + 2, len, qname);
    split_qname(*qname, &prefix, &local);
    if (prefix.len == 0 || !bytes_equal(local, "stream") || qname->len >= FRAMING_QNAME_MAX)
        return FALSE;
    i = xs_skip_space(p, i, len);
    if (i >= len || p[i] != '>')
        return FALSE;
    return xs_skip_space(p, i + 1, len) == len;
}

framing_kind
framing_classify(const guint8 *p, guint32 len, framing_info *out)
{
    guint32   scan = MIN(len, FRAMING_SCAN_MAX);
    guint32   i;
    start_tag tag;
    bytes     qname;

    memset(out, 0, sizeof *out);
    i = xs_skip_space(p, 0, scan);
    if (i == len) {
        out->kind = len ? FRAMING_WHITESPACE : FRAMING_NOT_XMPP;
        return out->kind;
    }
    if (i == scan || p[i] != '<')
        return FRAMING_NOT_XMPP;
    out->starts_like_xml = TRUE;

    out->skip = xs_xml_declaration_length(p, scan);
    /* A DOCTYPE (which XMPP forbids) is looked past to classify the message,
     * but stays in it: the parse reports it. */
    i = xs_prolog_length(p, scan);

    if (is_stream_end(p, i, len, &qname)) {
        copy_qname(out, qname);
        out->kind = FRAMING_STREAM_END;
    } else if (i < scan && p[i] == '<' && read_start_tag(p, i, scan, &tag)) {
        qname.p = tag.prefix.len ? tag.prefix.p : tag.local.p;
        qname.len = tag.prefix.len ? tag.prefix.len + 1 + tag.local.len : tag.local.len;
        if (is_stream_header(&tag)) {
            if (!tag.empty && qname.len < FRAMING_QNAME_MAX && !ends_with_end_tag(p, len, qname)) {
                copy_qname(out, qname);
                out->kind = FRAMING_STREAM_HEADER;
            } else {
                out->kind = FRAMING_ELEMENTS;
            }
        } else if (is_stanza(&tag) || is_stream_level(&tag)) {
            out->kind = FRAMING_ELEMENTS;
        }
    }
    if (out->kind == FRAMING_NOT_XMPP)
        out->skip = 0;
    return out->kind;
}
