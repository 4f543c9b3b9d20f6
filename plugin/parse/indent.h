/* indent.h
 *
 * An XML document re-indented for reading: one element per line, two
 * spaces per level, by libxml2's own serializer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_INDENT_H
#define XMPPWS_INDENT_H

#include <glib.h>

/* `text` (`len` bytes, one XML document: e.g. an unescaped payload)
 * with its whitespace-only text between elements replaced by indentation,
 * no XML declaration (g_free); NULL when it is not a well-formed document
 * within libxml2's default limits. */
char *xm_indent(const char *text, gsize len);

#endif /* XMPPWS_INDENT_H */
