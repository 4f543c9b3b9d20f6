/* filler.c
 *
 * The filler pattern (see filler.h). Specs: RFC 4648 §4 (base64 alphabet,
 * padding), §3.5 (canonical encoding: pad bits zero).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "filler.h"

#define PATTERN_LEN (sizeof RD_FILLER_PATTERN - 1)

/* 'A' is base64 for six zero bits: a canonical last character before any padding. */
#define CANONICAL_LAST 'A'

static guint8
pattern_at(gsize i)
{
    return (guint8)RD_FILLER_PATTERN[i % PATTERN_LEN];
}

static gboolean
is_base64_alphabet(guint8 c)
{
    return g_ascii_isalnum(c) || c == '+' || c == '/';
}

static gsize
padding_of(const guint8 *p, gsize len)
{
    gsize pad = 0;
    while (pad < 2 && pad < len && p[len - 1 - pad] == '=')
        pad++;
    return pad;
}

void
rd_fill_text(guint8 *p, gsize len)
{
    for (gsize i = 0; i < len; i++)
        p[i] = pattern_at(i);
}

void
rd_fill_base64(guint8 *p, gsize len)
{
    gsize pad = padding_of(p, len);
    gsize data = len - pad;

    rd_fill_text(p, data);
    if (pad && data)
        p[data - 1] = CANONICAL_LAST;
}

void
rd_fill_base64_alphabet(guint8 *p, gsize len)
{
    guint8 markup_end = 0;              /* '>' inside a tag, ';' inside an entity reference */
    gsize  n = 0;

    for (gsize i = 0; i < len; i++) {
        if (markup_end) {
            if (p[i] == markup_end)
                markup_end = 0;
        } else if (p[i] == '<' || p[i] == '&') {
            markup_end = p[i] == '<' ? '>' : ';';
        } else if (is_base64_alphabet(p[i])) {
            p[i] = pattern_at(n++);
        }
    }
}

gboolean
rd_is_filler_text(const guint8 *p, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        if (p[i] != pattern_at(i))
            return FALSE;
    }
    return TRUE;
}

gboolean
rd_is_filler_base64(const guint8 *p, gsize len)
{
    gsize pad = padding_of(p, len);
    gsize data = len - pad;

    if (pad && data)
        return p[data - 1] == CANONICAL_LAST && rd_is_filler_text(p, data - 1);
    return rd_is_filler_text(p, data);
}
