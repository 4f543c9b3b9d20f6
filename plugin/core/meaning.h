/* meaning.h
 *
 * The one way the plugin's protocols explain an enumerated value: a
 * string_string table per enumeration (value -> meaning), and the item
 * label "value (meaning)", with "unknown" for a value the table does not
 * have.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_MEANING_H
#define XMPPWS_MEANING_H

#include <epan/packet.h>

#define XMPPWS_UNKNOWN_MEANING "unknown"

/* The meaning of `value` in `meanings`, or XMPPWS_UNKNOWN_MEANING. */
const char *xmppws_meaning(const char *value, const string_string *meanings);

/* Appends " (meaning)" to the item's label; nothing for a NULL item or an
 * empty value. */
void xmppws_item_append_meaning(proto_item *ti, const char *value, const string_string *meanings);

#endif /* XMPPWS_MEANING_H */
