/* printable.c
 *
 * Text fit to show (see printable.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "printable.h"

#define REPLACEMENT_CHARACTER "\xef\xbf\xbd"   /* U+FFFD */
#define SYMBOL_FOR_NULL       "\xe2\x90\x80"   /* U+2400 */

char *
xm_printable(wmem_allocator_t *arena, const char *p, gsize len)
{
    wmem_strbuf_t *s = wmem_strbuf_new(arena, "");
    const char    *end = p + len;

    while (p < end) {
        const gchar *valid_end;

        g_utf8_validate(p, end - p, &valid_end);    /* stops at an invalid byte or a NUL */
        wmem_strbuf_append_len(s, p, (gsize)(valid_end - p));
        if (valid_end == end)
            break;
        wmem_strbuf_append(s, *valid_end ? REPLACEMENT_CHARACTER : SYMBOL_FOR_NULL);
        p = valid_end + 1;
    }
    return wmem_strbuf_finalize(s);
}
