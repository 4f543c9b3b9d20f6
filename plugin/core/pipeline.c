/* pipeline.c
 *
 * The per-message pipeline (see pipeline.h).
 *
 * Specs: RFC 6120 §8 (stanzas), RFC 7395 §3.3.3 (one top-level element per
 * WebSocket message; several are accepted and dissected).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pipeline.h"

#include <string.h>

#include <epan/expert.h>

#include "events.h"
#include "summary.h"
#include "tree.h"

static expert_field ei_malformed = EI_INIT;
static expert_field ei_too_large = EI_INIT;
static expert_field ei_truncated = EI_INIT;

/* Every registered interpreter, in order (const xmppws_interpreter *). */
static GPtrArray *interpreters;

void
xmppws_pipeline_add_interpreter(const xmppws_interpreter *interpreter)
{
    if (!interpreters)
        interpreters = g_ptr_array_new();
    g_ptr_array_add(interpreters, (gpointer)interpreter);
}

static gboolean
enabled(const xmppws_interpreter *interpreter)
{
    return proto_is_protocol_enabled(find_protocol_by_id(*interpreter->proto));
}

static void
interpret(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    for (guint i = 0; interpreters && i < interpreters->len; i++) {
        const xmppws_interpreter *interpreter = (const xmppws_interpreter *)g_ptr_array_index(interpreters, i);
        if (interpreter->element && enabled(interpreter))
            interpreter->element(msg, el, tree);
    }
}

/* The Info text of a message's elements: their summaries separated by
 * ", ", a run of identical ones written once with its count ("SM r ×3"). */
typedef struct {
    wmem_strbuf_t *text;
    const char    *last;
    guint          repeats;
} info_list;

static void
info_list_end_run(info_list *list)
{
    if (list->repeats > 1)
        wmem_strbuf_append_printf(list->text, " \u00d7%u", list->repeats);
}

static void
info_list_add(info_list *list, const char *summary)
{
    if (list->last && strcmp(list->last, summary) == 0) {
        list->repeats++;
        return;
    }
    info_list_end_run(list);
    if (list->last)
        wmem_strbuf_append(list->text, ", ");
    wmem_strbuf_append(list->text, summary);
    list->last = summary;
    list->repeats = 1;
}

const char *
xmppws_pipeline_dissect_elements(xmppws_msg *msg, const xm_element *first)
{
    info_list info = { wmem_strbuf_new(msg->pinfo->pool, ""), NULL, 0 };

    for (const xm_element *el = first; el; el = el->next) {
        const char *summary = xmppws_summary(msg->pinfo->pool, el);
        msg->info = NULL;
        xmppws_events_note_element(msg, el);
        interpret(msg, el, xmppws_tree_add_element(msg, el, summary));
        info_list_add(&info, msg->info ? wmem_strbuf_get_str(msg->info) : summary);
    }
    info_list_end_run(&info);
    return wmem_strbuf_finalize(info.text);
}

void
xmppws_pipeline_report_parse_problems(xmppws_msg *msg, const xm_doc *doc)
{
    guint32 captured = tvb_captured_length(msg->tvb);
    guint32 reported = tvb_reported_length(msg->tvb);

    if (doc->status != XM_OK)
        expert_add_info_format(msg->pinfo, msg->item, doc->status == XM_TOO_LARGE ? &ei_too_large : &ei_malformed,
                               "%s XML: %s (at byte %u of %u)",
                               doc->status == XM_TOO_LARGE ? "Oversized" : "Malformed",
                               doc->error, doc->error_offset, captured);
    if (captured < reported)
        expert_add_info_format(msg->pinfo, msg->item, &ei_truncated,
                               "Only %u of the message's %u bytes are in the capture (snap length, or the "
                               "WebSocket unmasking limit)", captured, reported);
}

void
xmppws_pipeline_finish(xmppws_msg *msg, const char *protocol, const char *info)
{
    xmppws_connection_note_message(msg->conn, msg->pinfo, msg->index);
    for (guint i = 0; interpreters && i < interpreters->len; i++) {
        const xmppws_interpreter *interpreter = (const xmppws_interpreter *)g_ptr_array_index(interpreters, i);
        if (interpreter->message_end && enabled(interpreter))
            interpreter->message_end(msg);
    }
    xmppws_message_add_text(msg);
    xmppws_message_set_columns(msg, protocol, info);
    xmppws_events_queue_message(msg, info);
}

void
xmppws_pipeline_register(int proto)
{
    static ei_register_info ei[] = {
        { &ei_malformed,
          { "xmppws.expert.malformed", PI_MALFORMED, PI_ERROR,
            "Malformed XML", EXPFILL }},
        { &ei_too_large,
          { "xmppws.expert.too_large", PI_MALFORMED, PI_WARN,
            "Message too large to parse completely", EXPFILL }},
        { &ei_truncated,
          { "xmppws.expert.truncated", PI_MALFORMED, PI_WARN,
            "Message not completely captured", EXPFILL }},
    };

    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
