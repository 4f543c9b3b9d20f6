/* capfile.h
 *
 * Capture files through libwiretap: reading every record of a file, and
 * writing a copy of it whose packet bytes a callback may change in place
 * (lengths, time stamps, interfaces, comments and every other block stay;
 * the copy has the input's file format). Whatever wiretap reads can be
 * read (pcap, pcapng, and the rest); pcapng Decryption Secrets Blocks are
 * counted, and can be left out of the copy.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_CAPFILE_H
#define XMPPWS_REDACT_CAPFILE_H

#include <glib.h>

/* One packet record. */
typedef struct {
    guint32       number;    /* 1-based record number: Wireshark's frame number */
    int           encap;     /* WTAP_ENCAP_* */
    const guint8 *data;
    guint32       caplen;    /* bytes in the file */
    guint32       len;       /* bytes on the wire */
} rd_packet;

typedef struct {
    char   *format;          /* wiretap's name of the file type ("pcap", "pcapng", ...) */
    guint32 records;
    guint   secrets_blocks;  /* pcapng Decryption Secrets Blocks (TLS key logs and the like) */
} rd_capinfo;

typedef void (*rd_packet_fn)(void *ctx, const rd_packet *pkt);

/* Changes the bytes of one packet record in place before it is written. */
typedef void (*rd_rewrite_fn)(void *ctx, guint32 number, int encap, guint8 *data, guint32 caplen, guint32 len);

/* Once, before anything else. */
void rd_capfile_init(void);

/* TRUE when wiretap recognises the file as a capture. */
gboolean rd_capfile_is_capture(const char *path);

/* Calls `fn` for every packet record of `path`, in order. */
gboolean rd_capfile_read(const char *path, rd_packet_fn fn, void *ctx, rd_capinfo *info, GError **error);

/* Writes a copy of `in` to `out`, each packet record passed through `fn`
 * first; Decryption Secrets Blocks are left out when `drop_secrets`. */
gboolean rd_capfile_copy(const char *in, const char *out, gboolean drop_secrets, rd_rewrite_fn fn, void *ctx,
                         GError **error);

void rd_capinfo_clear(rd_capinfo *info);

#endif /* XMPPWS_REDACT_CAPFILE_H */
