/* indent.c
 *
 * Re-indents one XML document (indent.h) with libxml2: parsed into a tree
 * without blank text nodes (XML_PARSE_NOBLANKS), then written back by
 * xmlNodeDump() with formatting on. Parsed as xmlmodel.c parses messages:
 * never the network, never entity substitution, DTD loading or "huge"
 * limits, errors to a handler that drops them (libxml2-compat.h).
 *
 * Specs: XML 1.0 (5th ed.).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "indent.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "libxml2-compat.h"

static void
drop_error(void *data, xm_libxml_error *error)
{
    (void)data;
    (void)error;
}

static xmlDocPtr
read_document(const char *text, gsize len)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr        doc = NULL;

    if (!ctxt)
        return NULL;
    xm_libxml_set_error_handler(ctxt, ctxt->sax, drop_error, NULL);
    doc = xmlCtxtReadMemory(ctxt, text, (int)len, NULL, "UTF-8", XM_LIBXML_PARSE_OPTIONS | XML_PARSE_NOBLANKS);
    if (doc && !xm_libxml_well_formed(ctxt)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

char *
xm_indent(const char *text, gsize len)
{
    xmlDocPtr  doc;
    xmlNodePtr root;
    xmlBufferPtr out;
    char      *indented = NULL;

    if (len == 0 || len > G_MAXINT || !(doc = read_document(text, len)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    out = xmlBufferCreate();
    if (root && out && xmlNodeDump(out, doc, root, 0, 1) >= 0)
        indented = g_strndup((const char *)xmlBufferContent(out), (gsize)xmlBufferLength(out));
    if (out)
        xmlBufferFree(out);
    xmlFreeDoc(doc);
    return indented;
}
