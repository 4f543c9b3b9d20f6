/* model.h
 *
 * A HAR file read into what the packet builder needs. HAR 1.2 (Jan
 * Odvarko's W3C draft "HTTP Archive (HAR) format", 2012) plus the WebSocket
 * extension Chrome DevTools and Playwright write:
 *
 *   entry._resourceType == "websocket", and entry._webSocketMessages:
 *   [{type: "send" | "receive" | "error", time, opcode, data}]
 *
 * DevTools (devtools-frontend models/har/Log.ts) and mitmproxy write the
 * time in epoch seconds, Playwright's recordHar in epoch milliseconds; the
 * reader tells them apart per message (see model.c). Text messages
 * (opcode 1) are UTF-8, all other opcodes base64. Playwright records a
 * socket error as response._failureText, DevTools a failed request as
 * response._error; both become packet comments.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_MODEL_H
#define XMPPWS_HAR_MODEL_H

#include <glib.h>

typedef struct {
    char *name;
    char *value;
} har_header;

typedef enum {
    HAR_WS_SEND,
    HAR_WS_RECEIVE,
    HAR_WS_ERROR
} har_ws_type;

typedef struct {
    har_ws_type type;
    gint64 time_us;      /* epoch microseconds; 0 if the HAR has none */
    int opcode;          /* RFC 6455 opcode as recorded */
    GByteArray *data;    /* payload (or the error text) */
} har_ws_message;

typedef struct {
    char *scheme;        /* lower case: http, https, ws, wss */
    char *host;          /* without brackets */
    int port;            /* from the URL, else the scheme's default */
    char *target;        /* path and query, as sent in the request line */
} har_url;

/* HAR "timings", in milliseconds; negative when the HAR has none. */
typedef struct {
    double blocked, dns, connect, send, wait, receive;
} har_timings;

typedef struct {
    guint index;                 /* position in log.entries, from 0 */
    char *method;
    har_url url;
    char *http_version;          /* as in the HAR: "HTTP/1.1", "h2", "http/2.0", ... */
    GArray *request_headers;     /* har_header */
    GByteArray *request_body;    /* NULL: no postData */
    int status;                  /* 0: no response */
    char *status_text;
    GArray *response_headers;    /* har_header */
    GByteArray *response_body;   /* NULL: no content.text */
    gint64 body_size;            /* content.size, -1 if absent */
    char *server_ip;             /* serverIPAddress without brackets, or NULL */
    int server_port;             /* _serverPort, or 0 */
    gint64 start_us;             /* startedDateTime, epoch microseconds */
    har_timings timings;
    gboolean websocket;
    GArray *messages;            /* har_ws_message */
    char *failure;               /* _failureText / _error, or NULL */
} har_entry;

typedef struct {
    GPtrArray *entries;          /* har_entry *, in file order */
    char *creator;               /* "name version" of log.creator, or NULL */
    guint skipped;               /* entries that could not be used */
    GPtrArray *warnings;         /* char *: why each was skipped (at most HAR_MAX_WARNINGS) */
    guint seconds_messages;      /* message times read as seconds */
    guint millisecond_messages;  /* ... and as milliseconds */
} har_log;

#define HAR_MAX_WARNINGS 100

/* Reads a HAR from text[0..len) (text[len] must be NUL). NULL with *error
 * set if it is not JSON, not a HAR, truncated or past the limits. */
har_log *har_log_read(const char *text, size_t len, GError **error);
void har_log_free(har_log *log);

/* The first header of that name (case-insensitive), or NULL. */
const char *har_header_find(const GArray *headers, const char *name);

#endif
