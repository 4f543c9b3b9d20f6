/* compat.h
 *
 * Every difference between the Wireshark releases xmppws-redact builds
 * against that its code meets, in one place; no other file of redact/
 * tests the version. Supported: 4.0 (Debian 12), 4.4 (Debian 13), 4.6
 * (Debian sid).
 *
 *   - 4.6 moved a record's bytes into the record itself (wtap_rec.data):
 *     wtap_read() and wtap_dump() lost their Buffer / data argument and
 *     wtap_rec_init() takes the initial size of that buffer;
 *   - 4.6 dropped the program name from ws_log_init() (GLib's is used);
 *   - 4.4 made wsutil's JSON functions return C99 bool (gboolean before);
 *     callers here only test the result for truth, so nothing to adapt.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_COMPAT_H
#define XMPPWS_REDACT_COMPAT_H

#include <glib.h>
#include <ws_version.h>
#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

#define RD_WIRESHARK_AT_LEAST(major, minor) \
    (WIRESHARK_VERSION_MAJOR > (major) || \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* Wireshark's logging at its default level (libwiretap logs debug
 * messages until it is initialised); WIRESHARK_LOG_LEVEL still applies. */
static inline void
rd_log_init(const char *program)
{
    g_set_prgname(program);
#if RD_WIRESHARK_AT_LEAST(4, 6)
    ws_log_init(NULL);
#else
    ws_log_init(program, NULL);
#endif
}

/* One record read from a capture file, with its bytes. */
typedef struct {
    wtap_rec rec;
#if !RD_WIRESHARK_AT_LEAST(4, 6)
    Buffer   buf;
#endif
} rd_record;

#define RD_RECORD_INITIAL_SIZE 2048

static inline void
rd_record_init(rd_record *r)
{
#if RD_WIRESHARK_AT_LEAST(4, 6)
    wtap_rec_init(&r->rec, RD_RECORD_INITIAL_SIZE);
#else
    wtap_rec_init(&r->rec);
    ws_buffer_init(&r->buf, RD_RECORD_INITIAL_SIZE);
#endif
}

static inline void
rd_record_cleanup(rd_record *r)
{
    wtap_rec_cleanup(&r->rec);
#if !RD_WIRESHARK_AT_LEAST(4, 6)
    ws_buffer_free(&r->buf);
#endif
}

/* Reads the next record; FALSE at the end of the file or on an error
 * (*err is 0 at the end). */
static inline gboolean
rd_record_read(wtap *wth, rd_record *r, int *err, gchar **err_info)
{
    gint64 offset;

    wtap_rec_reset(&r->rec);
#if RD_WIRESHARK_AT_LEAST(4, 6)
    return wtap_read(wth, &r->rec, err, err_info, &offset);
#else
    return wtap_read(wth, &r->rec, &r->buf, err, err_info, &offset);
#endif
}

/* The record's bytes, writable: changes are what rd_record_dump() writes. */
static inline guint8 *
rd_record_bytes(rd_record *r)
{
#if RD_WIRESHARK_AT_LEAST(4, 6)
    return ws_buffer_start_ptr(&r->rec.data);
#else
    return ws_buffer_start_ptr(&r->buf);
#endif
}

static inline gboolean
rd_record_dump(wtap_dumper *dumper, rd_record *r, int *err, gchar **err_info)
{
#if RD_WIRESHARK_AT_LEAST(4, 6)
    return wtap_dump(dumper, &r->rec, err, err_info);
#else
    return wtap_dump(dumper, &r->rec, ws_buffer_start_ptr(&r->buf), err, err_info);
#endif
}

#endif /* XMPPWS_REDACT_COMPAT_H */
