/* sasl.h
 *
 * Redacting the credentials in the base64 text of one SASL element, in
 * place and at the same length:
 *
 *   PLAIN (RFC 4616)         the password; authzid and authcid (user) stay
 *   SCRAM-* (RFC 5802)       client-final proof p=, server-first salt s=,
 *                            server-final signature v=; nonces, iteration
 *                            count, user and channel binding stay
 *   DIGEST-MD5 (RFC 2831)    the client's response= and the server's
 *                            rspauth= (each allows the same offline guess);
 *                            every other directive stays
 *   EXTERNAL, ANONYMOUS      nothing (no credential)
 *   any other mechanism      all client data (<auth>, <response>): tokens
 *                            of OAUTHBEARER, X-OAUTH2, GSSAPI, ... are
 *                            credentials too
 *
 * Client data (<auth>, <response>) is read by the mechanism named in
 * <auth>; server data (<challenge>, <success>) by its shape, as the
 * dissector does. Client data that is not valid base64 loses every base64
 * character. The result decodes to data of the same length, encoded
 * canonically, so the text keeps its length.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_SASL_H
#define XMPPWS_REDACT_SASL_H

#include <glib.h>

typedef enum {
    RD_SASL_AUTH,
    RD_SASL_RESPONSE,
    RD_SASL_CHALLENGE,
    RD_SASL_SUCCESS
} rd_sasl_element;

typedef enum {
    RD_KIND_PLAIN_PASSWORD,
    RD_KIND_SCRAM_PROOF,
    RD_KIND_SCRAM_SALT,
    RD_KIND_SCRAM_SIGNATURE,
    RD_KIND_DIGEST_RESPONSE,
    RD_KIND_DIGEST_RSPAUTH,
    RD_KIND_WHOLE_DATA,          /* all of the client data of another mechanism, or of malformed PLAIN */
    RD_KIND_NOT_BASE64,          /* client data that is not base64 */
    RD_KIND_COUNT
} rd_kind;

/* One credential found: its kind, and the original value (the decoded
 * password, proof, ...) for the check of the output. */
typedef struct {
    rd_kind kind;
    GBytes *value;
} rd_credential;

/* Element name ("auth", ...) to rd_sasl_element; FALSE for other names. */
gboolean rd_sasl_element_of(const char *name, rd_sasl_element *element);

/* Redacts `text` (the element's character data, `len` bytes) in place.
 * `mechanism` is the one <auth> named (for <auth> itself: its attribute),
 * or NULL when unknown. Appends an rd_credential to `found` for every
 * credential that was there, changed or not (a value already redacted is
 * found again, unchanged); the caller compares the bytes. */
void rd_sasl_redact(rd_sasl_element element, const char *mechanism, guint8 *text, gsize len, GArray *found);

/* Frees the values of an array of rd_credential (g_array_set_clear_func). */
void rd_credential_clear(gpointer credential);

/* "PLAIN password", ... */
const char *rd_kind_name(rd_kind kind);

#endif /* XMPPWS_REDACT_SASL_H */
