/* libxml2-compat.h
 *
 * The libxml2 differences xmlmodel.c meets, in one place, so the parser
 * code has no #if of its own. Supported: libxml2 2.9 (Debian 12, and
 * Debian 13's "2.12.7+really2.9.14"), 2.12+ and 2.15 (Debian sid).
 *
 *   - 2.12 made the structured error callback take a const xmlError *;
 *   - 2.13 added xmlCtxtSetErrorHandler(), and with it XML_PARSE_NOERROR
 *     came to silence the handler too (2.15: no error is reported at all),
 *     so from 2.13 on errors go to the context's handler, without
 *     XML_PARSE_NOERROR / XML_PARSE_NOWARNING (the handler alone keeps
 *     libxml2 from printing them);
 *   - 2.14 added xmlCtxtGetInputPosition() and xmlCtxtGetStatus(), and
 *     deprecated xmlByteConsumed() and the context's wellFormed member.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_LIBXML2_COMPAT_H
#define XMPPWS_LIBXML2_COMPAT_H

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#if LIBXML_VERSION >= 21200
typedef const xmlError xm_libxml_error;
#else
typedef xmlError xm_libxml_error;
#endif

typedef void (*xm_error_handler)(void *data, xm_libxml_error *error);

/* Options for xmlCtxtReadMemory(): never the network, never entity
 * substitution, DTD loading or "huge" limits; errors go to the handler set
 * with xm_libxml_set_error_handler(). */
#if LIBXML_VERSION >= 21300
#define XM_LIBXML_PARSE_OPTIONS XML_PARSE_NONET
#else
#define XM_LIBXML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
#endif

/* Routes the context's errors to `handler` (before 2.13: through the SAX
 * handler's serror member, which the caller passes). */
static inline void
xm_libxml_set_error_handler(xmlParserCtxtPtr ctxt, xmlSAXHandler *sax, xm_error_handler handler, void *data)
{
#if LIBXML_VERSION >= 21300
    (void)sax;
    xmlCtxtSetErrorHandler(ctxt, handler, data);
#else
    (void)ctxt;
    (void)data;
    sax->serror = handler;
#endif
}

/* Bytes of the input the parser has consumed; negative when unknown. */
static inline long
xm_libxml_position(xmlParserCtxtPtr ctxt)
{
#if LIBXML_VERSION >= 21400
    unsigned long pos;
    if (xmlCtxtGetInputPosition(ctxt, 0, NULL, NULL, NULL, &pos) < 0)
        return -1;
    return (long)pos;
#else
    return xmlByteConsumed(ctxt);
#endif
}

/* TRUE while the input parsed so far is well-formed. */
static inline int
xm_libxml_well_formed(xmlParserCtxtPtr ctxt)
{
#if LIBXML_VERSION >= 21400
    return !(xmlCtxtGetStatus(ctxt) & XML_STATUS_NOT_WELL_FORMED);
#else
    return ctxt->wellFormed;
#endif
}

#endif /* XMPPWS_LIBXML2_COMPAT_H */
