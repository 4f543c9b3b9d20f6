/* http.c
 *
 * Serialises a HAR entry's request and response as HTTP/1.1 (RFC 9112):
 *
 *   - the version is the HAR's when it says HTTP/1.0 or HTTP/1.1; HTTP/2
 *     and HTTP/3 entries ("h2", "http/2.0", "h3") are written as HTTP/1.1,
 *     their pseudo-headers (":authority", ":method", ...) dropped and
 *     ":authority" turned into Host;
 *   - Content-Length is the length of the body written (RFC 9112 6.3),
 *     Transfer-Encoding is dropped (the HAR holds the whole body), and so
 *     is a response's Content-Encoding (the HAR holds the body decoded);
 *   - a header name that is not an RFC 9110 token is dropped, and CR, LF
 *     and NUL in a value become spaces, so no header can split the stream;
 *   - 1xx, 204 and 304 responses get no body and no Content-Length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "http.h"

#include <string.h>

#include "url.h"

/* RFC 9110 5.6.2 tchar */
static gboolean
is_token(const char *s)
{
    if (!*s)
        return FALSE;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && !strchr("!#$%&'*+-.^_`|~", *s))
            return FALSE;
    return TRUE;
}

static void
append_header(GString *out, const char *name, const char *value)
{
    g_string_append(out, name);
    g_string_append(out, ": ");
    for (const char *p = value; *p; p++)
        g_string_append_c(out, (*p == '\r' || *p == '\n') ? ' ' : *p);
    g_string_append(out, "\r\n");
}

/* The request line and status line carry text from the HAR too. */
static void
append_clean(GString *out, const char *text)
{
    for (const char *p = text; *p; p++)
        g_string_append_c(out, (*p == '\r' || *p == '\n' || *p == ' ') ? '_' : *p);
}

static gboolean
dropped(const char *name, gboolean response)
{
    return name[0] == ':' || !is_token(name) || g_ascii_strcasecmp(name, "content-length") == 0 ||
           g_ascii_strcasecmp(name, "transfer-encoding") == 0 ||
           (response && g_ascii_strcasecmp(name, "content-encoding") == 0);
}

static void
append_headers(GString *out, const GArray *headers, gboolean response)
{
    for (guint i = 0; i < headers->len; i++) {
        const har_header *h = &g_array_index(headers, har_header, i);
        if (!dropped(h->name, response))
            append_header(out, h->name, h->value);
    }
}

/* Headers of `extra` whose names the HAR's headers do not have. */
static void
append_missing(GString *out, const GArray *headers, const GArray *extra)
{
    for (guint i = 0; extra && i < extra->len; i++) {
        const har_header *h = &g_array_index(extra, har_header, i);
        if (!har_header_find(headers, h->name))
            append_header(out, h->name, h->value);
    }
}

static const char *
version(const har_entry *e)
{
    return g_strcmp0(e->http_version, "HTTP/1.0") == 0 ? "HTTP/1.0" : "HTTP/1.1";
}

char *
har_http_version_note(const har_entry *e)
{
    const char *v = e->http_version;
    if (!v || !*v || g_ascii_strncasecmp(v, "HTTP/1.", 7) == 0 || g_ascii_strcasecmp(v, "unknown") == 0)
        return NULL;
    return g_strdup_printf("HAR: the browser used %s here; written as HTTP/1.1", v);
}

static void
append_host(GString *out, const har_entry *e)
{
    const char *authority = har_header_find(e->request_headers, ":authority");
    if (har_header_find(e->request_headers, "host"))
        return;
    if (authority) {
        append_header(out, "Host", authority);
        return;
    }
    gboolean v6 = strchr(e->url.host, ':') != NULL;
    gboolean default_port = e->url.port == (har_url_is_secure(&e->url) ? 443 : 80);
    char *host = g_strdup_printf("%s%s%s", v6 ? "[" : "", e->url.host, v6 ? "]" : "");
    char *value = default_port ? g_strdup(host) : g_strdup_printf("%s:%d", host, e->url.port);
    append_header(out, "Host", value);
    g_free(value);
    g_free(host);
}

static GByteArray *
finish(GString *head, const GByteArray *body, gboolean length)
{
    if (length)
        g_string_append_printf(head, "Content-Length: %u\r\n", body ? body->len : 0);
    g_string_append(head, "\r\n");
    if (body)
        g_string_append_len(head, (const char *)body->data, body->len);
    gsize len = head->len;
    return g_byte_array_new_take((guint8 *)g_string_free(head, FALSE), len);
}

GByteArray *
har_http_request(const har_entry *e, const GArray *extra)
{
    GString *out = g_string_new(NULL);
    append_clean(out, e->method);
    g_string_append_c(out, ' ');
    append_clean(out, e->url.target);
    g_string_append_printf(out, " %s\r\n", version(e));
    append_host(out, e);
    append_headers(out, e->request_headers, FALSE);
    append_missing(out, e->request_headers, extra);
    gboolean length = e->request_body != NULL || har_header_find(e->request_headers, "content-length");
    return finish(out, e->request_body, length);
}

static gboolean
has_no_body(int status)
{
    return status < 200 || status == 204 || status == 304;
}

GByteArray *
har_http_response(const har_entry *e, const GArray *extra)
{
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "%s %03d ", version(e), e->status);
    g_string_append(out, e->status_text ? e->status_text : "");
    for (char *p = out->str; *p; p++)
        if (*p == '\r' || *p == '\n')
            *p = ' ';
    g_string_append(out, "\r\n");
    append_headers(out, e->response_headers, TRUE);
    append_missing(out, e->response_headers, extra);
    if (has_no_body(e->status))
        return finish(out, NULL, FALSE);
    return finish(out, e->response_body, TRUE);
}
