/* capfile.c
 *
 * Capture files through libwiretap (see capfile.h). The copy follows
 * editcap: dump parameters from the input without its interfaces, then
 * every interface description as wiretap reads it, then each record.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capfile.h"

#include <string.h>

#include <wiretap/wtap.h>

#include "compat.h"

#define RD_ERROR rd_capfile_error_quark()
G_DEFINE_QUARK(xmppws-redact-capfile, rd_capfile_error)

/* wiretap's callback for new secrets has no context pointer. */
static guint secrets_seen;

static void
count_secrets(guint32 secrets_type, const void *secrets, guint size)
{
    (void)secrets_type;
    (void)secrets;
    (void)size;
    secrets_seen++;
}

void
rd_capfile_init(void)
{
    wtap_init(FALSE);
}

static void
set_wtap_error(GError **error, const char *what, const char *path, int err, gchar *err_info)
{
    if (err_info)
        g_set_error(error, RD_ERROR, err, "%s %s: %s (%s)", what, path, wtap_strerror(err), err_info);
    else
        g_set_error(error, RD_ERROR, err, "%s %s: %s", what, path, wtap_strerror(err));
    g_free(err_info);
}

static wtap *
open_capture(const char *path, GError **error)
{
    int    err = 0;
    gchar *err_info = NULL;
    wtap  *wth = wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, FALSE);

    if (!wth)
        set_wtap_error(error, "cannot read", path, err, err_info);
    else
        wtap_set_cb_new_secrets(wth, count_secrets);
    secrets_seen = 0;
    return wth;
}

gboolean
rd_capfile_is_capture(const char *path)
{
    int    err = 0;
    gchar *err_info = NULL;
    wtap  *wth = wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, FALSE);

    g_free(err_info);
    if (!wth)
        return FALSE;
    wtap_close(wth);
    return TRUE;
}

static void
packet_of(const rd_record *r, guint32 number, const guint8 *data, rd_packet *pkt)
{
    pkt->number = number;
    pkt->encap = r->rec.rec_header.packet_header.pkt_encap;
    pkt->data = data;
    pkt->caplen = r->rec.rec_header.packet_header.caplen;
    pkt->len = r->rec.rec_header.packet_header.len;
}

/* wtap_file_get_idb_info() gave the parameters a list of interfaces that
 * is the caller's to free, once the dumper is open (as reordercap does);
 * the rest is wtap_dump_params_cleanup()'s. */
static void
release_dump_params(wtap_dump_params *params)
{
    g_free(params->idb_inf);
    params->idb_inf = NULL;
    wtap_dump_params_cleanup(params);
}

/* Secrets blocks wiretap read while opening the file (pcapng puts them
 * before the first packet) are in the dump parameters' growing list. */
static guint
secrets_blocks(wtap *wth)
{
    wtap_dump_params params = WTAP_DUMP_PARAMS_INIT;
    guint n;

    wtap_dump_params_init(&params, wth);
    n = params.dsbs_growing ? params.dsbs_growing->len : 0;
    release_dump_params(&params);
    return MAX(n, secrets_seen);
}

gboolean
rd_capfile_read(const char *path, rd_packet_fn fn, void *ctx, rd_capinfo *info, GError **error)
{
    wtap     *wth = open_capture(path, error);
    rd_record r;
    int       err = 0;
    gchar    *err_info = NULL;

    memset(info, 0, sizeof *info);
    if (!wth)
        return FALSE;
    info->format = g_strdup(wtap_file_type_subtype_name(wtap_file_type_subtype(wth)));
    rd_record_init(&r);
    while (rd_record_read(wth, &r, &err, &err_info)) {
        info->records++;
        if (r.rec.rec_type != REC_TYPE_PACKET)
            continue;
        rd_packet pkt;
        packet_of(&r, info->records, rd_record_bytes(&r), &pkt);
        fn(ctx, &pkt);
    }
    info->secrets_blocks = secrets_blocks(wth);
    rd_record_cleanup(&r);
    wtap_close(wth);
    if (err) {
        set_wtap_error(error, "cannot read", path, err, err_info);
        return FALSE;
    }
    return TRUE;
}

/* Interface descriptions read since the last call, into the copy (only
 * formats with interface blocks take them). */
static gboolean
copy_new_interfaces(wtap *wth, wtap_dumper *dumper, int *err, gchar **err_info)
{
    wtap_block_t idb;
    gboolean     wanted = wtap_file_type_subtype_supports_block(wtap_dump_file_type_subtype(dumper),
                                                               WTAP_BLOCK_IF_ID_AND_INFO) != BLOCK_NOT_SUPPORTED;

    while ((idb = wtap_get_next_interface_description(wth)) != NULL) {
        if (wanted && !wtap_dump_add_idb(dumper, idb, err, err_info))
            return FALSE;
    }
    return TRUE;
}

static wtap_dumper *
open_copy(wtap *wth, const char *out, gboolean drop_secrets, int *err, gchar **err_info)
{
    wtap_dump_params params = WTAP_DUMP_PARAMS_INIT;
    wtap_dumper *dumper;

    wtap_dump_params_init_no_idbs(&params, wth);
    if (drop_secrets)
        wtap_dump_params_discard_decryption_secrets(&params);
    dumper = wtap_dump_open(out, wtap_file_type_subtype(wth), WTAP_UNCOMPRESSED, &params, err, err_info);
    release_dump_params(&params);
    return dumper;
}

/* Writes the record in `r` and every one after it. */
static gboolean
copy_records(wtap *wth, wtap_dumper *dumper, rd_record *r, rd_rewrite_fn fn, void *ctx, int *err, gchar **err_info)
{
    guint32  number = 0;
    gboolean ok = TRUE, more = TRUE;

    while (ok && more) {
        number++;
        ok = copy_new_interfaces(wth, dumper, err, err_info);
        if (ok && r->rec.rec_type == REC_TYPE_PACKET)
            fn(ctx, number, r->rec.rec_header.packet_header.pkt_encap, rd_record_bytes(r),
               r->rec.rec_header.packet_header.caplen, r->rec.rec_header.packet_header.len);
        ok = ok && rd_record_dump(dumper, r, err, err_info);
        more = ok && rd_record_read(wth, r, err, err_info);
    }
    return ok && *err == 0;
}

/* The copy is opened after the first record is read: a pcapng file that
 * puts a secrets block before its first interface (as editcap
 * --inject-secrets writes them) has no encapsulation until then. */
gboolean
rd_capfile_copy(const char *in, const char *out, gboolean drop_secrets, rd_rewrite_fn fn, void *ctx,
                GError **error)
{
    wtap        *wth = open_capture(in, error);
    wtap_dumper *dumper;
    rd_record    r;
    int          err = 0, close_err = 0;
    gchar       *err_info = NULL, *close_err_info = NULL;
    gboolean     ok, any;

    if (!wth)
        return FALSE;
    rd_record_init(&r);
    any = rd_record_read(wth, &r, &err, &err_info);
    dumper = err ? NULL : open_copy(wth, out, drop_secrets, &err, &err_info);
    if (!dumper) {
        set_wtap_error(error, "cannot write", out, err, err_info);
        rd_record_cleanup(&r);
        wtap_close(wth);
        return FALSE;
    }
    ok = copy_new_interfaces(wth, dumper, &err, &err_info) &&
         (!any || copy_records(wth, dumper, &r, fn, ctx, &err, &err_info));
    if (!wtap_dump_close(dumper, NULL, &close_err, &close_err_info) && ok) {
        ok = FALSE;
        err = close_err;
        err_info = close_err_info;
        close_err_info = NULL;
    }
    g_free(close_err_info);
    rd_record_cleanup(&r);
    wtap_close(wth);
    if (!ok)
        set_wtap_error(error, "cannot copy into", out, err, err_info);
    return ok;
}

void
rd_capinfo_clear(rd_capinfo *info)
{
    g_clear_pointer(&info->format, g_free);
}
