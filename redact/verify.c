/* verify.c
 *
 * Checking a copy before it is kept (see verify.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _GNU_SOURCE                     /* memmem */
#include "verify.h"

#include <string.h>

gboolean
rd_verify_report(const rd_report *copy, const rd_report *original, GString *why)
{
    const GArray *found = rd_report_founds(copy);
    guint         expected = rd_report_founds(original)->len;
    gboolean      ok = TRUE;

    for (guint i = 0; i < found->len; i++) {
        const rd_found *f = &g_array_index(found, rd_found, i);
        if (f->changed) {
            g_string_append_printf(why, "frame %u still holds a %s\n", f->frame, rd_kind_name(f->kind));
            ok = FALSE;
        }
    }
    if (rd_report_has_problem(copy, RD_PROBLEM_KEPT)) {
        g_string_append(why, "credentials that cannot be rewritten are still there\n");
        ok = FALSE;
    }
    if (found->len != expected) {
        g_string_append_printf(why, "read back, it holds %u credentials where the original held %u\n", found->len,
                               expected);
        ok = FALSE;
    }
    return ok;
}

gboolean
rd_verify_bytes(const guint8 *p, gsize len, const rd_report *original, GString *why)
{
    const GPtrArray *secrets = rd_report_secrets(original);
    guint            left = 0;

    for (guint i = 0; len && i < secrets->len; i++) {
        gsize         n;
        const guint8 *s = g_bytes_get_data(g_ptr_array_index(secrets, i), &n);
        left += memmem(p, len, s, n) != NULL;
    }
    if (left)
        g_string_append_printf(why, "%u original credential values are still in its bytes\n", left);
    return left == 0;
}

gboolean
rd_verify_file_bytes(const char *path, const rd_report *original, GString *why)
{
    GError      *error = NULL;
    GMappedFile *file = g_mapped_file_new(path, FALSE, &error);
    gboolean     ok;

    if (!file) {
        g_string_append_printf(why, "cannot read it back: %s\n", error->message);
        g_error_free(error);
        return FALSE;
    }
    ok = rd_verify_bytes((const guint8 *)g_mapped_file_get_contents(file), g_mapped_file_get_length(file), original,
                         why);
    g_mapped_file_unref(file);
    return ok;
}
