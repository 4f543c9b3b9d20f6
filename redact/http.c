/* http.c
 *
 * HTTP/1.x heads and bodies of one direction (see http.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "http.h"

#include <stdlib.h>
#include <string.h>

#include "websocket.h"

enum { H_START, H_BODY, H_CHUNK_SIZE, H_CHUNK_DATA, H_CHUNK_END, H_TRAILERS, H_BODY_TO_CLOSE, H_WAIT, H_SWITCHED,
       H_LOST };

/* What a request in the shared list is, for its response. */
#define REQ_HEAD    0x1u
#define REQ_UPGRADE 0x2u
#define REQ_CONNECT 0x4u
#define REQ_ANY     0x8u          /* so that no entry is 0 (NULL) */

#define MAX_CHUNK_LINE 1024u

static const char *const methods[] = { "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT",
                                       "TRACE" };
static const char version_prefix[] = "HTTP/1.";

typedef struct {
    gboolean request;
    guint    flags;                /* REQ_* of a request */
    guint    status;
    gint64   content_length;       /* -1: none */
    gboolean chunked;
    gboolean upgrade_websocket;
    char    *encoding;
    char    *extensions;
} head;

/* ---- recognising HTTP --------------------------------------------------------- */

/* TRUE when p[0..len) is a prefix of `what`, or starts with all of it. */
static gboolean
prefix_match(const guint8 *p, guint32 len, const char *what, gboolean *complete)
{
    gsize n = strlen(what);
    *complete = len >= n;
    return memcmp(p, what, MIN((gsize)len, n)) == 0;
}

gboolean
rd_http_looks_like(const guint8 *p, guint32 len, gboolean *undecided)
{
    gboolean complete, any_partial = FALSE;

    *undecided = FALSE;
    for (gsize i = 0; i <= G_N_ELEMENTS(methods); i++) {
        char *start = i < G_N_ELEMENTS(methods) ? g_strconcat(methods[i], " ", NULL) : g_strdup(version_prefix);
        gboolean match = prefix_match(p, len, start, &complete);
        g_free(start);
        if (match && complete)
            return TRUE;
        any_partial |= match;
    }
    *undecided = any_partial;
    return FALSE;
}

/* ---- heads ------------------------------------------------------------------------ */

/* Just past the empty line that ends the head; 0 when not there yet. */
static guint32
head_end(const guint8 *p, guint32 len)
{
    for (guint32 i = 0; i + 1 < len; i++) {
        if (p[i] != '\n')
            continue;
        if (p[i + 1] == '\n')
            return i + 2;
        if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

static gboolean
parse_request_line(const char *line, head *h)
{
    const char *sp = strchr(line, ' ');
    const char *version = strrchr(line, ' ');

    if (!sp || sp == line || version == sp || !g_str_has_prefix(version + 1, version_prefix))
        return FALSE;
    for (const char *c = line; c < sp; c++) {
        if (!g_ascii_isupper(*c))
            return FALSE;
    }
    h->request = TRUE;
    h->flags = REQ_ANY;
    if (!strncmp(line, "HEAD ", 5))
        h->flags |= REQ_HEAD;
    if (!strncmp(line, "CONNECT ", 8))
        h->flags |= REQ_CONNECT;
    return TRUE;
}

static gboolean
parse_status_line(const char *line, head *h)
{
    const char *code = line + sizeof version_prefix;     /* past "HTTP/1.x" */

    if (!g_str_has_prefix(line, version_prefix) || strlen(line) < sizeof version_prefix + 4 || *code != ' ')
        return FALSE;
    code++;
    if (!g_ascii_isdigit(code[0]) || !g_ascii_isdigit(code[1]) || !g_ascii_isdigit(code[2]))
        return FALSE;
    h->status = (guint)((code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0'));
    return TRUE;
}

static gboolean
contains_token(const char *value, const char *token)
{
    gchar *lower = g_ascii_strdown(value, -1);
    gboolean found = strstr(lower, token) != NULL;
    g_free(lower);
    return found;
}

static gboolean
parse_field(const char *name, const char *value, head *h)
{
    if (!g_ascii_strcasecmp(name, "Content-Length")) {
        char *end;
        gint64 n = g_ascii_strtoll(value, &end, 10);
        if (*value == '\0' || *end != '\0' || n < 0 || (h->content_length >= 0 && h->content_length != n))
            return FALSE;
        h->content_length = n;
    } else if (!g_ascii_strcasecmp(name, "Transfer-Encoding")) {
        h->chunked = contains_token(value, "chunked");
    } else if (!g_ascii_strcasecmp(name, "Content-Encoding")) {
        g_free(h->encoding);
        h->encoding = g_ascii_strcasecmp(value, "identity") ? g_strdup(value) : NULL;
    } else if (!g_ascii_strcasecmp(name, "Upgrade")) {
        h->upgrade_websocket |= contains_token(value, "websocket");
    } else if (!g_ascii_strcasecmp(name, "Sec-WebSocket-Extensions")) {
        char *joined = h->extensions ? g_strconcat(h->extensions, ",", value, NULL) : g_strdup(value);
        g_free(h->extensions);
        h->extensions = joined;
    }
    return TRUE;
}

/* FALSE when the head is not HTTP/1.x. */
static gboolean
parse_head(const guint8 *p, guint32 len, head *h)
{
    gchar  *text = g_strndup((const gchar *)p, len);
    gchar **lines = g_strsplit(text, "\n", -1);
    gboolean ok;

    memset(h, 0, sizeof *h);
    h->content_length = -1;
    g_free(text);
    for (guint i = 0; lines[i]; i++)
        g_strchomp(lines[i]);      /* the CR of CRLF, and trailing blanks */
    ok = lines[0] && (parse_status_line(lines[0], h) || parse_request_line(lines[0], h));
    for (guint i = 1; ok && lines[i] && *lines[i]; i++) {
        gchar *colon = strchr(lines[i], ':');
        if (!colon)
            continue;
        *colon = '\0';
        ok = parse_field(g_strstrip(lines[i]), g_strstrip(colon + 1), h);
    }
    g_strfreev(lines);
    return ok;
}

static void
head_clear(head *h)
{
    g_free(h->encoding);
    g_free(h->extensions);
}

/* ---- the parser ---------------------------------------------------------------------- */

void
rd_http_init(rd_http *http, GQueue *requests)
{
    memset(http, 0, sizeof *http);
    http->requests = requests;
    rd_msgmap_init(&http->body);
}

void
rd_http_clear(rd_http *http)
{
    rd_msgmap_clear(&http->body);
    g_free(http->encoding);
    g_free(http->extensions);
}

static rd_http_event
lose(rd_http *http, const char *why)
{
    http->state = H_LOST;
    http->lost = why;
    return RD_HTTP_LOST;
}

static void
begin_body(rd_http *http, rd_dir *dir, int state, guint64 length, head *h)
{
    http->state = state;
    http->remaining = length;
    g_free(http->encoding);
    http->encoding = h->encoding;
    h->encoding = NULL;
    rd_dir_pin(dir, rd_dir_offset(dir));
}

/* How the body after a request head is delimited (RFC 9112 §6.3). */
static rd_http_event
after_request(rd_http *http, rd_dir *dir, head *h)
{
    if (h->upgrade_websocket)
        h->flags |= REQ_UPGRADE;
    g_queue_push_tail(http->requests, GUINT_TO_POINTER(h->flags));
    if (h->chunked)
        begin_body(http, dir, H_CHUNK_SIZE, 0, h);
    else if (h->content_length > 0)
        begin_body(http, dir, H_BODY, (guint64)h->content_length, h);
    else if (h->flags & REQ_UPGRADE) {
        http->state = H_WAIT;
        return RD_HTTP_UPGRADE_WAIT;
    }
    return RD_HTTP_NEED_MORE;
}

static rd_http_event
after_response(rd_http *http, rd_dir *dir, head *h)
{
    guint request = h->status >= 200 || h->status == 101 ? GPOINTER_TO_UINT(g_queue_pop_head(http->requests)) : 0;

    if (h->status == 101) {
        if (!h->upgrade_websocket)
            return lose(http, "switched to a protocol other than WebSocket");
        http->state = H_SWITCHED;
        http->extensions = h->extensions;
        h->extensions = NULL;
        return RD_HTTP_SWITCHED;
    }
    if ((request & REQ_CONNECT) && h->status / 100 == 2)
        return lose(http, "a CONNECT tunnel");
    if (!(request & REQ_HEAD) && h->status >= 200 && h->status != 204 && h->status != 304) {
        if (h->chunked)
            begin_body(http, dir, H_CHUNK_SIZE, 0, h);
        else if (h->content_length > 0)
            begin_body(http, dir, H_BODY, (guint64)h->content_length, h);
        else if (h->content_length < 0)
            begin_body(http, dir, H_BODY_TO_CLOSE, 0, h);
    }
    return request & REQ_UPGRADE ? RD_HTTP_UPGRADE_REFUSED : RD_HTTP_NEED_MORE;
}

/* Reads one head if it is all there; *read says whether one was. */
static rd_http_event
read_head(rd_http *http, rd_dir *dir, gboolean *read)
{
    guint32       avail, skip = 0, end;
    const guint8 *p = rd_dir_data(dir, &avail);
    gboolean      undecided;
    head          h;
    rd_http_event ev;

    *read = FALSE;
    while (skip < avail && (p[skip] == '\r' || p[skip] == '\n'))
        skip++;                     /* empty lines before a request line (RFC 9112 §2.2) */
    rd_dir_consume(dir, skip);
    p = rd_dir_data(dir, &avail);
    if (avail == 0)
        return RD_HTTP_NEED_MORE;
    if (!rd_http_looks_like(p, avail, &undecided))
        return undecided ? RD_HTTP_NEED_MORE : lose(http, http->resync ? "no HTTP head after lost bytes"
                                                                       : "not HTTP/1.x");
    end = head_end(p, MIN(avail, RD_HTTP_MAX_HEAD));
    if (!end)
        return avail >= RD_HTTP_MAX_HEAD ? lose(http, "an HTTP head longer than 64 KiB") : RD_HTTP_NEED_MORE;
    if (!parse_head(p, end, &h)) {
        head_clear(&h);
        return lose(http, "a malformed HTTP head");
    }
    *read = TRUE;
    http->resync = FALSE;
    rd_dir_consume(dir, end);
    ev = h.request ? after_request(http, dir, &h) : after_response(http, dir, &h);
    head_clear(&h);
    return ev;
}

/* Body bytes that are there; TRUE when `remaining` reached 0. */
static gboolean
take_body(rd_http *http, rd_dir *dir, gboolean to_close)
{
    guint32       avail;
    const guint8 *p = rd_dir_data(dir, &avail);
    guint32       n = to_close ? avail : (guint32)MIN((guint64)avail, http->remaining);

    if (http->body.bytes->len + (guint64)n > RD_MAX_MESSAGE)
        http->too_large = TRUE;
    else
        rd_msgmap_append(&http->body, rd_dir_offset(dir), p, n, NULL, 0);
    rd_dir_consume(dir, n);
    if (!to_close)
        http->remaining -= n;
    return !to_close && http->remaining == 0;
}

/* A chunk-size line (RFC 9112 §7.1); extensions after ';' are ignored. */
static rd_http_event
read_chunk_size(rd_http *http, rd_dir *dir)
{
    guint32       avail, i;
    const guint8 *p = rd_dir_data(dir, &avail);

    for (i = 0; i < avail && i < MAX_CHUNK_LINE && p[i] != '\n'; i++)
        ;
    if (i == avail)
        return avail >= MAX_CHUNK_LINE ? lose(http, "a malformed chunk") : RD_HTTP_NEED_MORE;
    gchar  *line = g_strndup((const gchar *)p, i);
    gchar  *end;
    guint64 size = g_ascii_strtoull(line, &end, 16);
    gboolean ok = end != line && (*end == ';' || *end == '\r' || *end == ' ' || *end == '\t' || *end == '\0');
    g_free(line);
    if (!ok)
        return lose(http, "a malformed chunk");
    rd_dir_consume(dir, i + 1);
    http->remaining = size;
    http->state = size ? H_CHUNK_DATA : H_TRAILERS;
    return RD_HTTP_NEED_MORE;
}

/* The CRLF after a chunk's data, or one trailer line; TRUE when the line
 * was empty. *got: a whole line was there. */
static gboolean
read_line(rd_dir *dir, gboolean *got)
{
    guint32       avail, i;
    const guint8 *p = rd_dir_data(dir, &avail);

    for (i = 0; i < avail && p[i] != '\n'; i++)
        ;
    *got = i < avail;
    if (!*got)
        return FALSE;
    rd_dir_consume(dir, i + 1);
    return i == 0 || (i == 1 && p[0] == '\r');
}

static rd_http_event
body_complete(rd_http *http)
{
    http->state = H_START;
    return http->body.bytes->len || http->damaged ? RD_HTTP_BODY : RD_HTTP_NEED_MORE;
}

rd_http_event
rd_http_step(rd_http *http, rd_dir *dir)
{
    for (;;) {
        guint32  avail;
        gboolean got, empty;

        rd_dir_data(dir, &avail);
        switch (http->state) {
        case H_START: {
            rd_http_event ev = read_head(http, dir, &got);
            if (ev != RD_HTTP_NEED_MORE || !got)
                return ev;
            break;
        }
        case H_BODY:
            if (take_body(http, dir, FALSE))
                return body_complete(http);
            return RD_HTTP_NEED_MORE;
        case H_BODY_TO_CLOSE:
            take_body(http, dir, TRUE);
            return RD_HTTP_NEED_MORE;
        case H_CHUNK_SIZE:
            if (read_chunk_size(http, dir) == RD_HTTP_LOST)
                return RD_HTTP_LOST;
            if (http->state == H_CHUNK_SIZE)
                return RD_HTTP_NEED_MORE;
            break;
        case H_CHUNK_DATA:
            if (!take_body(http, dir, FALSE))
                return RD_HTTP_NEED_MORE;
            http->state = H_CHUNK_END;
            break;
        case H_CHUNK_END:
            read_line(dir, &got);
            if (!got)
                return RD_HTTP_NEED_MORE;
            http->state = H_CHUNK_SIZE;
            break;
        case H_TRAILERS:
            empty = read_line(dir, &got);
            if (!got)
                return RD_HTTP_NEED_MORE;
            if (empty)
                return body_complete(http);
            break;
        case H_WAIT:                /* WebSocket frames, kept until the answer comes */
            return avail > RD_HTTP_MAX_WAIT ? lose(http, "no answer to a WebSocket upgrade request")
                                            : RD_HTTP_NEED_MORE;
        default:                    /* switched, lost: not HTTP bytes */
            return RD_HTTP_NEED_MORE;
        }
    }
}

void
rd_http_body_done(rd_http *http, rd_dir *dir)
{
    rd_msgmap_reset(&http->body);
    http->damaged = http->too_large = FALSE;
    g_clear_pointer(&http->encoding, g_free);
    rd_dir_unpin(dir);
}

void
rd_http_resume(rd_http *http)
{
    if (http->state == H_WAIT)
        http->state = H_START;
}

static gboolean
in_body(const rd_http *http)
{
    return http->state == H_BODY || http->state == H_BODY_TO_CLOSE || http->state == H_CHUNK_SIZE ||
           http->state == H_CHUNK_DATA || http->state == H_CHUNK_END || http->state == H_TRAILERS;
}

gboolean
rd_http_gap(rd_http *http, guint64 skipped)
{
    if (http->state == H_BODY_TO_CLOSE || ((http->state == H_BODY || http->state == H_CHUNK_DATA) &&
                                           skipped < http->remaining)) {
        http->remaining -= http->state == H_BODY_TO_CLOSE ? 0 : skipped;
        http->damaged = TRUE;
        return FALSE;
    }
    if (http->state == H_START) {
        http->resync = TRUE;
        return FALSE;
    }
    if (http->state == H_BODY) {          /* the body ended in the lost bytes */
        http->damaged = TRUE;
        http->state = H_START;
        http->resync = TRUE;
        return TRUE;
    }
    gboolean body = in_body(http);
    http->damaged = body;
    if (http->state != H_SWITCHED && http->state != H_LOST)
        lose(http, "bytes lost inside chunked coding or before a WebSocket handshake completed");
    return body;
}

gboolean
rd_http_end(rd_http *http)
{
    if (!in_body(http))
        return FALSE;
    http->damaged |= http->state != H_BODY_TO_CLOSE;
    http->state = H_START;
    return TRUE;
}
