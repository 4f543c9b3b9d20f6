/* elementtree.h
 *
 * The tree view of a message's elements: for each top-level element its
 * name, namespace and the stanza attributes every user filters on
 * (from, to, id, type), then a generic view of everything inside it
 * (name, namespace, attributes, text, children), so nothing is invisible.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_ELEMENTTREE_H
#define XMPPWS_ELEMENTTREE_H

#include "xmppws.h"

void xmppws_elementtree_register(int proto);

/* Adds a top-level element, labelled with its summary; returns its
 * subtree (NULL without a tree). */
proto_tree *xmppws_elementtree_add(xmppws_msg *msg, const xm_element *el, const char *summary);

/* Helpers for interpreters: a field holding an attribute's value, or an
 * element's text, over exactly those bytes. Return NULL (adding nothing)
 * when the attribute or text is absent. */
proto_item *xmppws_add_attribute(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el,
                                 const char *name);
proto_item *xmppws_add_text(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el);

/* The generic view (xmppws.xml.*) of an element and everything inside it. */
void xmppws_add_generic_element(xmppws_msg *msg, proto_tree *tree, const xm_element *el);

#endif /* XMPPWS_ELEMENTTREE_H */
