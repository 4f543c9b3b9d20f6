/* url.c
 *
 * Splits an entry's URL with GLib's GUri (RFC 3986), see url.h. The path and
 * query are kept as they were written (G_URI_FLAGS_ENCODED), because the
 * request line carries them encoded; the fragment is never sent.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "url.h"

#include <string.h>

static int
default_port(const char *scheme)
{
    if (strcmp(scheme, "http") == 0 || strcmp(scheme, "ws") == 0)
        return 80;
    if (strcmp(scheme, "https") == 0 || strcmp(scheme, "wss") == 0)
        return 443;
    return 0;
}

static char *
request_target(GUri *uri)
{
    const char *path = g_uri_get_path(uri);
    const char *query = g_uri_get_query(uri);
    return g_strdup_printf("%s%s%s", (path && *path) ? path : "/", query ? "?" : "", query ? query : "");
}

gboolean
har_url_parse(const char *text, har_url *url)
{
    GUri *uri = text ? g_uri_parse(text, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL) : NULL;
    if (!uri)
        return FALSE;
    char *scheme = g_ascii_strdown(g_uri_get_scheme(uri), -1);
    const char *host = g_uri_get_host(uri);
    int port = default_port(scheme);
    if (port == 0 || !host || !*host) {
        g_free(scheme);
        g_uri_unref(uri);
        return FALSE;
    }
    if (g_uri_get_port(uri) > 0)
        port = g_uri_get_port(uri);
    url->scheme = scheme;
    url->host = g_strdup(host);
    url->port = port;
    url->target = request_target(uri);
    g_uri_unref(uri);
    return TRUE;
}

void
har_url_clear(har_url *url)
{
    g_free(url->scheme);
    g_free(url->host);
    g_free(url->target);
    memset(url, 0, sizeof *url);
}

gboolean
har_url_is_secure(const har_url *url)
{
    return strcmp(url->scheme, "https") == 0 || strcmp(url->scheme, "wss") == 0;
}
