/* fuzz_har.c
 *
 * libFuzzer harness for the HAR converter (har/: the JSON reader, the HAR
 * model, the packet builder), no epan: one input is one HAR file, run
 * through har_convert() exactly as xmppws-har and the wiretap plugin run
 * it. Inputs that do not start like a HAR are also fed with a HAR wrapper
 * around them ({"log":{"entries":[ INPUT ]}}), so that the mutations reach
 * the entry and message readers and not only the tokenizer.
 *
 * Besides the sanitizers, it checks the converter's promises and aborts
 * when one is broken: a NULL result carries an error of the HAR_ERROR
 * domain; every packet is an IPv4 or IPv6 datagram whose length field
 * matches its size; packets are in time order; the total size of the
 * packets stays within a fixed multiple of the input (no unbounded
 * allocation).
 *
 * Specs: see har/model.h, har/packets.c (HAR 1.2, RFC 8259, RFC 6455,
 * RFC 7692, RFC 9112, RFC 9293).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "convert.h"
#include "error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

/* Per input byte, at most this many packet bytes: every entry, however
 * small, makes 9 packets of at least 40 bytes plus its headers. */
#define MAX_GROWTH 512
#define MIN_OUTPUT 65536

static void
check_packet(const har_packet *p, gint64 previous_time)
{
    const guint8 *d = p->data->data;
    guint len = p->data->len;
    REQUIRE(p->time_us >= previous_time);
    REQUIRE(len >= 40);
    if ((d[0] >> 4) == 4)
        REQUIRE(((guint)d[2] << 8 | d[3]) == len);
    else
        REQUIRE((d[0] >> 4) == 6 && ((guint)d[4] << 8 | d[5]) + 40 == len);
}

static void
check_capture(const har_capture *capture, size_t input_size)
{
    gint64 previous = G_MININT64;
    size_t total = 0;
    for (guint i = 0; i < capture->packets->len; i++) {
        const har_packet *p = g_ptr_array_index(capture->packets, i);
        check_packet(p, previous);
        previous = p->time_us;
        total += p->data->len;
    }
    REQUIRE(total <= MIN_OUTPUT + MAX_GROWTH * input_size);
}

static void
convert_once(const char *text, size_t len)
{
    GError *error = NULL;
    har_log *log = NULL;
    har_capture *capture = har_convert(text, len, &log, &error);
    if (capture)
        check_capture(capture, len);
    else
        REQUIRE(error && error->domain == HAR_ERROR);
    if (error)
        g_error_free(error);
    har_capture_free(capture);
    har_log_free(log);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = g_malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    convert_once(text, size);
    if (!har_looks_like_har(data, size)) {
        char *wrapped = g_strdup_printf("{\"log\":{\"entries\":[%s]}}", text);
        convert_once(wrapped, strlen(wrapped));
        g_free(wrapped);
    }
    g_free(text);
    return 0;
}
