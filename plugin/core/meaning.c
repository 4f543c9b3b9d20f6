/* meaning.c
 *
 * "value (meaning)" labels (see meaning.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "meaning.h"

const char *
xmppws_meaning(const char *value, const string_string *meanings)
{
    const char *meaning = value ? try_str_to_str(value, meanings) : NULL;
    return meaning ? meaning : XMPPWS_UNKNOWN_MEANING;
}

void
xmppws_item_append_meaning(proto_item *ti, const char *value, const string_string *meanings)
{
    if (ti && value && *value)
        proto_item_append_text(ti, " (%s)", xmppws_meaning(value, meanings));
}
