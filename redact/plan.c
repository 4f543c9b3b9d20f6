/* plan.c
 *
 * A message's credentials as stream patches (see plan.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "plan.h"

#include "msgmap.h"
#include "tcpflow.h"

static void
patch_stream(void *ctx, guint64 stream_offset, const guint8 *wire, guint32 len)
{
    rd_dir_patch(ctx, stream_offset, wire, len);
}

void
rd_plan_message(rd_credentials *credentials, const rd_message *m, gboolean checking)
{
    rd_flow *flow = rd_dir_flow(m->dir);
    char    *session = g_strdup_printf("connection %u", flow->id);
    guint8  *copy = g_memdup2(m->bytes, m->len);
    GArray  *spans = g_array_new(FALSE, FALSE, sizeof(rd_span));
    rd_message_place place = { rd_dir_frame(m->dir), flow->id, m->transport, session, m->map != NULL };
    const guint8 *wanted = checking ? m->bytes : copy;

    rd_credentials_redact(credentials, copy, m->len, &place, spans);
    for (guint i = 0; m->map && i < spans->len; i++) {
        const rd_span *span = &g_array_index(spans, rd_span, i);
        rd_msgmap_wire(m->map, span->offset, wanted + span->offset, span->length, patch_stream, m->dir);
    }
    g_array_unref(spans);
    g_free(copy);
    g_free(session);
}
