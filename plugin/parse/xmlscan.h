/* xmlscan.h
 *
 * The one byte-level XML scanner of xmppws: the quick looks at raw message
 * bytes that come before (or instead of) a real parse. White space is
 * XML's (space, tab, CR, LF); a tag's end is found past quoted attribute
 * values; the prolog is an XML declaration and a DOCTYPE. None of these
 * functions allocates, reads past `len`, or calls libxml2.
 *
 * Specs: XML 1.0 (5th ed.) §2.3 (S), §2.8 (prolog: XMLDecl, doctypedecl),
 * §3.1 (start tags, quoted attribute values).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_XMLSCAN_H
#define XMPPWS_XMLSCAN_H

#include <glib.h>

/* XML white space (XML 1.0 §2.3 S). */
static inline gboolean
xs_is_space(guint8 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first offset from i that is not white space (len when none). */
static inline guint32
xs_skip_space(const guint8 *p, guint32 i, guint32 len)
{
    while (i < len && xs_is_space(p[i]))
        i++;
    return i;
}

/* TRUE when the `len` bytes at `text` are all white space (or none). */
gboolean xs_is_blank(const char *text, gsize len);

/* Just past the '>' of the tag whose '<' is at p[lt], quoted attribute
 * values skipped; 0 when the tag does not end within `len`. */
guint32 xs_tag_end(const guint8 *p, guint32 lt, guint32 len);

/* Length of a leading "<?xml ...?>" declaration with the white space before
 * and after it (0 when there is none). */
guint32 xs_xml_declaration_length(const guint8 *p, guint32 len);

/* Just past a "<!DOCTYPE ...>" at p[i], internal subset and quoted strings
 * included; 0 when there is none or it does not end within `len`. XMPP
 * forbids a DOCTYPE (RFC 6120 §11.1): this only finds where one ends. */
guint32 xs_doctype_end(const guint8 *p, guint32 i, guint32 len);

/* Where the first element starts: past the XML declaration, a DOCTYPE and
 * the white space around them. */
guint32 xs_prolog_length(const guint8 *p, guint32 len);

/* TRUE when the first element, after the prolog, is <name ...> (the name
 * compared exactly, or without regard to ASCII case). */
gboolean xs_first_element_is(const guint8 *p, guint32 len, const char *name, gboolean ignore_case);

/* TRUE when the `len` bytes at `p` contain the string `what`. */
gboolean xs_contains(const guint8 *p, guint32 len, const char *what);

#endif /* XMPPWS_XMLSCAN_H */
