/* xmlmodel.c
 *
 * libxml2 SAX2 parse of one message into the model of xmlmodel.h.
 *
 * The message is wrapped in a synthetic root element before parsing, so a
 * message may hold any number of top-level elements (Strophe.js tolerates
 * that too) and can never carry a DOCTYPE (which is not allowed inside an
 * element): entity declarations, and so entity-expansion bombs and external
 * entities, are impossible by construction. The parser runs with
 * XML_PARSE_NONET and without XML_PARSE_NOENT / DTDLOAD / HUGE, so libxml2's
 * own depth (256) and size limits stay in force.
 *
 * libxml2 reports no byte positions to SAX callbacks, but its input
 * position (libxml2-compat.h) is exact at each start and end tag; the rest
 * of each span is recovered by scanning our own copy of the message (a '<'
 * never occurs inside a tag).
 *
 * Specs: XML 1.0 (5th ed.) with Namespaces; RFC 6120 §11 (restrictions on
 * XML in XMPP).
 *
 * Escaped payloads: libxml2 costs one callback per entity reference, and a
 * pubsub payload that carries a 2-5 KB XML document as escaped text holds
 * hundreds of them. So the first long run of escaped text that is an element's whole
 * content is cut out of the copy libxml2 parses and unescaped here, but
 * only when that gives exactly libxml2's result (the five predefined
 * entities, valid UTF-8, no control characters, CR or "]]>"); any other
 * text goes through libxml2 as before.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE                     /* memrchr */
#include "xmlmodel.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "libxml2-compat.h"
#include "namespaces.h"
#include "xmlscan.h"

/* The stream prefix is predeclared because pre-RFC 7395 framing sends
 * <stream:features> and <stream:error> in messages of their own, relying on
 * the declaration in an earlier message's stream header. */
#define WRAP_NAME "xmppws-message"
static const char WRAP_OPEN[]  = "<" WRAP_NAME " xmlns:stream=\"" XMPPWS_NS_STREAMS "\">";
static const char WRAP_CLOSE[] = "</" WRAP_NAME ">";
#define WRAP_OPEN_LEN  (sizeof WRAP_OPEN - 1)
#define WRAP_CLOSE_LEN (sizeof WRAP_CLOSE - 1)
/* Blank space after the wrapper. Within INPUT_CHUNK (250) bytes of the end
 * of its input libxml2 tries to read more at every step, which for input
 * in memory is wasted work; with this much white space behind the last
 * tag it tries only once, at the very end. */
#define WRAP_PADDING_LEN 250u

typedef struct {
    xm_element     pub;
    wmem_strbuf_t *more_text;   /* direct character data, once it comes in more than one piece */
} element_priv;

/* A run of escaped text cut out of the buffer libxml2 parses. */
typedef struct {
    guint32     start;      /* message offset, just after its element's start tag */
    guint32     length;     /* 0: no run */
    guint32     buf_pos;    /* buffer offset of the cut */
    const char *text;       /* unescaped, NUL-terminated */
    gsize       text_len;
} text_run;

/* libxml2 hands over names and namespace URIs from its dictionary, so the
 * same few strings come back element after element: each is copied into the
 * arena once per parse. Slots are found by the pointer and checked by the
 * content, so a pointer libxml2 reuses for another string only costs a copy. */
#define NAME_CACHE_BITS 6

typedef struct {
    const xmlChar *from;
    const char    *copy;
} name_copy;

typedef struct {
    wmem_allocator_t *arena;
    xmlParserCtxtPtr  ctxt;
    const guint8     *buf;      /* the wrapped message */
    guint32           buf_len;
    guint32           msg_len;
    guint32           msg_base; /* buffer offset of message byte `skip` */
    guint32           skip;
    guint32           msg_end;  /* buffer offset just past the message bytes */
    guint             depth;    /* 0 outside the wrapper, 1 inside it */
    element_priv     *current;  /* innermost open element, NULL at the wrapper level */
    xm_doc           *doc;
    xm_element       *last_top;  /* the last top-level element so far */
    guint             n_attrs_total;
    text_run          run;
    element_priv     *run_owner; /* the element whose content the run is, while open */
    name_copy         names[1u << NAME_CACHE_BITS];
} builder;

/* ---- offsets --------------------------------------------------------- */

static guint32
buffer_position(const builder *b)
{
    long consumed = xm_libxml_position(b->ctxt);
    if (consumed < 0)
        return 0;
    return (guint32)MIN((gulong)consumed, (gulong)b->buf_len);
}

/* Message offset of a buffer offset, clamped to the message. The offset of
 * the cut itself maps to the start of the run. */
static guint32
message_offset(const builder *b, guint32 pos)
{
    if (pos <= b->msg_base)
        return b->skip;
    if (pos >= b->msg_end)
        return b->msg_len;
    return pos - b->msg_base + b->skip + (pos > b->run.buf_pos ? b->run.length : 0);
}

static xm_span
span_between(const builder *b, guint32 from, guint32 to)
{
    xm_span s;
    s.offset = message_offset(b, from);
    s.length = message_offset(b, MAX(from, to)) - s.offset;
    return s;
}

static guint32
scan_back_to_lt(const builder *b, guint32 pos)
{
    if (pos >= b->buf_len)
        pos = b->buf_len - 1;
    const guint8 *lt = memrchr(b->buf, '<', pos + 1);
    return lt ? (guint32)(lt - b->buf) : 0;
}

/* End of the start tag at `lt`. libxml2 calls us with its position at the
 * tag's '>' or "/>"; anywhere else, the tag is scanned. */
static guint32
start_tag_end(const builder *b, guint32 lt, guint32 pos)
{
    if (pos > lt && pos < b->buf_len && b->buf[pos] == '>')
        return pos + 1;
    if (pos > lt && pos + 1 < b->buf_len && b->buf[pos] == '/' && b->buf[pos + 1] == '>')
        return pos + 2;
    guint32 end = xs_tag_end(b->buf, lt, b->buf_len);
    return end ? end : b->buf_len;
}

/* Finds the raw value of each attribute in the start tag [lt, end) and
 * assigns spans, in document order, to the attributes libxml2 reported
 * (libxml2 keeps document order and pulls out only xmlns declarations). */
static void
locate_attribute_values(const builder *b, xm_element *el, guint32 lt, guint32 end)
{
    guint32 i = lt + 1;
    guint   next = 0;

    while (i < end && !xs_is_space(b->buf[i]) && b->buf[i] != '>' && b->buf[i] != '/')
        i++;                                    /* element name */
    while (i < end && next < el->n_attrs) {
        while (i < end && xs_is_space(b->buf[i]))
            i++;
        guint32 name_start = i;
        while (i < end && b->buf[i] != '=' && !xs_is_space(b->buf[i]) && b->buf[i] != '>')
            i++;
        guint32 name_end = i;
        while (i < end && (xs_is_space(b->buf[i]) || b->buf[i] == '='))
            i++;
        if (i >= end || (b->buf[i] != '"' && b->buf[i] != '\''))
            return;
        guint8  quote = b->buf[i];
        guint32 value_start = ++i;
        while (i < end && b->buf[i] != quote)
            i++;
        guint32 value_end = i++;

        gsize name_len = name_end - name_start;
        const char *name = (const char *)b->buf + name_start;
        if ((name_len == 5 && memcmp(name, "xmlns", 5) == 0) ||
            (name_len > 6 && memcmp(name, "xmlns:", 6) == 0))
            continue;
        el->attrs[next++].value_span = span_between(b, value_start, value_end);
    }
}

/* ---- escaped text runs ------------------------------------------------ */

/* Shorter runs are left to libxml2: the saving is in the long ones. */
#define TEXT_RUN_MIN 256u
/* Far below libxml2's own text node limit (XML_MAX_TEXT_LENGTH). */
#define TEXT_RUN_MAX (1024u * 1024u)

/* Length of the predefined entity reference at p (0 for any other), and
 * the character it stands for. */
static guint
entity_at(const guint8 *p, guint32 avail, char *ch)
{
#define ENTITY(ref, c) \
    if (avail >= sizeof ref - 1 && memcmp(p, ref, sizeof ref - 1) == 0) { *ch = (c); return sizeof ref - 1; }
    switch (avail > 1 ? p[1] : 0) {
    case 'l': ENTITY("&lt;", '<');    break;
    case 'g': ENTITY("&gt;", '>');    break;
    case 'q': ENTITY("&quot;", '"');  break;
    case 'a': ENTITY("&amp;", '&');
              ENTITY("&apos;", '\''); break;
    }
#undef ENTITY
    return 0;
}

/* A byte at p that libxml2 would not pass through as it is: a control
 * character, CR (normalised), the "]]>" sequence or U+FFFE/U+FFFF. */
static gboolean
is_special(const guint8 *p, guint32 avail)
{
    if (p[0] < 0x20)
        return p[0] != '\t' && p[0] != '\n';
    if (p[0] == ']')
        return avail >= 3 && p[1] == ']' && p[2] == '>';
    return p[0] == 0xEF && avail >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

/* Bytes the unescaping loop must look at; all others are copied. */
static const guint8 needs_look[256] = {
    [0x00 ... 0x1F] = 1, ['&'] = 1, [']'] = 1, [0x80 ... 0xFF] = 1,
};

/* The run unescaped into the arena, or NULL when libxml2's result could
 * differ (then the text is parsed the normal way). */
static char *
unescape_run(wmem_allocator_t *arena, const guint8 *p, guint32 n, gsize *out_len)
{
    char     *out = (char *)wmem_alloc(arena, n + 1);
    gsize     o = 0;
    gboolean  non_ascii = FALSE;
    char      ch;
    guint     ref;

    for (guint32 i = 0; i < n; ) {
        guint8 c = p[i];
        if (!needs_look[c]) {
            out[o++] = (char)c;
            i++;
        } else if (c == '&' && (ref = entity_at(p + i, n - i, &ch)) != 0) {
            out[o++] = ch;
            i += ref;
        } else if (c != '&' && !is_special(p + i, n - i)) {
            non_ascii |= c >= 0x80;
            out[o++] = (char)c;
            i++;
        } else {
            wmem_free(arena, out);
            return NULL;
        }
    }
    if (non_ascii && !g_utf8_validate((const char *)p, n, NULL)) {
        wmem_free(arena, out);
        return NULL;
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* Finds the first text of at least TEXT_RUN_MIN bytes holding an entity
 * reference that is all of an element's content (right after a start tag,
 * right before an end tag). Gives up at comments, CDATA sections and
 * processing instructions, which libxml2 then reads alone. */
static gboolean
find_text_run(const guint8 *p, guint32 i, guint32 len, guint32 *start, guint32 *end)
{
    gboolean after_start_tag = FALSE;

    while (i < len) {
        if (p[i] == '<') {
            guint32 e;
            if (i + 1 >= len || p[i + 1] == '!' || p[i + 1] == '?' || !(e = xs_tag_end(p, i, len)))
                return FALSE;
            after_start_tag = p[i + 1] != '/' && p[e - 2] != '/';
            i = e;
            continue;
        }
        const guint8 *lt = memchr(p + i, '<', len - i);
        guint32 next = lt ? (guint32)(lt - p) : len;
        if (after_start_tag && lt && next + 1 < len && p[next + 1] == '/' &&
            next - i >= TEXT_RUN_MIN && next - i <= TEXT_RUN_MAX && memchr(p + i, '&', next - i)) {
            *start = i;
            *end = next;
            return TRUE;
        }
        after_start_tag = FALSE;
        i = next;
    }
    return FALSE;
}

/* Sets up b->run for the message bytes [skip, len). */
static void
cut_text_run(builder *b, const guint8 *msg, guint32 skip, guint32 len)
{
    guint32 start, end;

    if (!memchr(msg + skip, '&', len - skip) || !find_text_run(msg, skip, len, &start, &end))
        return;
    b->run.text = unescape_run(b->arena, msg + start, end - start, &b->run.text_len);
    if (!b->run.text)
        return;
    b->run.start = start;
    b->run.length = end - start;
    b->run.buf_pos = (guint32)WRAP_OPEN_LEN + (start - skip);
}

/* ---- building -------------------------------------------------------- */

/* The arena's copy of a name, prefix or namespace URI from libxml2. */
static const char *
name_in_arena(builder *b, const xmlChar *name)
{
    if (!name)
        return NULL;
    guint64 hash = (guint64)(guintptr)name * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15);    /* Fibonacci hashing */
    name_copy *slot = &b->names[hash >> (64 - NAME_CACHE_BITS)];
    if (slot->from != name || strcmp(slot->copy, (const char *)name) != 0) {
        slot->from = name;
        slot->copy = wmem_strdup(b->arena, (const char *)name);
    }
    return slot->copy;
}

static void
stop_too_large(builder *b, const char *what)
{
    if (b->doc->status == XM_OK) {
        b->doc->status = XM_TOO_LARGE;
        b->doc->error = wmem_strdup_printf(b->arena, "more than %u %s in one message; the rest is not parsed",
                                           g_str_equal(what, "elements") ? XM_MAX_ELEMENTS : XM_MAX_ATTRIBUTES, what);
        b->doc->error_offset = message_offset(b, buffer_position(b));
    }
    xmlStopParser(b->ctxt);
}

/* Without entity substitution (XML_PARSE_NOENT, which we never use),
 * libxml2 hands over an escaped '&' in an attribute value as "&#38;" and
 * every other reference already replaced; so each "&#38;" is one '&'. */
static char *
attribute_value(const builder *b, const xmlChar *start, const xmlChar *end)
{
    char *value = wmem_strndup(b->arena, (const char *)start, (gsize)(end - start));
    char *out = strstr(value, "&#38;");

    if (out) {
        for (const char *in = out; *in; ) {
            if (strncmp(in, "&#38;", 5) == 0) {
                *out++ = '&';
                in += 5;
            } else {
                *out++ = *in++;
            }
        }
        *out = '\0';
    }
    return value;
}

static void
copy_attributes(builder *b, xm_element *el, int n, const xmlChar **atts)
{
    el->n_attrs = (guint)n;
    el->attrs = n ? wmem_alloc0_array(b->arena, xm_attr, n) : NULL;
    for (int i = 0; i < n; i++) {
        const xmlChar **a = atts + 5 * i;     /* localname, prefix, URI, value, end */
        xm_attr *attr = &el->attrs[i];
        attr->name   = name_in_arena(b, a[0]);
        attr->prefix = name_in_arena(b, a[1]);
        attr->ns     = name_in_arena(b, a[2]);
        attr->value  = attribute_value(b, a[3], a[4]);
    }
}

static void
link_element(builder *b, xm_element *el)
{
    xm_element *parent = b->current ? &b->current->pub : NULL;
    el->parent = parent;
    el->depth = parent ? parent->depth + 1 : 0;
    if (parent) {
        el->ordinal = parent->last_child ? parent->last_child->ordinal + 1 : 0;
        if (parent->last_child)
            parent->last_child->next = el;
        else
            parent->first_child = el;
        parent->last_child = el;
    } else {
        el->ordinal = b->doc->n_top++;
        if (b->last_top)
            b->last_top->next = el;
        else
            b->doc->first = el;
        b->last_top = el;
    }
}

static void
set_malformed(builder *b, const char *error)
{
    if (b->doc->status != XM_OK)
        return;
    b->doc->status = XM_MALFORMED;
    b->doc->error = error;
    b->doc->error_offset = message_offset(b, buffer_position(b));
}

static void
on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                 const xmlChar *uri, int nb_namespaces G_GNUC_UNUSED, const xmlChar **namespaces G_GNUC_UNUSED,
                 int nb_attributes, int nb_defaulted G_GNUC_UNUSED, const xmlChar **attributes)
{
    builder *b = (builder *)ctx;

    if (b->depth++ == 0)
        return;                                 /* the wrapper */
    if (b->doc->n_elements >= XM_MAX_ELEMENTS) {
        stop_too_large(b, "elements");
        return;
    }
    if (b->n_attrs_total + (guint)nb_attributes > XM_MAX_ATTRIBUTES) {
        stop_too_large(b, "attributes");
        return;
    }
    b->doc->n_elements++;
    b->n_attrs_total += (guint)nb_attributes;

    element_priv *priv = wmem_new0(b->arena, element_priv);
    xm_element   *el = &priv->pub;
    el->name   = name_in_arena(b, localname);
    el->prefix = name_in_arena(b, prefix);
    el->ns     = name_in_arena(b, uri);
    el->text   = "";
    copy_attributes(b, el, nb_attributes, attributes);

    guint32 pos = buffer_position(b);
    guint32 lt  = scan_back_to_lt(b, pos);
    guint32 end = start_tag_end(b, lt, pos);
    if (el->n_attrs)
        locate_attribute_values(b, el, lt, end);
    el->span    = span_between(b, lt, end);
    el->content = span_between(b, end, b->msg_end);   /* until its end tag is seen */
    if (b->run.length && end == b->run.buf_pos)
        b->run_owner = priv;

    link_element(b, el);
    b->current = priv;
}

/* The element's direct character data, once no more can come. */
static void
finish_text(builder *b, element_priv *priv)
{
    if (priv == b->run_owner) {
        priv->pub.text = b->run.text;
        priv->pub.text_len = b->run.text_len;
        b->run_owner = NULL;
    } else if (priv->more_text) {
        priv->pub.text_len = wmem_strbuf_get_len(priv->more_text);
        priv->pub.text = wmem_strbuf_finalize(priv->more_text);
        priv->more_text = NULL;
    }
}

static void
on_end_element(void *ctx, const xmlChar *localname G_GNUC_UNUSED, const xmlChar *prefix G_GNUC_UNUSED,
               const xmlChar *uri G_GNUC_UNUSED)
{
    builder *b = (builder *)ctx;

    if (--b->depth == 0 || !b->current)
        return;                                 /* the wrapper */
    element_priv *priv = b->current;
    xm_element   *el = &priv->pub;
    guint32 start_tag_end = el->content.offset; /* message offsets from here on */
    guint32 pos = buffer_position(b);

    if (pos > b->msg_end) {
        el->complete = FALSE;                   /* closed by the implicit end tag we appended */
        el->span.length = b->msg_len - el->span.offset;
    } else {
        el->complete = TRUE;
        guint32 end_tag = message_offset(b, scan_back_to_lt(b, pos - 1));
        if (priv == b->run_owner)               /* the cut maps to the start of the run */
            end_tag += b->run.length;
        if (end_tag < start_tag_end)            /* "<x/>": the '<' found is the element's own */
            end_tag = start_tag_end;
        el->content.length = end_tag - start_tag_end;
        el->span.length = message_offset(b, pos) - el->span.offset;
    }
    finish_text(b, priv);
    b->current = (element_priv *)el->parent;
}

/* Most elements get their text in one piece: that piece is copied as it
 * is; a buffer is made only when a second one follows. */
static void
append_text(builder *b, element_priv *priv, const char *text, gsize len)
{
    xm_element *el = &priv->pub;

    if (priv->more_text) {
        wmem_strbuf_append_len(priv->more_text, text, len);
    } else if (el->text_len == 0) {
        char *copy = (char *)wmem_alloc(b->arena, len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
        el->text = copy;
        el->text_len = len;
    } else {
        priv->more_text = wmem_strbuf_new_len(b->arena, el->text, el->text_len);
        wmem_strbuf_append_len(priv->more_text, text, len);
    }
}

/* After an error, libxml2 may hand over our padding as the text of an
 * element left open; no other text can end inside it (a '<' ends text, and
 * the wrapper's end tag stands between the message and the padding). */
static gboolean
is_padding(const builder *b)
{
    return !xm_libxml_well_formed(b->ctxt) && buffer_position(b) > b->buf_len - WRAP_PADDING_LEN;
}

static void
on_characters(void *ctx, const xmlChar *ch, int len)
{
    builder *b = (builder *)ctx;
    if (is_padding(b))
        return;
    if (!b->current) {                          /* between top-level elements */
        if (!xs_is_blank((const char *)ch, (gsize)len))
            set_malformed(b, "text outside any element");
        return;
    }
    append_text(b, b->current, (const char *)ch, (gsize)len);
}

/* libxml2 reports an element left open as a mismatch with, or the
 * premature end of, our wrapper: say it in the message's own terms. Some
 * errors quote the input up to its end (an open CDATA section): the quote
 * stops before our wrapper's end tag. */
static const char *
describe_error(builder *b, xm_libxml_error *error)
{
    if (!error->message)
        return "XML parse error";
    char *msg = wmem_strdup(b->arena, error->message);
    char *wrapper_end_tag = strstr(msg, "</xmppws-");     /* WRAP_CLOSE, or as much of it as is quoted */
    if (wrapper_end_tag)
        *wrapper_end_tag = '\0';
    if (b->current && strstr(msg, WRAP_NAME))
        return wmem_strdup_printf(b->arena, "<%s> is not closed: the message ends inside it",
                                  b->current->pub.name);
    g_strchomp(msg);
    for (char *nl = strchr(msg, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' ';                              /* libxml2 adds "Bytes: 0x.." on a second line */
    return msg;
}

static void
on_error(void *ctx, xm_libxml_error *error)
{
    builder *b = (builder *)ctx;
    if (error && error->level >= XML_ERR_ERROR)
        set_malformed(b, describe_error(b, error));
}

/* Text of elements left open (truncated message): make it visible too. */
static void
finish_open_elements(builder *b)
{
    for (element_priv *priv = b->current; priv; priv = (element_priv *)priv->pub.parent) {
        finish_text(b, priv);
        priv->pub.span.length = b->msg_len - priv->pub.span.offset;
    }
}

/* ---- the parser context ------------------------------------------------ */

/* One libxml2 context serves every parse (dissection is single-threaded; a
 * parse inside a parse would get a context of its own). It is dropped after
 * a parse that did not end cleanly, as libxml2 may then keep state such as
 * namespace bindings, and once its dictionary of names has grown large. */
#define CONTEXT_MAX_NAMES 4096

static xmlParserCtxtPtr spare_context;

static xmlParserCtxtPtr
take_context(void)
{
    xmlParserCtxtPtr ctxt = spare_context;
    spare_context = NULL;
    return ctxt ? ctxt : xmlNewParserCtxt();
}

static void
give_back_context(xmlParserCtxtPtr ctxt, gboolean clean)
{
    if (clean && !spare_context && xmlDictSize(ctxt->dict) < CONTEXT_MAX_NAMES)
        spare_context = ctxt;
    else
        xmlFreeParserCtxt(ctxt);
}

void
xm_parse_cleanup(void)
{
    if (spare_context)
        xmlFreeParserCtxt(spare_context);
    spare_context = NULL;
}

/* The message bytes after `skip`, less the text run, in the wrapper. */
static guint8 *
wrap_message(const builder *b, const guint8 *msg, guint32 len, const char *implicit_close, guint32 *wrapped_len)
{
    const text_run *run = &b->run;
    guint32 skip = b->skip;
    gsize close_len = implicit_close ? strlen(implicit_close) + 3 : 0;   /* "</" name ">" */
    gsize total = WRAP_OPEN_LEN + (len - skip - run->length) + close_len + WRAP_CLOSE_LEN + WRAP_PADDING_LEN;
    guint32 before = run->length ? run->start - skip : len - skip;
    guint32 after = run->length ? run->start + run->length : len;
    guint8 *buf = (guint8 *)wmem_alloc(b->arena, total);
    guint8 *p = buf;

    memcpy(p, WRAP_OPEN, WRAP_OPEN_LEN);              p += WRAP_OPEN_LEN;
    memcpy(p, msg + skip, before);                    p += before;
    memcpy(p, msg + after, len - after);              p += len - after;
    if (implicit_close) {
        *p++ = '<';
        *p++ = '/';
        memcpy(p, implicit_close, close_len - 3);     p += close_len - 3;
        *p++ = '>';
    }
    memcpy(p, WRAP_CLOSE, WRAP_CLOSE_LEN);            p += WRAP_CLOSE_LEN;
    memset(p, ' ', WRAP_PADDING_LEN);
    *wrapped_len = (guint32)total;
    return buf;
}

/* One parse; with `cut`, of the message less its text run (*was_cut says
 * whether there was one). */
static xm_doc *
parse(wmem_allocator_t *arena, const guint8 *msg, guint32 len, guint32 skip, const char *implicit_close,
      gboolean cut, gboolean *was_cut)
{
    xm_doc  *doc = wmem_new0(arena, xm_doc);
    builder  b;

    memset(&b, 0, sizeof b);
    b.arena    = arena;
    b.doc      = doc;
    b.msg_len  = len;
    b.skip     = skip;
    b.msg_base = (guint32)WRAP_OPEN_LEN;
    if (cut)
        cut_text_run(&b, msg, skip, len);
    *was_cut = b.run.length != 0;
    b.msg_end  = b.msg_base + (len - skip - b.run.length);
    b.buf      = wrap_message(&b, msg, len, implicit_close, &b.buf_len);

    b.ctxt = take_context();
    if (!b.ctxt) {
        doc->status = XM_MALFORMED;
        doc->error = "libxml2 could not create a parser";
        return doc;
    }

    xmlSAXHandler handler;
    memset(&handler, 0, sizeof handler);
    handler.initialized    = XML_SAX2_MAGIC;
    handler.startElementNs = on_start_element;
    handler.endElementNs   = on_end_element;
    handler.characters     = on_characters;
    handler.cdataBlock     = on_characters;

    xmlSAXHandlerPtr saved = b.ctxt->sax;
    b.ctxt->sax = &handler;
    b.ctxt->userData = &b;
    xm_libxml_set_error_handler(b.ctxt, &handler, on_error, &b);
    xmlDocPtr tree = xmlCtxtReadMemory(b.ctxt, (const char *)b.buf, (int)b.buf_len, NULL, NULL,
                                       XM_LIBXML_PARSE_OPTIONS);
    if (tree)
        xmlFreeDoc(tree);
    b.ctxt->sax = saved;
    give_back_context(b.ctxt, doc->status == XM_OK && xm_libxml_well_formed(b.ctxt));
    b.ctxt = NULL;

    finish_open_elements(&b);
    if (!doc->first)
        set_malformed(&b, "no XML element in the message");
    return doc;
}

/* ---- limits libxml2 does not enforce ------------------------------------ */

/* Each attribute takes at least 5 bytes (` a=""`): a shorter message cannot
 * hold a tag with too many. */
#define ATTRIBUTE_FLOOD_MIN_BYTES (5u * (XM_MAX_ELEMENT_ATTRIBUTES + 1))

/* Offset of the '<' of the first start tag in [from, len) with more than
 * XM_MAX_ELEMENT_ATTRIBUTES attributes, or len. libxml2 2.9 checks each
 * attribute of a tag against all the earlier ones (quadratic), so such a
 * tag is never handed to it. One pass; '=' outside quotes counts. */
static guint32
attribute_flood_at(const guint8 *msg, guint32 from, guint32 len)
{
    guint32 tag = 0, count = 0;
    guint8  quote = 0;
    gboolean in_tag = FALSE;

    if (len - from <= ATTRIBUTE_FLOOD_MIN_BYTES)
        return len;

    for (guint32 i = from; i < len; i++) {
        guint8 c = msg[i];
        if (quote) {
            quote = (c == quote) ? 0 : quote;
        } else if (c == '<') {
            in_tag = i + 1 < len && msg[i + 1] != '!' && msg[i + 1] != '?' && msg[i + 1] != '/';
            tag = i;
            count = 0;
        } else if (!in_tag) {
            const guint8 *lt = memchr(msg + i, '<', len - i);   /* text: on to the next tag */
            i = lt ? (guint32)(lt - msg) - 1 : len;
        } else if (c == '>') {
            in_tag = FALSE;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '=' && ++count > XM_MAX_ELEMENT_ATTRIBUTES) {
            return tag;
        }
    }
    return len;
}

/* Where the message holds "<!DOCTYPE", or len. */
static guint32
doctype_at(const guint8 *msg, guint32 from, guint32 len)
{
    for (guint32 i = from; i + 9 <= len; i++) {
        if (msg[i] == '<' && memcmp(msg + i, "<!DOCTYPE", 9) == 0)
            return i;
    }
    return len;
}

static void
report_limit(xm_doc *doc, xm_status status, const char *error, guint32 offset)
{
    doc->status = status;
    doc->error = error;
    doc->error_offset = offset;
}

xm_doc *
xm_parse(wmem_allocator_t *arena, const guint8 *msg, guint32 len, const xm_parse_opts *opts)
{
    guint32     skip = (opts && opts->skip <= len) ? opts->skip : 0;
    const char *implicit_close = opts ? opts->implicit_close : NULL;
    guint32     flood = attribute_flood_at(msg, skip, len);
    guint32     doctype;
    gboolean    was_cut;
    xm_doc     *doc = parse(arena, msg, flood, skip, implicit_close, TRUE, &was_cut);

    /* After an error libxml2 may go on and give the run's text to another
     * element: only a parse of the whole text shows exactly what it does. */
    if (doc->status != XM_OK && was_cut)
        doc = parse(arena, msg, flood, skip, implicit_close, FALSE, &was_cut);

    if (flood < len && (doc->status == XM_OK || doc->error_offset >= flood))
        report_limit(doc, XM_TOO_LARGE, wmem_strdup_printf(arena, "an element with more than %u attributes; "
                     "the rest is not parsed", XM_MAX_ELEMENT_ATTRIBUTES), flood);
    else if (doc->status == XM_MALFORMED && (doctype = doctype_at(msg, skip, flood)) < flood)
        report_limit(doc, XM_RESTRICTED, "a DOCTYPE, which XMPP forbids (RFC 6120 11.1): not parsed, "
                     "its entities are never expanded", doctype);
    return doc;
}

/* ---- lookups for interpreters ------------------------------------------ */

const xm_attr *
xm_attr_find(const xm_element *el, const char *name)
{
    for (guint i = 0; el && i < el->n_attrs; i++) {
        if (!el->attrs[i].ns && g_str_equal(el->attrs[i].name, name))
            return &el->attrs[i];
    }
    return NULL;
}

const char *
xm_attr_value(const xm_element *el, const char *name)
{
    const xm_attr *a = xm_attr_find(el, name);
    return a ? a->value : NULL;
}

gboolean
xm_is(const xm_element *el, const char *name, const char *ns)
{
    return el && g_str_equal(el->name, name) &&
           (!ns || (el->ns && g_str_equal(el->ns, ns)));
}

const xm_element *
xm_child(const xm_element *el, const char *name, const char *ns)
{
    for (const xm_element *c = el ? el->first_child : NULL; c; c = c->next) {
        if (xm_is(c, name, ns))
            return c;
    }
    return NULL;
}
