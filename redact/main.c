/* main.c
 *
 * xmppws-redact [OPTION...] IN OUT
 *
 * Writes a copy of a capture (pcap, pcapng, or anything else libwiretap
 * reads, in the same format) or of an HTTP Archive (.har) in which every
 * SASL credential of XMPP over WebSocket (ws://) and BOSH (http://) is
 * replaced by a filler of the same length: nothing else changes, so the
 * copy dissects like the original. It prints what it changed (frames,
 * kinds, counts; never a value), refuses when it cannot vouch for the copy
 * (a credential it cannot rewrite, bytes it could not examine, TLS secrets
 * embedded in the capture), and keeps a copy only after reading it back:
 * it is written beside OUT, checked, and then renamed to OUT.
 *
 * Exit status: 0 copy written and verified; 1 usage error, or a file that
 * cannot be read or written; 2 refused (nothing written).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <wiretap/wtap.h>
#include <wsutil/wmem/wmem.h>

#include "capfile.h"
#include "compat.h"
#include "har.h"
#include "report.h"
#include "scan.h"
#include "verify.h"
#include "xmlmodel.h"

enum { EXIT_WRITTEN = 0, EXIT_ERROR = 1, EXIT_REFUSED = 2 };

typedef struct {
    gboolean    drop_tls_secrets;
    gboolean    allow_unexamined;
    GArray     *ws_ports;          /* guint16 */
    const char *in;
    const char *out;
} options;

/* ---- command line ----------------------------------------------------------------- */

static gboolean
parse_ports(gchar **values, GArray *ports, GError **error)
{
    for (guint i = 0; values && values[i]; i++) {
        guint64 port;
        if (!g_ascii_string_to_unsigned(values[i], 10, 1, 65535, &port, error))
            return FALSE;
        guint16 p = (guint16)port;
        g_array_append_val(ports, p);
    }
    return TRUE;
}

static gboolean
parse_options(int argc, char **argv, options *o, GError **error)
{
    gchar  **ports = NULL, **files = NULL;
    gboolean ok;
    GOptionEntry entries[] = {
        { "drop-tls-secrets", 0, 0, G_OPTION_ARG_NONE, &o->drop_tls_secrets,
          "Write the copy without the TLS secrets embedded in the capture (pcapng Decryption Secrets Blocks)", NULL },
        { "allow-unexamined", 0, 0, G_OPTION_ARG_NONE, &o->allow_unexamined,
          "Write the copy even though some bytes could not be examined (they are listed)", NULL },
        { "ws-port", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ports,
          "A TCP port that carries WebSocket whose handshake is not in the capture (repeatable)", "PORT" },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "IN OUT" },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };
    GOptionContext *ctx = g_option_context_new("IN OUT");

    g_option_context_set_summary(ctx,
        "Writes a copy of a capture (pcap, pcapng) or HTTP Archive (.har) in which every SASL credential of XMPP\n"
        "over WebSocket and BOSH is replaced by a filler of the same length (\"REDACTED...\"): PLAIN passwords,\n"
        "SCRAM proofs, salts and server signatures, DIGEST-MD5 responses and rspauth, the data of other\n"
        "mechanisms. Everything else stays, so the copy dissects like the original.");
    g_option_context_set_description(ctx,
        "Exit status: 0 copy written and verified, 1 error, 2 refused (nothing written).");
    g_option_context_add_main_entries(ctx, entries, NULL);
    ok = g_option_context_parse(ctx, &argc, &argv, error) && parse_ports(ports, o->ws_ports, error);
    if (ok && (!files || g_strv_length(files) != 2)) {
        g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "give an input and an output file");
        ok = FALSE;
    }
    if (ok) {
        o->in = g_strdup(files[0]);
        o->out = g_strdup(files[1]);
    }
    g_strfreev(ports);
    g_strfreev(files);
    g_option_context_free(ctx);
    return ok;
}

static gboolean
same_file(const char *a, const char *b)
{
    GStatBuf sa, sb;
    return g_stat(a, &sa) == 0 && g_stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ---- messages ---------------------------------------------------------------------- */

/* Refusals go to stderr, after what was printed so far. */
static void
say_refused(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void
say_refused(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("refused: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

/* ---- the copy's file ----------------------------------------------------------------- */

/* A new file beside `out`, with the permissions a new file gets. */
static char *
temporary_beside(const char *out)
{
    char  *path = g_strdup_printf("%s.xmppws-redact-XXXXXX", out);
    int    fd = g_mkstemp(path);
    mode_t mask = umask(0);

    umask(mask);
    if (fd < 0) {
        g_free(path);
        return NULL;
    }
    fchmod(fd, 0666 & ~mask);
    close(fd);
    return path;
}

static int
keep_or_drop(char *tmp, const char *out, gboolean verified, GString *why, const rd_report *report)
{
    int status = EXIT_WRITTEN;

    if (!verified) {
        say_refused("the copy did not pass its check, nothing was written:\n%s", why->str);
        g_unlink(tmp);
        status = EXIT_REFUSED;
    } else if (g_rename(tmp, out) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", out, g_strerror(errno));
        g_unlink(tmp);
        status = EXIT_ERROR;
    } else {
        guint secrets = rd_report_secrets(report)->len;
        if (!rd_report_founds(report)->len)
            printf("  verified: read back, no credential in it\n");
        else if (!secrets)
            printf("  verified: read back, every credential is redacted\n");
        else
            printf("  verified: read back, every credential is redacted, and none of the %u original values is "
                   "in its bytes\n", secrets);
        printf("wrote %s\n", out);
    }
    g_free(tmp);
    return status;
}

/* ---- what keeps the copy from being written --------------------------------------------- */

static gboolean
refused(const rd_report *report, const options *o, guint secrets_blocks)
{
    gboolean refuse = FALSE;

    if (rd_report_problems(report)->len) {
        printf("  not examined or not redactable:\n");
        rd_report_print_problems(report, stdout, "    ");
    }
    if (rd_report_has_problem(report, RD_PROBLEM_KEPT)) {
        say_refused("some credentials cannot be redacted in place (listed above): a compressed message cannot be "
               "rewritten at the same length.\n");
        refuse = TRUE;
    }
    if (rd_report_has_problem(report, RD_PROBLEM_UNEXAMINED) && !o->allow_unexamined) {
        say_refused("parts of the input could not be examined (listed above), so the copy cannot be verified there. "
               "Run again with --allow-unexamined to write it anyway.\n");
        refuse = TRUE;
    }
    if (secrets_blocks && !o->drop_tls_secrets) {
        say_refused("the capture embeds TLS secrets (%u pcapng Decryption Secrets Block%s): whoever opens it can "
               "decrypt its TLS connections and read the credentials in them, which cannot be redacted in place. "
               "Run again with --drop-tls-secrets to write the copy without them.\n",
               secrets_blocks, secrets_blocks == 1 ? "" : "s");
        refuse = TRUE;
    }
    return refuse;
}

static void
warn_tls(const rd_report *report, const options *o, guint secrets_blocks)
{
    guint tls = rd_report_connections(report, RD_PROTO_TLS);

    if (secrets_blocks && o->drop_tls_secrets)
        printf("  dropped the capture's %u embedded TLS secrets block%s\n", secrets_blocks,
               secrets_blocks == 1 ? "" : "s");
    if (tls)
        printf("  warning: %u TLS connection%s not examined (encrypted). Whoever has the TLS key log this capture "
               "was decrypted with (SSLKEYLOGFILE, NAME.keys) can read the credentials in %s: never share the key "
               "log with the copy.\n", tls, tls == 1 ? " was" : "s were", tls == 1 ? "it" : "them");
    if (rd_report_has_problem(report, RD_PROBLEM_UNEXAMINED) && o->allow_unexamined)
        printf("  warning: the parts listed as not examined are copied as they are (--allow-unexamined)\n");
}

/* ---- captures -------------------------------------------------------------------------------- */

static gboolean
verify_capture(const char *copy, const options *o, const rd_scan *original, GString *why)
{
    rd_scan         *again = rd_scan_new(o->ws_ports, TRUE);
    GError          *error = NULL;
    const rd_capinfo *before = rd_scan_info(original), *after;
    gboolean         ok = rd_scan_capture(again, copy, &error);

    after = rd_scan_info(again);
    if (!ok) {
        g_string_append_printf(why, "%s\n", error->message);
        g_error_free(error);
    }
    ok = ok && rd_verify_report(rd_scan_report(again), rd_scan_report(original), why);
    ok = ok && rd_verify_file_bytes(copy, rd_scan_report(original), why);
    ok = ok && rd_scan_copy_consistent(again, copy, why);
    if (ok && after->records != before->records) {
        g_string_append_printf(why, "it has %u records where the original has %u\n", after->records,
                               before->records);
        ok = FALSE;
    }
    if (ok && o->drop_tls_secrets && after->secrets_blocks) {
        g_string_append(why, "it still holds TLS secrets blocks\n");
        ok = FALSE;
    }
    rd_scan_free(again);
    return ok;
}

static int
redact_capture(const options *o)
{
    rd_scan  *scan = rd_scan_new(o->ws_ports, FALSE);
    GError   *error = NULL;
    GString  *why = g_string_new(NULL);
    int       status = EXIT_REFUSED;
    char     *tmp = NULL;

    if (!rd_scan_capture(scan, o->in, &error)) {
        fprintf(stderr, "%s\n", error->message);
        g_error_free(error);
        rd_scan_free(scan);
        g_string_free(why, TRUE);
        return EXIT_ERROR;
    }
    const rd_capinfo *info = rd_scan_info(scan);
    rd_report        *report = rd_scan_report(scan);
    printf("xmppws-redact: %s (%s, %u records)\n", o->in, info->format, info->records);
    if (!refused(report, o, info->secrets_blocks)) {
        tmp = temporary_beside(o->out);
        if (!tmp || !rd_scan_write_copy(scan, o->in, tmp, o->drop_tls_secrets, &error)) {
            fprintf(stderr, "cannot write beside %s: %s\n", o->out, error ? error->message : g_strerror(errno));
            g_clear_error(&error);
            if (tmp)
                g_unlink(tmp);
            g_free(tmp);
            status = EXIT_ERROR;
        } else {
            rd_report_print_findings(report, stdout);
            warn_tls(report, o, info->secrets_blocks);
            status = keep_or_drop(tmp, o->out, verify_capture(tmp, o, scan, why), why, report);
        }
    } else {
        rd_report_print_findings(report, stdout);
    }
    g_string_free(why, TRUE);
    rd_scan_free(scan);
    return status;
}

/* ---- HTTP Archives ------------------------------------------------------------------------------ */

static gboolean
write_har(const char *tmp, const GString *copy, const rd_report *report, GString *why)
{
    GError  *error = NULL;
    gchar   *back = NULL;
    gsize    len = 0;
    gboolean ok = g_file_set_contents(tmp, copy->str, (gssize)copy->len, &error) &&
                  g_file_get_contents(tmp, &back, &len, &error);

    if (!ok) {
        g_string_append_printf(why, "%s\n", error->message);
        g_error_free(error);
    }
    ok = ok && rd_har_verify(back, len, report, why);
    g_free(back);
    return ok;
}

static int
redact_har(const options *o, const char *text, gsize len)
{
    rd_report *report = rd_report_new("entry");
    GString   *copy = g_string_new(NULL), *why = g_string_new(NULL);
    int        status = EXIT_REFUSED;

    printf("xmppws-redact: %s (HTTP Archive, %zu bytes)\n", o->in, len);
    if (!rd_har_redact(text, len, report, copy, why)) {
        fprintf(stderr, "cannot read %s: %s", o->in, why->str);
        status = EXIT_ERROR;
    } else if (!refused(report, o, 0)) {
        char *tmp = temporary_beside(o->out);
        rd_report_print_findings(report, stdout);
        if (!tmp) {
            fprintf(stderr, "cannot write beside %s: %s\n", o->out, g_strerror(errno));
            status = EXIT_ERROR;
        } else {
            status = keep_or_drop(tmp, o->out, write_har(tmp, copy, report, why), why, report);
        }
    }
    g_string_free(copy, TRUE);
    g_string_free(why, TRUE);
    rd_report_free(report);
    return status;
}

/* TRUE when the first byte that is not white space is '{'. */
static gboolean
starts_like_json(const char *path)
{
    FILE  *f = g_fopen(path, "rb");
    int    c = EOF;

    if (!f)
        return FALSE;
    do
        c = fgetc(f);
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    fclose(f);
    return c == '{';
}

/* ---- main ------------------------------------------------------------------------------------------ */

static int
run(const options *o)
{
    gchar *text = NULL;
    gsize  len = 0;
    int    status;

    if (same_file(o->in, o->out)) {
        fprintf(stderr, "the output must not be the input\n");
        return EXIT_ERROR;
    }
    /* An HTTP Archive first: libwiretap's heuristics take some JSON for a
     * capture of another kind. */
    if (starts_like_json(o->in) && g_file_get_contents(o->in, &text, &len, NULL) && rd_har_is_har(text, len)) {
        status = redact_har(o, text, len);
        g_free(text);
        return status;
    }
    g_free(text);
    if (rd_capfile_is_capture(o->in))
        return redact_capture(o);
    fprintf(stderr, "%s is neither an HTTP Archive nor a capture file libwiretap reads\n", o->in);
    return EXIT_ERROR;
}

int
main(int argc, char **argv)
{
    options o = { FALSE, FALSE, g_array_new(FALSE, FALSE, sizeof(guint16)), NULL, NULL };
    GError *error = NULL;
    int     status;

    if (!parse_options(argc, argv, &o, &error)) {
        fprintf(stderr, "xmppws-redact: %s (--help for usage)\n", error->message);
        g_error_free(error);
        g_array_unref(o.ws_ports);
        return EXIT_ERROR;
    }
    rd_log_init("xmppws-redact");
    wmem_init();
    rd_capfile_init();
    status = run(&o);
    xm_parse_cleanup();
    wtap_cleanup();
    wmem_cleanup();
    g_array_unref(o.ws_ports);
    g_free((char *)o.in);
    g_free((char *)o.out);
    return status;
}
