/* numbers.h
 *
 * The one way xmppws reads a number or a boolean from XML text. A number is
 * decimal digits, an
 * optional sign ('+', and '-' for signed values), XML white space allowed
 * around it (XML Schema collapses it for numeric types), nothing else, and
 * within the range asked for. Attribute values (rid, h, max, wait, ...),
 * element text (priority, reasonCodeId, queue statistics) and SASL values
 * (SCRAM i=) all go through here.
 *
 * A boolean is "true", "1", "false" or "0".
 *
 * Specs: XML Schema Part 2 §3.2.2 (boolean), §3.3.13 (integer), §3.3.22
 * (unsignedInt).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_NUMBERS_H
#define XMPPWS_NUMBERS_H

#include <glib.h>

/* Each returns FALSE, leaving *out alone, when `text` is NULL, not a
 * number as described above, or outside the range. */
gboolean xm_parse_uint64(const char *text, guint64 *out);
gboolean xm_parse_uint32(const char *text, guint32 *out);
gboolean xm_parse_int32(const char *text, gint32 min, gint32 max, gint32 *out);
gboolean xm_parse_boolean(const char *text, gboolean *out);

#endif /* XMPPWS_NUMBERS_H */
