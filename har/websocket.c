/* websocket.c
 *
 * RFC 6455 frames (section 5.2: FIN, RSV1, opcode, MASK, 7/16/64-bit
 * payload length, masking key; 5.3: masking), the handshake's accept value
 * (4.2.2: base64(SHA-1(key + GUID))), and RFC 7692 permessage-deflate
 * (7.1 parameters, 7.2.1 compression) with zlib.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "websocket.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

/* ---- permessage-deflate parameters ---------------------------------------- */

static int
window_bits(const char *value)
{
    int bits = value ? atoi(value) : 15;
    /* zlib cannot write raw DEFLATE with an 8-bit window. */
    return CLAMP(bits, 9, 15);
}

/* One extension of the list: "permessage-deflate; p=v; ..." */
static gboolean
parse_deflate(const char *extension, har_ws_deflate *out)
{
    gchar **params = g_strsplit(extension, ";", -1);
    gboolean found = params[0] && g_ascii_strcasecmp(g_strstrip(params[0]), "permessage-deflate") == 0;
    for (int i = 1; found && params[i]; i++) {
        gchar **kv = g_strsplit(g_strstrip(params[i]), "=", 2);
        const char *value = kv[1] ? g_strstrip(g_strdelimit(kv[1], "\"", ' ')) : NULL;
        if (g_ascii_strcasecmp(g_strstrip(kv[0]), "client_max_window_bits") == 0)
            out->client_window_bits = window_bits(value);
        else if (g_ascii_strcasecmp(kv[0], "server_max_window_bits") == 0)
            out->server_window_bits = window_bits(value);
        g_strfreev(kv);
    }
    g_strfreev(params);
    return found;
}

void
har_ws_deflate_parse(const char *extensions, har_ws_deflate *out)
{
    memset(out, 0, sizeof *out);
    out->client_window_bits = out->server_window_bits = 15;
    if (!extensions)
        return;
    gchar **list = g_strsplit(extensions, ",", -1);
    for (int i = 0; list[i] && !out->enabled; i++)
        out->enabled = parse_deflate(list[i], out);
    g_strfreev(list);
}

/* ---- frames ---------------------------------------------------------------- */

GByteArray *
har_ws_frame(int opcode, gboolean rsv1, const guint8 *payload, size_t len, const guint8 *mask)
{
    GByteArray *frame = g_byte_array_sized_new((guint)(len + 14));
    guint8 head[14];
    size_t n = 2;
    head[0] = (guint8)(0x80 | (rsv1 ? 0x40 : 0) | (opcode & 0x0f));
    guint8 masked = mask ? 0x80 : 0;
    if (len < 126) {
        head[1] = (guint8)(masked | len);
    } else if (len <= 0xffff) {
        head[1] = masked | 126;
        head[2] = (guint8)(len >> 8);
        head[3] = (guint8)len;
        n = 4;
    } else {
        head[1] = masked | 127;
        for (int i = 0; i < 8; i++)
            head[2 + i] = (guint8)((guint64)len >> (56 - 8 * i));
        n = 10;
    }
    if (mask) {
        memcpy(head + n, mask, 4);
        n += 4;
    }
    g_byte_array_append(frame, head, (guint)n);
    g_byte_array_append(frame, payload, (guint)len);
    for (size_t i = 0; mask && i < len; i++)
        frame->data[n + i] ^= mask[i % 4];
    return frame;
}

/* ---- compression ------------------------------------------------------------ */

GByteArray *
har_ws_compress(const guint8 *data, size_t len, int window_bits)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -window_bits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    uLong bound = deflateBound(&z, (uLong)len) + 16;
    GByteArray *out = g_byte_array_sized_new((guint)bound);
    g_byte_array_set_size(out, (guint)bound);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = out->data;
    z.avail_out = (uInt)bound;
    int rc = deflate(&z, Z_SYNC_FLUSH);
    size_t produced = bound - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_OK || z.avail_in != 0 || produced < 4) {
        g_byte_array_unref(out);
        return NULL;
    }
    g_byte_array_set_size(out, (guint)(produced - 4));
    return out;
}

/* ---- handshake ------------------------------------------------------------------ */

char *
har_ws_accept(const char *key)
{
    GChecksum *sha1 = g_checksum_new(G_CHECKSUM_SHA1);
    guint8 digest[20];
    gsize n = sizeof digest;
    g_checksum_update(sha1, (const guchar *)key, (gssize)strlen(key));
    g_checksum_update(sha1, (const guchar *)WS_GUID, (gssize)strlen(WS_GUID));
    g_checksum_get_digest(sha1, digest, &n);
    g_checksum_free(sha1);
    return g_base64_encode(digest, n);
}
