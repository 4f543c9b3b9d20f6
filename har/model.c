/* model.c
 *
 * Reads a HAR document (HAR 1.2, see model.h) into har_log: for each entry
 * of log.entries the request (method, URL, httpVersion, headers,
 * postData.text), the response (status, statusText, headers,
 * content.text, decoded when content.encoding is "base64"),
 * startedDateTime (ISO 8601) and timings, serverIPAddress (DevTools writes
 * IPv6 in brackets) and Playwright's _serverPort, and the WebSocket
 * messages (messages.c).
 *
 * Whatever an entry lacks that the packets need (a usable URL, a start
 * time) skips that entry with a warning; whatever the file lacks that makes
 * it a HAR (log, log.entries) fails the whole file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "model.h"

#include <string.h>

#include "error.h"
#include "json.h"
#include "messages.h"
#include "url.h"

/* ---- small readers --------------------------------------------------------- */

static GArray *
new_headers(void)
{
    return g_array_new(FALSE, TRUE, sizeof(har_header));
}

static void
read_headers(const har_json *doc, int object, GArray *out)
{
    int array = har_json_member(doc, object, "headers");
    for (int h = har_json_first(doc, array); h >= 0; h = har_json_next(doc, array, h)) {
        har_header header = {
            .name = har_json_member_strdup(doc, h, "name"),
            .value = har_json_member_strdup(doc, h, "value"),
        };
        if (header.name && header.value) {
            g_array_append_val(out, header);
        } else {
            g_free(header.name);
            g_free(header.value);
        }
    }
}

static gint64
parse_iso8601(const char *text)
{
    GDateTime *dt = text ? g_date_time_new_from_iso8601(text, NULL) : NULL;
    if (!dt)
        return 0;
    gint64 us = g_date_time_to_unix(dt) * G_USEC_PER_SEC + g_date_time_get_microsecond(dt);
    g_date_time_unref(dt);
    return us > 0 ? us : 0;
}

static double
timing(const har_json *doc, int timings, const char *name)
{
    double value = -1;
    if (!har_json_member_number(doc, timings, name, &value) || value < 0 || value > 1e10)
        return -1;
    return value;
}

static void
read_timings(const har_json *doc, int entry, har_timings *t)
{
    int timings = har_json_member(doc, entry, "timings");
    t->blocked = timing(doc, timings, "blocked");
    t->dns = timing(doc, timings, "dns");
    t->connect = timing(doc, timings, "connect");
    t->send = timing(doc, timings, "send");
    t->wait = timing(doc, timings, "wait");
    t->receive = timing(doc, timings, "receive");
}

/* The bytes of content.text or postData.text; base64 when encoding says so. */
static GByteArray *
read_body(const har_json *doc, int holder)
{
    GByteArray *text = har_json_bytes(doc, har_json_member(doc, holder, "text"));
    char *encoding = har_json_member_strdup(doc, holder, "encoding");
    if (text && g_strcmp0(encoding, "base64") == 0) {
        guint8 nul = 0;
        gsize len = 0;
        g_byte_array_append(text, &nul, 1);
        guchar *raw = g_base64_decode((const char *)text->data, &len);
        g_byte_array_unref(text);
        text = g_byte_array_new_take(raw, len);
    }
    g_free(encoding);
    return text;
}

static char *
server_ip(const har_json *doc, int entry)
{
    char *ip = har_json_member_strdup(doc, entry, "serverIPAddress");
    if (ip && ip[0] == '[') {
        char *end = strchr(ip, ']');
        char *bare = g_strndup(ip + 1, end ? (gsize)(end - ip - 1) : strlen(ip + 1));
        g_free(ip);
        ip = bare;
    }
    return ip;
}

static char *
failure_text(const har_json *doc, int response)
{
    char *text = har_json_member_strdup(doc, response, "_failureText");
    return text ? text : har_json_member_strdup(doc, response, "_error");
}

/* ---- one entry --------------------------------------------------------------- */

static void
entry_free(gpointer data)
{
    har_entry *e = data;
    g_free(e->method);
    har_url_clear(&e->url);
    g_free(e->http_version);
    for (guint i = 0; i < e->request_headers->len; i++) {
        g_free(g_array_index(e->request_headers, har_header, i).name);
        g_free(g_array_index(e->request_headers, har_header, i).value);
    }
    for (guint i = 0; i < e->response_headers->len; i++) {
        g_free(g_array_index(e->response_headers, har_header, i).name);
        g_free(g_array_index(e->response_headers, har_header, i).value);
    }
    g_array_free(e->request_headers, TRUE);
    g_array_free(e->response_headers, TRUE);
    if (e->request_body)
        g_byte_array_unref(e->request_body);
    if (e->response_body)
        g_byte_array_unref(e->response_body);
    g_free(e->status_text);
    g_free(e->server_ip);
    for (guint i = 0; i < e->messages->len; i++)
        har_message_clear(&g_array_index(e->messages, har_ws_message, i));
    g_array_free(e->messages, TRUE);
    g_free(e->failure);
    g_free(e);
}

static har_entry *
entry_new(guint index)
{
    har_entry *e = g_new0(har_entry, 1);
    e->index = index;
    e->request_headers = new_headers();
    e->response_headers = new_headers();
    e->messages = g_array_new(FALSE, TRUE, sizeof(har_ws_message));
    e->body_size = -1;
    return e;
}

static void
read_request(const har_json *doc, int request, har_entry *e)
{
    e->method = har_json_member_strdup(doc, request, "method");
    e->http_version = har_json_member_strdup(doc, request, "httpVersion");
    read_headers(doc, request, e->request_headers);
    int post = har_json_member(doc, request, "postData");
    if (har_json_is_object(doc, post))
        e->request_body = read_body(doc, post);
}

static void
read_response(const har_json *doc, int response, har_entry *e)
{
    double status = 0, size = -1;
    if (har_json_member_number(doc, response, "status", &status) && status >= 100 && status <= 999)
        e->status = (int)status;
    e->status_text = har_json_member_strdup(doc, response, "statusText");
    read_headers(doc, response, e->response_headers);
    int content = har_json_member(doc, response, "content");
    e->response_body = read_body(doc, content);
    if (har_json_member_number(doc, content, "size", &size) && size >= 0 && size < 1e15)
        e->body_size = (gint64)size;
    e->failure = failure_text(doc, response);
}

static void
read_server(const har_json *doc, int entry, har_entry *e)
{
    double port = 0;
    e->server_ip = server_ip(doc, entry);
    if (har_json_member_number(doc, entry, "_serverPort", &port) && port >= 1 && port <= 65535)
        e->server_port = (int)port;
}

static gboolean
is_websocket(const har_json *doc, int entry, const har_entry *e)
{
    char *type = har_json_member_strdup(doc, entry, "_resourceType");
    gboolean ws = g_strcmp0(type, "websocket") == 0 ||
                  har_json_is_array(doc, har_json_member(doc, entry, "_webSocketMessages")) ||
                  strcmp(e->url.scheme, "ws") == 0 || strcmp(e->url.scheme, "wss") == 0;
    g_free(type);
    return ws;
}

/* The first message time, for a WebSocket entry without startedDateTime. */
static gint64
first_message_time(const har_entry *e)
{
    for (guint i = 0; i < e->messages->len; i++)
        if (g_array_index(e->messages, har_ws_message, i).time_us)
            return g_array_index(e->messages, har_ws_message, i).time_us;
    return 0;
}

static void
warn(har_log *log, guint index, const char *why)
{
    log->skipped++;
    if (log->warnings->len < HAR_MAX_WARNINGS)
        g_ptr_array_add(log->warnings, g_strdup_printf("entry %u skipped: %s", index + 1, why));
}

static void
read_entry(const har_json *doc, int entry, guint index, har_log *log)
{
    if (!har_json_is_object(doc, entry)) {
        warn(log, index, "not a JSON object");
        return;
    }
    int request = har_json_member(doc, entry, "request");
    char *url = har_json_member_strdup(doc, request, "url");
    har_entry *e = entry_new(index);
    gboolean usable = har_url_parse(url, &e->url);
    g_free(url);
    if (!usable) {
        warn(log, index, "no http, https, ws or wss URL");
        entry_free(e);
        return;
    }
    read_request(doc, request, e);
    read_response(doc, har_json_member(doc, entry, "response"), e);
    read_server(doc, entry, e);
    read_timings(doc, entry, &e->timings);
    e->websocket = is_websocket(doc, entry, e);
    guint bad = har_messages_read(doc, har_json_member(doc, entry, "_webSocketMessages"), e, log);
    if (bad && log->warnings->len < HAR_MAX_WARNINGS)
        g_ptr_array_add(log->warnings, g_strdup_printf("entry %u: %u WebSocket messages unreadable, left out", index + 1, bad));
    char *started = har_json_member_strdup(doc, entry, "startedDateTime");
    e->start_us = parse_iso8601(started);
    g_free(started);
    if (!e->start_us)
        e->start_us = first_message_time(e);
    if (!e->start_us) {
        warn(log, index, "no valid startedDateTime");
        entry_free(e);
        return;
    }
    if (!e->method)
        e->method = g_strdup("GET");
    g_ptr_array_add(log->entries, e);
}

/* ---- the log ------------------------------------------------------------------- */

static char *
creator(const har_json *doc, int log)
{
    int c = har_json_member(doc, log, "creator");
    char *name = har_json_member_strdup(doc, c, "name");
    char *version = har_json_member_strdup(doc, c, "version");
    char *text = name ? g_strdup_printf("%s%s%s", name, version ? " " : "", version ? version : "") : NULL;
    g_free(name);
    g_free(version);
    return text;
}

static int
find_entries(const har_json *doc, GError **error)
{
    if (!har_json_is_object(doc, 0)) {
        har_fail(error, HAR_ERROR_NOT_HAR, "not a HAR file: the JSON is not an object");
        return -1;
    }
    int log = har_json_member(doc, 0, "log");
    if (!har_json_is_object(doc, log)) {
        har_fail(error, HAR_ERROR_NOT_HAR, "not a HAR file: no \"log\" object");
        return -1;
    }
    int entries = har_json_member(doc, log, "entries");
    if (!har_json_is_array(doc, entries)) {
        har_fail(error, HAR_ERROR_NOT_HAR, "not a HAR file: no \"log.entries\" array");
        return -1;
    }
    return entries;
}

har_log *
har_log_read(const char *text, size_t len, GError **error)
{
    har_json doc;
    if (!har_json_parse(&doc, text, len, error))
        return NULL;
    int entries = find_entries(&doc, error);
    if (entries < 0) {
        har_json_clear(&doc);
        return NULL;
    }
    har_log *log = g_new0(har_log, 1);
    log->entries = g_ptr_array_new_with_free_func(entry_free);
    log->warnings = g_ptr_array_new_with_free_func(g_free);
    log->creator = creator(&doc, har_json_member(&doc, 0, "log"));
    guint index = 0;
    for (int e = har_json_first(&doc, entries); e >= 0; e = har_json_next(&doc, entries, e))
        read_entry(&doc, e, index++, log);
    har_json_clear(&doc);
    return log;
}

void
har_log_free(har_log *log)
{
    if (!log)
        return;
    g_ptr_array_free(log->entries, TRUE);
    g_ptr_array_free(log->warnings, TRUE);
    g_free(log->creator);
    g_free(log);
}

const char *
har_header_find(const GArray *headers, const char *name)
{
    for (guint i = 0; i < headers->len; i++)
        if (g_ascii_strcasecmp(g_array_index(headers, har_header, i).name, name) == 0)
            return g_array_index(headers, har_header, i).value;
    return NULL;
}
