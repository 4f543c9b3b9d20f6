/* tree.h
 *
 * The tree view of a message's elements: for each top-level element its
 * name, namespace and the stanza attributes every user filters on (from,
 * to, id, type), then a generic view of everything inside it (name,
 * namespace, attributes, text, children), so nothing is invisible; and the
 * helpers interpreters use to add a field over exactly the bytes of an
 * attribute value or an element's text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_TREE_H
#define XMPPWS_TREE_H

#include "message.h"
#include "xmlmodel.h"

void xmppws_tree_register(int proto);

/* Adds a top-level element, labelled with its summary; returns its
 * subtree (NULL without a tree). */
proto_tree *xmppws_tree_add_element(xmppws_msg *msg, const xm_element *el, const char *summary);

/* A field holding an attribute's value, or an element's text, over
 * exactly those bytes. Return NULL (adding nothing) when the attribute or
 * text is absent. */
proto_item *xmppws_tree_add_attribute(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el,
                                      const char *name);
proto_item *xmppws_tree_add_text(xmppws_msg *msg, proto_tree *tree, int hf, const xm_element *el);

/* A subtree over the bytes of `el` (only its start tag when its text is a
 * hidden secret), labelled `label`. */
proto_tree *xmppws_tree_add_subtree(xmppws_msg *msg, proto_tree *tree, const xm_element *el, gint ett,
                                    const char *label);

/* The generic view (xmppws.xml.*) of an element and everything inside it. */
void xmppws_tree_add_generic(xmppws_msg *msg, proto_tree *tree, const xm_element *el);

#endif /* XMPPWS_TREE_H */
