/* pcapng.c
 *
 * A pcapng writer for the converter (see pcapng.h). Block layouts from
 * draft-ietf-opsawg-pcapng section 4: Section Header Block (4.1, byte-order
 * magic 0x1A2B3C4D, version 1.0, section length -1: not given), Interface
 * Description Block (4.2, LINKTYPE_RAW = 101, snaplen 0: unlimited, no
 * if_tsresol: the default 10^-6), Enhanced Packet Block (4.3); options
 * (3.5) shb_userappl (4), opt_comment (1), if_name (2), opt_endofopt (0),
 * each padded to 32 bits. Written in the host's byte order, which the
 * byte-order magic declares.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pcapng.h"

#include <errno.h>
#include <string.h>

#include "error.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define OPT_END 0
#define OPT_COMMENT 1
#define IF_NAME 2
#define SHB_USERAPPL 4
#define LINKTYPE_RAW 101

static void
put_u16(GByteArray *b, guint16 v)
{
    g_byte_array_append(b, (const guint8 *)&v, 2);
}

static void
put_u32(GByteArray *b, guint32 v)
{
    g_byte_array_append(b, (const guint8 *)&v, 4);
}

static void
pad32(GByteArray *b)
{
    static const guint8 zero[3] = { 0 };
    if (b->len % 4)
        g_byte_array_append(b, zero, 4 - b->len % 4);
}

/* An option with a UTF-8 string value; strings longer than an option can
 * hold are cut. */
static void
put_string_option(GByteArray *b, guint16 code, const char *value)
{
    size_t len = MIN(strlen(value), 0xfff0);
    put_u16(b, code);
    put_u16(b, (guint16)len);
    g_byte_array_append(b, (const guint8 *)value, (guint)len);
    pad32(b);
}

static void
end_options(GByteArray *b)
{
    put_u16(b, OPT_END);
    put_u16(b, 0);
}

/* Frames the body in block type, total length ... total length. */
static gboolean
write_block(FILE *out, guint32 type, GByteArray *body, GError **error)
{
    guint32 total = body->len + 12;
    gboolean ok = fwrite(&type, 4, 1, out) == 1 && fwrite(&total, 4, 1, out) == 1 &&
                  (body->len == 0 || fwrite(body->data, body->len, 1, out) == 1) &&
                  fwrite(&total, 4, 1, out) == 1;
    g_byte_array_set_size(body, 0);
    if (!ok)
        return har_fail(error, HAR_ERROR_IO, "cannot write: %s", g_strerror(errno));
    return TRUE;
}

static gboolean
write_headers(FILE *out, GByteArray *b, const char *application, const char *comment, GError **error)
{
    put_u32(b, 0x1A2B3C4Du);
    put_u16(b, 1);
    put_u16(b, 0);
    put_u32(b, 0xffffffffu);
    put_u32(b, 0xffffffffu);
    if (comment)
        put_string_option(b, OPT_COMMENT, comment);
    put_string_option(b, SHB_USERAPPL, application);
    end_options(b);
    if (!write_block(out, BT_SHB, b, error))
        return FALSE;
    put_u16(b, LINKTYPE_RAW);
    put_u16(b, 0);
    put_u32(b, 0);
    put_string_option(b, IF_NAME, "HAR");
    end_options(b);
    return write_block(out, BT_IDB, b, error);
}

static gboolean
write_packet(FILE *out, GByteArray *b, const har_packet *p, GError **error)
{
    guint64 ts = (guint64)p->time_us;
    put_u32(b, 0);
    put_u32(b, (guint32)(ts >> 32));
    put_u32(b, (guint32)ts);
    put_u32(b, p->data->len);
    put_u32(b, p->data->len);
    g_byte_array_append(b, p->data->data, p->data->len);
    pad32(b);
    if (p->comment) {
        put_string_option(b, OPT_COMMENT, p->comment);
        end_options(b);
    }
    return write_block(out, BT_EPB, b, error);
}

gboolean
har_pcapng_write(FILE *out, const har_capture *capture, const char *application,
                 const char *comment, GError **error)
{
    GByteArray *block = g_byte_array_new();
    gboolean ok = write_headers(out, block, application, comment, error);
    for (guint i = 0; ok && i < capture->packets->len; i++)
        ok = write_packet(out, block, g_ptr_array_index(capture->packets, i), error);
    g_byte_array_unref(block);
    if (ok && fflush(out) != 0)
        ok = har_fail(error, HAR_ERROR_IO, "cannot write: %s", g_strerror(errno));
    return ok;
}
