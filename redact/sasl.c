/* sasl.c
 *
 * Redacting SASL credentials in the base64 text of one element (see
 * sasl.h). Specs: RFC 6120 §6.4.2 (base64 SASL data, "=" for empty),
 * RFC 4648 §4 (base64), RFC 4616 (PLAIN), RFC 5802 §5.1 and §7 (SCRAM
 * attributes and messages), RFC 2831 §2.1 (DIGEST-MD5 directives).
 *
 * What an offline dictionary attack needs, and so what goes:
 *   SCRAM: a guess is checked by recomputing ClientProof (p=) or
 *   ServerSignature (v=) from the salt (s=), the iteration count and the
 *   AuthMessage (both nonces, user, channel binding). Without p= and v=
 *   nothing can be checked; the salt goes too, so the capture does not
 *   hand out the PBKDF2 input of the user's stored key. Nonces, i= and the
 *   rest stay: alone they allow no guess.
 *   DIGEST-MD5: response= and rspauth= are both hashes over
 *   H(user:realm:password) with the nonces; either one allows the guess,
 *   so both go. The nonces stay.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sasl.h"

#include <string.h>

#include "filler.h"

typedef enum {
    FAMILY_UNKNOWN,     /* no mechanism known: read the data by its shape */
    FAMILY_PLAIN,
    FAMILY_SCRAM,
    FAMILY_DIGEST,
    FAMILY_NO_SECRET,   /* EXTERNAL, ANONYMOUS */
    FAMILY_OTHER        /* a mechanism not understood here */
} family;

/* Decoded SASL data being redacted. */
typedef struct {
    guint8 *data;
    gsize   len;
    GArray *found;
} decoded;

static const char *const kind_names[RD_KIND_COUNT] = {
    [RD_KIND_PLAIN_PASSWORD]  = "PLAIN password",
    [RD_KIND_SCRAM_PROOF]     = "SCRAM client proof (p=)",
    [RD_KIND_SCRAM_SALT]      = "SCRAM salt (s=)",
    [RD_KIND_SCRAM_SIGNATURE] = "SCRAM server signature (v=)",
    [RD_KIND_DIGEST_RESPONSE] = "DIGEST-MD5 response",
    [RD_KIND_DIGEST_RSPAUTH]  = "DIGEST-MD5 rspauth",
    [RD_KIND_WHOLE_DATA]      = "SASL client data, whole (mechanism not understood)",
    [RD_KIND_NOT_BASE64]      = "SASL client data that is not base64",
};

const char *
rd_kind_name(rd_kind kind)
{
    return kind < RD_KIND_COUNT ? kind_names[kind] : "?";
}

gboolean
rd_sasl_element_of(const char *name, rd_sasl_element *element)
{
    static const struct { const char *name; rd_sasl_element element; } names[] = {
        { "auth", RD_SASL_AUTH },
        { "response", RD_SASL_RESPONSE },
        { "challenge", RD_SASL_CHALLENGE },
        { "success", RD_SASL_SUCCESS },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        if (g_str_equal(name, names[i].name)) {
            *element = names[i].element;
            return TRUE;
        }
    }
    return FALSE;
}

void
rd_credential_clear(gpointer credential)
{
    g_bytes_unref(((rd_credential *)credential)->value);
}

static void
add_found(GArray *found, rd_kind kind, const guint8 *value, gsize len)
{
    rd_credential c = { kind, g_bytes_new(value, len) };
    g_array_append_val(found, c);
}

static gboolean
is_client(rd_sasl_element element)
{
    return element == RD_SASL_AUTH || element == RD_SASL_RESPONSE;
}

/* ---- mechanisms -------------------------------------------------------- */

static family
family_of(const char *mechanism)
{
    if (!mechanism)
        return FAMILY_UNKNOWN;
    if (!g_ascii_strcasecmp(mechanism, "PLAIN"))
        return FAMILY_PLAIN;
    if (!g_ascii_strncasecmp(mechanism, "SCRAM-", 6))
        return FAMILY_SCRAM;
    if (!g_ascii_strcasecmp(mechanism, "DIGEST-MD5"))
        return FAMILY_DIGEST;
    if (!g_ascii_strcasecmp(mechanism, "EXTERNAL") || !g_ascii_strcasecmp(mechanism, "ANONYMOUS"))
        return FAMILY_NO_SECRET;
    return FAMILY_OTHER;
}

static gboolean
has_prefix(const decoded *d, const char *prefix)
{
    gsize n = strlen(prefix);
    return d->len >= n && memcmp(d->data, prefix, n) == 0;
}

static gboolean
contains(const decoded *d, const char *what)
{
    gsize n = strlen(what);
    for (gsize i = 0; i + n <= d->len; i++) {
        if (g_ascii_strncasecmp((const char *)d->data + i, what, n) == 0)
            return TRUE;
    }
    return FALSE;
}

static guint
count_nuls(const decoded *d)
{
    guint n = 0;
    for (gsize i = 0; i < d->len; i++)
        n += d->data[i] == '\0';
    return n;
}

/* Client data without a known mechanism (no <auth> in the capture, or the
 * mechanism of a BOSH session not known): its shape, else FAMILY_OTHER so
 * that all of it goes. */
static family
guess_client_family(const decoded *d)
{
    if (has_prefix(d, "c=") && contains(d, ",p="))
        return FAMILY_SCRAM;
    if (contains(d, "response="))
        return FAMILY_DIGEST;
    if (count_nuls(d) == 2)
        return FAMILY_PLAIN;
    return FAMILY_OTHER;
}

static family
server_family(const decoded *d)
{
    if ((has_prefix(d, "r=") && contains(d, ",s=")) || has_prefix(d, "v="))
        return FAMILY_SCRAM;
    if (contains(d, "rspauth="))
        return FAMILY_DIGEST;
    return FAMILY_UNKNOWN;
}

/* ---- PLAIN (RFC 4616): [authzid] NUL authcid NUL passwd ---------------- */

static void
fill_whole(decoded *d)
{
    add_found(d->found, RD_KIND_WHOLE_DATA, d->data, d->len);
    rd_fill_text(d->data, d->len);
}

static void
redact_plain(decoded *d)
{
    guint8 *nul1 = memchr(d->data, '\0', d->len);
    guint8 *nul2 = nul1 ? memchr(nul1 + 1, '\0', d->len - (gsize)(nul1 + 1 - d->data)) : NULL;

    if (!nul2) {
        fill_whole(d);
        return;
    }
    guint8 *password = nul2 + 1;
    gsize   n = d->len - (gsize)(password - d->data);
    add_found(d->found, RD_KIND_PLAIN_PASSWORD, password, n);
    rd_fill_text(password, n);
}

/* ---- SCRAM (RFC 5802 §7): comma-separated attr=value ------------------- */

/* Fills the value of attribute `name` with base64 filler. */
static void
scram_fill(decoded *d, char name, rd_kind kind)
{
    gsize i = 0;

    while (i < d->len) {
        guint8 *end = memchr(d->data + i, ',', d->len - i);
        gsize   stop = end ? (gsize)(end - d->data) : d->len;
        if (stop - i >= 2 && d->data[i] == (guint8)name && d->data[i + 1] == '=') {
            add_found(d->found, kind, d->data + i + 2, stop - i - 2);
            rd_fill_base64(d->data + i + 2, stop - i - 2);
        }
        i = stop + 1;
    }
}

static void
redact_scram(decoded *d, rd_sasl_element element)
{
    if (is_client(element)) {
        if (has_prefix(d, "c="))            /* client-final; client-first has no secret */
            scram_fill(d, 'p', RD_KIND_SCRAM_PROOF);
    } else {
        scram_fill(d, 's', RD_KIND_SCRAM_SALT);
        scram_fill(d, 'v', RD_KIND_SCRAM_SIGNATURE);
    }
}

/* ---- DIGEST-MD5 (RFC 2831 §2.1): key=token or key="quoted", ... -------- */

static gsize
skip_separators(const decoded *d, gsize i)
{
    while (i < d->len && (d->data[i] == ',' || d->data[i] == ' ' || d->data[i] == '\t' ||
                          d->data[i] == '\r' || d->data[i] == '\n'))
        i++;
    return i;
}

/* The end of the value at `i` (just past a closing quote); *vstart and *vend
 * delimit its content. */
static gsize
digest_value(const decoded *d, gsize i, gsize *vstart, gsize *vend)
{
    if (i < d->len && d->data[i] == '"') {
        gsize j = i + 1;
        while (j < d->len && d->data[j] != '"')
            j += d->data[j] == '\\' ? 2 : 1;
        *vstart = i + 1;
        *vend = MIN(j, d->len);
        return MIN(j + 1, d->len);
    }
    gsize j = i;
    while (j < d->len && d->data[j] != ',')
        j++;
    *vstart = i;
    *vend = j;
    return j;
}

static gboolean
key_is(const decoded *d, gsize start, gsize end, const char *key)
{
    while (end > start && (d->data[end - 1] == ' ' || d->data[end - 1] == '\t'))
        end--;
    return end - start == strlen(key) && g_ascii_strncasecmp((const char *)d->data + start, key, end - start) == 0;
}

static void
digest_fill(decoded *d, const char *key, rd_kind kind)
{
    gsize i = skip_separators(d, 0);

    while (i < d->len) {
        guint8 *eq = memchr(d->data + i, '=', d->len - i);
        if (!eq)
            return;
        gsize key_end = (gsize)(eq - d->data), vstart, vend;
        gsize next = digest_value(d, key_end + 1, &vstart, &vend);
        if (key_is(d, i, key_end, key)) {
            add_found(d->found, kind, d->data + vstart, vend - vstart);
            rd_fill_text(d->data + vstart, vend - vstart);
        }
        i = skip_separators(d, next);
    }
}

static void
redact_digest(decoded *d, rd_sasl_element element)
{
    if (is_client(element))
        digest_fill(d, "response", RD_KIND_DIGEST_RESPONSE);
    else
        digest_fill(d, "rspauth", RD_KIND_DIGEST_RSPAUTH);
}

/* ---- base64 text --------------------------------------------------------- */

static gboolean
is_base64(const guint8 *t, gsize len)
{
    gsize pad = 0;

    if (len == 0 || len % 4 != 0)
        return FALSE;
    for (gsize i = 0; i < len; i++) {
        guint8 c = t[i];
        if (c == '=' && i >= len - 2)
            pad++;
        else if (pad || !(g_ascii_isalnum(c) || c == '+' || c == '/'))
            return FALSE;
    }
    return TRUE;
}

static void
redact_decoded(decoded *d, rd_sasl_element element, const char *mechanism)
{
    family f = is_client(element) ? family_of(mechanism) : server_family(d);

    if (is_client(element) && f == FAMILY_UNKNOWN)
        f = element == RD_SASL_AUTH ? FAMILY_OTHER : guess_client_family(d);
    switch (f) {
    case FAMILY_PLAIN:  redact_plain(d); break;
    case FAMILY_SCRAM:  redact_scram(d, element); break;
    case FAMILY_DIGEST: redact_digest(d, element); break;
    case FAMILY_OTHER:  if (is_client(element)) fill_whole(d); break;
    case FAMILY_UNKNOWN:
    case FAMILY_NO_SECRET:
        break;
    }
}

/* Re-encodes the decoded data into `text` when the data changed (the
 * length is the same: same decoded length, canonical encoding). */
static void
encode_into(const decoded *d, const guint8 *before, guint8 *text, gsize len)
{
    if (d->len == 0 || memcmp(d->data, before, d->len) == 0)
        return;
    gchar *encoded = g_base64_encode(d->data, d->len);
    if (strlen(encoded) == len)
        memcpy(text, encoded, len);
    g_free(encoded);
}

void
rd_sasl_redact(rd_sasl_element element, const char *mechanism, guint8 *text, gsize len, GArray *found)
{
    if (len == 0 || (len == 1 && text[0] == '='))
        return;
    if (!is_base64(text, len)) {
        if (is_client(element) && family_of(mechanism) != FAMILY_NO_SECRET) {
            add_found(found, RD_KIND_NOT_BASE64, text, len);
            rd_fill_base64_alphabet(text, len);
        }
        return;
    }
    gchar  *copy = g_strndup((const gchar *)text, len);
    gsize   n = 0;
    guint8 *data = g_base64_decode(copy, &n);
    guint8 *before = g_memdup2(data, n);
    decoded d = { data, n, found };

    redact_decoded(&d, element, mechanism);
    encode_into(&d, before, text, len);
    g_free(before);
    g_free(data);
    g_free(copy);
}
