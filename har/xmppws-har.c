/* xmppws-har.c
 *
 * xmppws-har IN.har OUT.pcapng: turns the HTTP and WebSocket traffic a
 * browser saved in a HAR file (Chrome and Edge DevTools "Save all as HAR
 * with content", Playwright's recordHar, mitmproxy) into a capture that
 * Wireshark's HTTP and WebSocket dissectors, and the xmppws plugin, read
 * as if it had been captured on the wire. What is made of each entry:
 * packets.c; the HAR fields read: model.c; the bounds: har-limits.h.
 *
 * Exit status: 0 written; 2 usage; 3 cannot read IN or write OUT; 4 not
 * JSON; 5 truncated; 6 JSON but not a HAR; 7 past a limit; 8 no entry
 * that could be converted.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "convert.h"
#include "error.h"
#include "har-limits.h"
#include "pcapng.h"

#ifndef XMPPWS_HAR_VERSION
#define XMPPWS_HAR_VERSION "unknown"
#endif

#define EXIT_USAGE 2

static const char usage[] =
    "usage: xmppws-har [--quiet] IN.har OUT.pcapng\n"
    "\n"
    "Writes the HTTP requests and WebSocket messages of a HAR file (DevTools\n"
    "\"Save all as HAR with content\", Playwright recordHar) as a pcapng capture:\n"
    "one TCP connection per entry, the HTTP messages with their headers and\n"
    "bodies, one WebSocket frame per message, in time order. Open it in\n"
    "Wireshark with the xmppws plugin. A HAR holds the agent's credentials\n"
    "(SASL PLAIN in the WebSocket messages): treat it, and the capture, as secret.\n"
    "\n"
    "  --quiet    print only warnings and errors\n"
    "\n"
    "Exit status: 0 written; 2 usage; 3 cannot read IN or write OUT; 4 not JSON;\n"
    "5 truncated; 6 not a HAR; 7 too large or too deeply nested; 8 no entry to convert.\n";

static gboolean
read_input(const char *path, char **text, gsize *len, GError **error)
{
    GStatBuf st;
    if (g_stat(path, &st) != 0)
        return har_fail(error, HAR_ERROR_IO, "cannot read: %s", g_strerror(errno));
    if (!S_ISREG(st.st_mode))
        return har_fail(error, HAR_ERROR_IO, "not a regular file");
    if ((guint64)st.st_size > HAR_MAX_FILE_SIZE)
        return har_fail(error, HAR_ERROR_TOO_LARGE, "larger than %zu MiB", HAR_MAX_FILE_SIZE >> 20);
    GError *io = NULL;
    if (!g_file_get_contents(path, text, len, &io)) {
        har_fail(error, HAR_ERROR_IO, "cannot read: %s", io->message);
        g_error_free(io);
        return FALSE;
    }
    return TRUE;
}

static gboolean
write_output(const char *path, const har_capture *capture, const har_log *log, const char *input,
             GError **error)
{
    FILE *out = g_fopen(path, "wb");
    if (!out)
        return har_fail(error, HAR_ERROR_IO, "cannot create %s: %s", path, g_strerror(errno));
    char *base = g_path_get_basename(input);
    char *comment = g_strdup_printf("Converted by xmppws-har from %s%s%s%s", base, log->creator ? " (written by " : "",
                                    log->creator ? log->creator : "", log->creator ? ")" : "");
    gboolean ok = har_pcapng_write(out, capture, "xmppws-har " XMPPWS_HAR_VERSION, comment, error);
    if (fclose(out) != 0 && ok)
        ok = har_fail(error, HAR_ERROR_IO, "cannot write %s: %s", path, g_strerror(errno));
    if (!ok)
        g_unlink(path);
    g_free(comment);
    g_free(base);
    return ok;
}

static const char *
time_units(const har_log *log)
{
    if (log->seconds_messages && log->millisecond_messages)
        return ", times in seconds and in milliseconds";
    if (log->millisecond_messages)
        return ", times in milliseconds";
    if (log->seconds_messages)
        return ", times in seconds";
    return "";
}

static void
report(const char *in, const char *out, const har_log *log, const har_capture *c)
{
    printf("%s%s%s%s: %u HTTP and %u WebSocket entries, %u WebSocket messages%s; %u entries skipped\n", in,
           log->creator ? " (" : "", log->creator ? log->creator : "", log->creator ? ")" : "", c->http_entries,
           c->websocket_entries, c->websocket_messages, time_units(log), log->skipped);
    printf("%s: %u packets in %u TCP connections, %u with a comment\n", out, c->packets->len, c->connections,
           c->comments);
}

static int
convert(const char *in, const char *out, gboolean quiet)
{
    char *text = NULL;
    gsize len = 0;
    har_log *log = NULL;
    har_capture *capture = NULL;
    GError *error = NULL;
    const char *failed = in;
    if (read_input(in, &text, &len, &error))
        capture = har_convert(text, len, &log, &error);
    for (guint i = 0; log && i < log->warnings->len; i++)
        fprintf(stderr, "xmppws-har: %s: %s\n", in, (const char *)g_ptr_array_index(log->warnings, i));
    if (capture) {
        failed = out;
        if (write_output(out, capture, log, in, &error) && !quiet)
            report(in, out, log, capture);
    }
    int status = 0;
    if (error) {
        fprintf(stderr, "xmppws-har: %s: %s\n", failed, error->message);
        status = error->code;
        g_error_free(error);
    }
    har_capture_free(capture);
    har_log_free(log);
    g_free(text);
    return status;
}

int
main(int argc, char **argv)
{
    gboolean quiet = FALSE;
    int first = 1;
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        puts("xmppws-har " XMPPWS_HAR_VERSION);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--quiet") == 0) {
        quiet = TRUE;
        first = 2;
    }
    if (argc - first != 2 || argv[first][0] == '-' || argv[first + 1][0] == '-') {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    return convert(argv[first], argv[first + 1], quiet);
}
