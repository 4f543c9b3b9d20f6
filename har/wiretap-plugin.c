/* wiretap-plugin.c
 *
 * A Wireshark file-format (wiretap) plugin that opens HAR files directly:
 * `tshark -r desktop.har`, File > Open, and Save As writing an ordinary
 * pcapng. Built only against an SDK that installs wiretap/wtap_module.h
 * (Wireshark 4.6; 4.0 and 4.4 do not, and there xmppws-har converts
 * instead). The packets are convert.c's, the same as the converter
 * writes: the HAR is read and turned into packets once, at open, and
 * served from memory (a HAR is one JSON document: it cannot be read piece
 * by piece). The record number is the "offset" of each packet.
 *
 * Recognised by its start (har_looks_like_har: a JSON object whose first
 * member is "log"), a heuristic tried first for files named *.har. A file
 * that starts like a HAR but is broken opens with the reader's error
 * ("HAR: truncated: ...") instead of as something else.
 *
 * Plugin interface: wsutil/plugins.h (plugin_version, plugin_want_major,
 * plugin_want_minor, plugin_register, plugin_describe) and wiretap/wtap.h
 * (wtap_register_plugin, wtap_register_open_info,
 * wtap_register_file_type_subtype).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include <wireshark.h>
#include <wiretap/file_wrappers.h>
#include <wiretap/wtap.h>
#include <wiretap/wtap_module.h>
#include <wsutil/plugins.h>

#include "convert.h"
#include "har-limits.h"

WS_DLL_PUBLIC_DEF const char plugin_version[] = XMPPWS_HAR_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = XMPPWS_HAR_WANT_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = XMPPWS_HAR_WANT_MINOR;
WS_DLL_PUBLIC void plugin_register(void);
WS_DLL_PUBLIC uint32_t plugin_describe(void);

#define READ_CHUNK (1024 * 1024)

static int har_file_type_subtype = -1;

typedef struct {
    har_capture *capture;
    unsigned next;
} har_file;

/* ---- reading the file ----------------------------------------------------------- */

/* The whole file, NUL-terminated; NULL with *err set on an error. */
static GByteArray *
read_all(FILE_T fh, int *err, char **err_info)
{
    GByteArray *text = g_byte_array_new();
    for (;;) {
        guint used = text->len;
        g_byte_array_set_size(text, used + READ_CHUNK);
        int n = file_read(text->data + used, READ_CHUNK, fh);
        if (n < 0) {
            *err = file_error(fh, err_info);
            g_byte_array_unref(text);
            return NULL;
        }
        g_byte_array_set_size(text, used + (guint)n);
        if (n == 0)
            break;
        if (text->len > HAR_MAX_FILE_SIZE) {
            *err = WTAP_ERR_BAD_FILE;
            *err_info = g_strdup_printf("HAR: larger than %zu MiB", HAR_MAX_FILE_SIZE >> 20);
            g_byte_array_unref(text);
            return NULL;
        }
    }
    guint8 nul = 0;
    g_byte_array_append(text, &nul, 1);
    return text;
}

/* ---- records ---------------------------------------------------------------------- */

static bool
fill_record(wtap *wth, wtap_rec *rec, unsigned index)
{
    const har_packet *p = g_ptr_array_index(((har_file *)wth->priv)->capture->packets, index);
    wtap_setup_packet_rec(rec, wth->file_encap);
    rec->block = wtap_block_create(WTAP_BLOCK_PACKET);
    rec->presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
    rec->tsprec = WTAP_TSPREC_USEC;
    rec->ts.secs = (time_t)(p->time_us / G_USEC_PER_SEC);
    rec->ts.nsecs = (int)(p->time_us % G_USEC_PER_SEC) * 1000;
    rec->rec_header.packet_header.caplen = p->data->len;
    rec->rec_header.packet_header.len = p->data->len;
    ws_buffer_clean(&rec->data);
    ws_buffer_append(&rec->data, p->data->data, p->data->len);
    if (p->comment)
        wtap_block_add_string_option(rec->block, OPT_COMMENT, p->comment, strlen(p->comment));
    return true;
}

static bool
har_read(wtap *wth, wtap_rec *rec, int *err, char **err_info _U_, int64_t *offset)
{
    har_file *file = wth->priv;
    if (file->next >= file->capture->packets->len) {
        *err = 0;
        return false;
    }
    *offset = file->next;
    return fill_record(wth, rec, file->next++);
}

static bool
har_seek_read(wtap *wth, int64_t offset, wtap_rec *rec, int *err, char **err_info)
{
    har_file *file = wth->priv;
    if (offset < 0 || offset >= file->capture->packets->len) {
        *err = WTAP_ERR_BAD_FILE;
        *err_info = g_strdup_printf("HAR: no packet %" PRId64, offset);
        return false;
    }
    return fill_record(wth, rec, (unsigned)offset);
}

static void
har_close(wtap *wth)
{
    har_file *file = wth->priv;
    har_capture_free(file->capture);
    file->capture = NULL;
}

/* ---- opening ------------------------------------------------------------------------ */

static wtap_open_return_val
convert_file(wtap *wth, int *err, char **err_info)
{
    GByteArray *text = read_all(wth->fh, err, err_info);
    if (!text)
        return WTAP_OPEN_ERROR;
    GError *error = NULL;
    har_capture *capture = har_convert((const char *)text->data, text->len - 1, NULL, &error);
    g_byte_array_unref(text);
    if (!capture) {
        *err = WTAP_ERR_BAD_FILE;
        *err_info = g_strdup_printf("HAR: %s", error->message);
        g_error_free(error);
        return WTAP_OPEN_ERROR;
    }
    har_file *file = g_new0(har_file, 1);
    file->capture = capture;
    wth->priv = file;
    return WTAP_OPEN_MINE;
}

static wtap_open_return_val
har_open(wtap *wth, int *err, char **err_info)
{
    guint8 head[64];
    int n = file_read(head, sizeof head, wth->fh);
    if (n < 0) {
        *err = file_error(wth->fh, err_info);
        return WTAP_OPEN_ERROR;
    }
    if (!har_looks_like_har(head, (size_t)n))
        return WTAP_OPEN_NOT_MINE;
    if (file_seek(wth->fh, 0, SEEK_SET, err) == -1)
        return WTAP_OPEN_ERROR;
    wtap_open_return_val result = convert_file(wth, err, err_info);
    if (result != WTAP_OPEN_MINE)
        return result;
    wth->file_type_subtype = har_file_type_subtype;
    wth->file_encap = WTAP_ENCAP_RAW_IP;
    wth->snapshot_length = 0;
    wth->file_tsprec = WTAP_TSPREC_USEC;
    wth->subtype_read = har_read;
    wth->subtype_seek_read = har_seek_read;
    wth->subtype_close = har_close;
    wtap_add_generated_idb(wth);
    return WTAP_OPEN_MINE;
}

/* ---- registration -------------------------------------------------------------------- */

static const struct supported_option_type packet_options[] = {
    { OPT_COMMENT, MULTIPLE_OPTIONS_SUPPORTED },
};

static const struct supported_block_type har_blocks[] = {
    { WTAP_BLOCK_PACKET, MULTIPLE_BLOCKS_SUPPORTED, OPTION_TYPES_SUPPORTED(packet_options) },
};

/* Read only: no can_write_encap, no dump_open. */
static const struct file_type_subtype_info har_type = {
    "HAR (HTTP Archive of a browser's network log)", "har", "har", NULL,
    false, BLOCKS_SUPPORTED(har_blocks), NULL, NULL, NULL,
};

static struct open_info har_open_info = {
    "HAR (HTTP Archive)", OPEN_INFO_HEURISTIC, har_open, "har", NULL, NULL,
};

static void
register_har(void)
{
    wtap_register_open_info(&har_open_info, false);
    har_file_type_subtype = wtap_register_file_type_subtype(&har_type);
}

void
plugin_register(void)
{
    static const wtap_plugin plugin = { register_har };
    wtap_register_plugin(&plugin);
}

uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_FILE_TYPE;
}
