/* edits.c
 *
 * The byte changes of the copy, by frame (see edits.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "edits.h"

#include <string.h>

typedef struct {
    guint32 offset;
    GBytes *bytes;
} edit;

struct rd_edits {
    GHashTable *by_frame;        /* frame number -> GArray of edit */
};

static void
edit_clear(gpointer e)
{
    g_bytes_unref(((edit *)e)->bytes);
}

static void
list_free(gpointer list)
{
    g_array_unref(list);
}

rd_edits *
rd_edits_new(void)
{
    rd_edits *edits = g_new0(rd_edits, 1);
    edits->by_frame = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, list_free);
    return edits;
}

void
rd_edits_free(rd_edits *edits)
{
    if (!edits)
        return;
    g_hash_table_destroy(edits->by_frame);
    g_free(edits);
}

void
rd_edits_add(rd_edits *edits, guint32 frame, guint32 offset, const guint8 *bytes, guint32 len)
{
    GArray *list = g_hash_table_lookup(edits->by_frame, GUINT_TO_POINTER(frame));
    edit    e = { offset, g_bytes_new(bytes, len) };

    if (!list) {
        list = g_array_new(FALSE, FALSE, sizeof(edit));
        g_array_set_clear_func(list, edit_clear);
        g_hash_table_insert(edits->by_frame, GUINT_TO_POINTER(frame), list);
    }
    g_array_append_val(list, e);
}

gboolean
rd_edits_has(const rd_edits *edits, guint32 frame)
{
    return g_hash_table_contains(edits->by_frame, GUINT_TO_POINTER(frame));
}

void
rd_edits_apply(const rd_edits *edits, guint32 frame, guint8 *data, guint32 caplen)
{
    GArray *list = g_hash_table_lookup(edits->by_frame, GUINT_TO_POINTER(frame));

    for (guint i = 0; list && i < list->len; i++) {
        const edit   *e = &g_array_index(list, edit, i);
        gsize         n;
        const guint8 *b = g_bytes_get_data(e->bytes, &n);
        if (e->offset < caplen)
            memcpy(data + e->offset, b, MIN(n, (gsize)(caplen - e->offset)));
    }
}
