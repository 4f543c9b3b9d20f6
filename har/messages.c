/* messages.c
 *
 * _webSocketMessages (see model.h): type, time, opcode and data of each
 * message. DevTools writes text frames (opcode 1) as their UTF-8 text and
 * every other opcode as base64 (devtools-frontend models/har/Log.ts),
 * Playwright the same (its HAR tracer); an "error" entry's data is the
 * browser's error text. RFC 6455 section 5.2 for the opcodes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "messages.h"

#include <math.h>
#include <string.h>

#define MILLISECONDS_FROM 1e11

gint64
har_message_time_us(double time, gboolean *milliseconds)
{
    *milliseconds = time >= MILLISECONDS_FROM;
    if (time < 0 || time > 1e15)
        return 0;
    return (gint64)llround(*milliseconds ? time * 1000.0 : time * 1e6);
}

static gboolean
read_type(const har_json *doc, int message, har_ws_type *type)
{
    char *text = har_json_member_strdup(doc, message, "type");
    gboolean known = TRUE;
    if (g_strcmp0(text, "send") == 0)
        *type = HAR_WS_SEND;
    else if (g_strcmp0(text, "receive") == 0)
        *type = HAR_WS_RECEIVE;
    else if (g_strcmp0(text, "error") == 0)
        *type = HAR_WS_ERROR;
    else
        known = FALSE;
    g_free(text);
    return known;
}

/* Strict base64 (RFC 4648 section 4): g_base64_decode skips what it does
 * not know, which would turn a corrupt message into a shorter one. */
static gboolean
is_base64(const GByteArray *text)
{
    if (text->len % 4 != 0)
        return FALSE;
    for (guint i = 0; i < text->len; i++) {
        guint8 c = text->data[i];
        gboolean pad = c == '=' && i + 2 >= text->len && (i + 1 == text->len || text->data[i + 1] == '=');
        if (!g_ascii_isalnum(c) && c != '+' && c != '/' && !pad)
            return FALSE;
    }
    return TRUE;
}

static GByteArray *
decode_base64(GByteArray *text)
{
    if (!is_base64(text)) {
        g_byte_array_unref(text);
        return NULL;
    }
    guint8 nul = 0;
    g_byte_array_append(text, &nul, 1);
    gsize len = 0;
    guchar *raw = g_base64_decode((const char *)text->data, &len);
    g_byte_array_unref(text);
    return g_byte_array_new_take(raw, len);
}

/* Text frames and error texts as they are, every other opcode from base64. */
static GByteArray *
read_data(const har_json *doc, int message, har_ws_type type, int opcode)
{
    int data = har_json_member(doc, message, "data");
    GByteArray *bytes = har_json_bytes(doc, data);
    if (!bytes && data < 0)
        return g_byte_array_new();
    if (!bytes || type == HAR_WS_ERROR || opcode == 1)
        return bytes;
    return decode_base64(bytes);
}

static gboolean
read_message(const har_json *doc, int index, har_ws_message *out, har_log *log)
{
    double time = -1, opcode = 1;
    memset(out, 0, sizeof *out);
    if (!read_type(doc, index, &out->type))
        return FALSE;
    if (har_json_member(doc, index, "opcode") >= 0 && !har_json_member_number(doc, index, "opcode", &opcode))
        return FALSE;
    /* DevTools gives an error entry opcode -1: only frames need a real one. */
    gboolean frame = out->type != HAR_WS_ERROR;
    if (frame && (opcode < 0 || opcode > 15 || opcode != floor(opcode)))
        return FALSE;
    out->opcode = frame ? (int)opcode : 1;
    out->data = read_data(doc, index, out->type, out->opcode);
    if (!out->data)
        return FALSE;
    if (har_json_member_number(doc, index, "time", &time)) {
        gboolean ms;
        out->time_us = har_message_time_us(time, &ms);
        if (out->time_us)
            (*(ms ? &log->millisecond_messages : &log->seconds_messages))++;
    }
    return TRUE;
}

guint
har_messages_read(const har_json *doc, int messages, har_entry *entry, har_log *log)
{
    guint skipped = 0;
    for (int m = har_json_first(doc, messages); m >= 0; m = har_json_next(doc, messages, m)) {
        har_ws_message message;
        if (read_message(doc, m, &message, log))
            g_array_append_val(entry->messages, message);
        else
            skipped++;
    }
    return skipped;
}

void
har_message_clear(har_ws_message *message)
{
    if (message->data)
        g_byte_array_unref(message->data);
    message->data = NULL;
}
