/* inflate.c
 *
 * Compressed WebSocket messages and HTTP bodies, through zlib (see
 * inflate.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "inflate.h"

#include <string.h>
#include <zlib.h>

#define CHUNK 16384
#define RAW_DEFLATE_WINDOW (-15)     /* the largest window reads any smaller one */
#define GZIP_OR_ZLIB_WINDOW (15 + 32)

struct rd_inflater {
    z_stream z;
    gboolean reset_each;             /* no context takeover */
    gboolean broken;
};

/* ---- negotiation ------------------------------------------------------------ */

static void
extension_parameters(gchar **params, rd_ws_extensions *ext)
{
    for (guint i = 1; params[i]; i++) {
        gchar *name = g_strstrip(params[i]);
        if (!g_ascii_strcasecmp(name, "client_no_context_takeover"))
            ext->no_context_takeover[0] = TRUE;
        else if (!g_ascii_strcasecmp(name, "server_no_context_takeover"))
            ext->no_context_takeover[1] = TRUE;
    }
}

void
rd_ws_extensions_parse(const char *header, rd_ws_extensions *ext)
{
    gchar **extensions = g_strsplit(header ? header : "", ",", -1);

    memset(ext, 0, sizeof *ext);
    for (guint i = 0; extensions[i] && !ext->deflate; i++) {
        gchar **params = g_strsplit(extensions[i], ";", -1);
        if (params[0] && !g_ascii_strcasecmp(g_strstrip(params[0]), "permessage-deflate")) {
            ext->deflate = TRUE;
            extension_parameters(params, ext);
        }
        g_strfreev(params);
    }
    g_strfreev(extensions);
}

/* ---- inflating -------------------------------------------------------------- */

/* Runs `z` over its input into `out`; FALSE on a data error or when `out`
 * would pass `limit`. */
static gboolean
run(z_stream *z, GByteArray *out, gsize limit, gboolean *ended)
{
    guint8 chunk[CHUNK];

    *ended = FALSE;
    for (;;) {
        z->next_out = chunk;
        z->avail_out = sizeof chunk;
        int ret = inflate(z, Z_SYNC_FLUSH);
        gsize got = sizeof chunk - z->avail_out;
        if (out->len + got > limit)
            return FALSE;
        g_byte_array_append(out, chunk, (guint)got);
        if (ret == Z_STREAM_END) {
            *ended = TRUE;
            return TRUE;
        }
        if (ret == Z_BUF_ERROR || (ret == Z_OK && z->avail_in == 0 && got < sizeof chunk))
            return TRUE;
        if (ret != Z_OK)
            return FALSE;
    }
}

rd_inflater *
rd_inflater_new(gboolean no_context_takeover)
{
    rd_inflater *inf = g_new0(rd_inflater, 1);

    inf->reset_each = no_context_takeover;
    inf->broken = inflateInit2(&inf->z, RAW_DEFLATE_WINDOW) != Z_OK;
    return inf;
}

void
rd_inflater_free(rd_inflater *inf)
{
    if (!inf)
        return;
    inflateEnd(&inf->z);
    g_free(inf);
}

gboolean
rd_inflate_message(rd_inflater *inf, const guint8 *p, gsize len, GByteArray *out, gsize limit)
{
    static const guint8 tail[] = { 0x00, 0x00, 0xff, 0xff };
    GByteArray *in;
    gboolean    ended = FALSE;

    if (inf->broken)
        return FALSE;
    in = g_byte_array_sized_new((guint)len + sizeof tail);
    g_byte_array_append(in, p, (guint)len);
    g_byte_array_append(in, tail, sizeof tail);
    inf->z.next_in = in->data;
    inf->z.avail_in = in->len;
    gboolean ok = run(&inf->z, out, limit, &ended);
    g_byte_array_unref(in);
    if (!ok && !inf->reset_each)
        inf->broken = TRUE;
    if (ended || inf->reset_each || !ok)
        inflateReset(&inf->z);
    return ok;
}

static gboolean
inflate_with(int window, const guint8 *p, gsize len, GByteArray *out, gsize limit)
{
    z_stream z;
    gboolean ended = FALSE, ok;

    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, window) != Z_OK)
        return FALSE;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)len;
    ok = run(&z, out, limit, &ended) && ended;
    inflateEnd(&z);
    return ok;
}

gboolean
rd_inflate_body(const char *encoding, const guint8 *p, gsize len, GByteArray *out, gsize limit)
{
    if (!g_ascii_strcasecmp(encoding, "gzip") || !g_ascii_strcasecmp(encoding, "x-gzip"))
        return inflate_with(GZIP_OR_ZLIB_WINDOW, p, len, out, limit);
    if (g_ascii_strcasecmp(encoding, "deflate"))
        return FALSE;
    /* "deflate" is zlib-wrapped by the standard, raw by some servers. */
    if (inflate_with(GZIP_OR_ZLIB_WINDOW, p, len, out, limit))
        return TRUE;
    g_byte_array_set_size(out, 0);
    return inflate_with(RAW_DEFLATE_WINDOW, p, len, out, limit);
}
