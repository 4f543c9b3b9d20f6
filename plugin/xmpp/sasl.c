/* sasl.c
 *
 * SASL negotiation (RFC 6120 §6.4): the mechanism chosen in <auth>, and the
 * base64 data of <auth>, <challenge>, <response> and <success> decoded per
 * mechanism:
 *   PLAIN       (RFC 4616)  [authzid] NUL authcid NUL password
 *   SCRAM-*     (RFC 5802)  client-first, server-first, client-final,
 *                           server-final attribute lists
 *   DIGEST-MD5  (RFC 2831)  challenge and response directives
 * Passwords, SCRAM proofs and DIGEST-MD5 responses are shown only as the
 * secrets policy (core/secrets.h) allows: by default an item says a secret
 * is there, no item covers the base64 text, and the message's text
 * (xmppws.text) and the generic view leave it out too. <failure> conditions are errors.c's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "interpreters.h"

#include <string.h>

#include <epan/expert.h>
#include <wsutil/str_util.h>

#include "namespaces.h"
#include "numbers.h"
#include "pipeline.h"
#include "printable.h"
#include "protocol.h"
#include "secrets.h"
#include "summary.h"
#include "tree.h"
#include "xmlscan.h"

static int hf_mechanism = -1;
static int hf_authzid = -1;
static int hf_username = -1;
static int hf_password = -1;
static int hf_secret_hidden = -1;
static int hf_scram_message = -1;
static int hf_scram_cbind_flag = -1;
static int hf_scram_nonce = -1;
static int hf_scram_salt = -1;
static int hf_scram_iterations = -1;
static int hf_scram_channel_binding = -1;
static int hf_scram_proof = -1;
static int hf_scram_verifier = -1;
static int hf_scram_error = -1;
static int hf_digest_directive = -1;
static int hf_digest_realm = -1;
static int hf_digest_nonce = -1;
static int hf_digest_cnonce = -1;
static int hf_digest_qop = -1;
static int hf_digest_uri = -1;
static int hf_digest_response = -1;
static int hf_digest_rspauth = -1;

static gint ett_sasl = -1;

static expert_field ei_bad_base64 = EI_INIT;
static expert_field ei_bad_plain = EI_INIT;
static expert_field ei_success = EI_INIT;

typedef enum {
    MECH_UNKNOWN,
    MECH_PLAIN,
    MECH_SCRAM,
    MECH_DIGEST_MD5
} mechanism_family;

typedef enum {
    SCRAM_CLIENT_FIRST = 1,
    SCRAM_SERVER_FIRST = 2,
    SCRAM_CLIENT_FINAL = 3,
    SCRAM_SERVER_FINAL = 4
} scram_message;

static const value_string scram_message_vals[] = {
    { SCRAM_CLIENT_FIRST, "client-first (user name and client nonce)" },
    { SCRAM_SERVER_FIRST, "server-first (combined nonce, salt, iteration count)" },
    { SCRAM_CLIENT_FINAL, "client-final (channel binding, nonce, proof)" },
    { SCRAM_SERVER_FINAL, "server-final (server signature, or an error)" },
    { 0, NULL }
};

/* The part of a SASL element this file decodes. */
typedef struct {
    xmppws_msg       *msg;
    proto_tree       *tree;
    const xm_element *el;
    xm_span           where;     /* what the decoded items cover: the base64 text, or nothing if it is secret */
    const char       *data;      /* decoded, NUL-terminated (may hold inner NULs: PLAIN) */
    gsize             len;
} sasl_data;

static mechanism_family
family_of(const char *mechanism)
{
    if (!mechanism)
        return MECH_UNKNOWN;
    if (g_str_equal(mechanism, "PLAIN"))
        return MECH_PLAIN;
    if (g_str_has_prefix(mechanism, "SCRAM-"))
        return MECH_SCRAM;
    if (g_str_equal(mechanism, "DIGEST-MD5"))
        return MECH_DIGEST_MD5;
    return MECH_UNKNOWN;
}

/* RFC 6120 §6.4.2: base64 without whitespace; "=" alone is empty data.
 * Returns NULL when the text is not base64. */
static char *
decode_base64(wmem_allocator_t *arena, const char *text, gsize *len)
{
    gsize n = strlen(text);

    if (n == 1 && text[0] == '=') {
        *len = 0;
        return wmem_strdup(arena, "");
    }
    if (n == 0 || n % 4 != 0)
        return NULL;
    for (gsize i = 0; i < n; i++) {
        char c = text[i];
        if (!g_ascii_isalnum(c) && c != '+' && c != '/' && !(c == '=' && i >= n - 2))
            return NULL;
    }
    char *data = wmem_strdup(arena, text);
    g_base64_decode_inplace(data, len);
    data[*len] = '\0';
    return data;
}

/* Decoded SASL strings are not guaranteed to be UTF-8; -1: up to the NUL. */
static const char *
utf8(wmem_allocator_t *arena, const char *s, gssize len)
{
    return xm_printable(arena, s, len < 0 ? strlen(s) : (gsize)len);
}

static proto_item *
add_value(sasl_data *d, int hf, const char *value, gssize len)
{
    return proto_tree_add_string(d->tree, hf, d->msg->tvb, d->where.offset, d->where.length,
                                 utf8(d->msg->pinfo->pool, value, len));
}

static void
add_secret(sasl_data *d, int hf, const char *value, gssize len, const char *what)
{
    if (xmppws_secrets_shown()) {
        add_value(d, hf, value, len);
    } else {
        proto_item *ti = proto_tree_add_item(d->tree, hf_secret_hidden, d->msg->tvb, d->where.offset, 0, ENC_NA);
        proto_item_set_text(ti, "%s: <hidden> (Preferences > Protocols > XMPP/WS > Show passwords and SASL proofs)",
                            what);
    }
}

/* ---- PLAIN (RFC 4616) ------------------------------------------------ */

static void
dissect_plain(sasl_data *d)
{
    const char *authzid = d->data;
    const char *nul1 = memchr(d->data, '\0', d->len);
    const char *nul2 = nul1 ? memchr(nul1 + 1, '\0', d->len - (gsize)(nul1 + 1 - d->data)) : NULL;

    if (!nul2) {
        proto_tree_add_expert(d->tree, d->msg->pinfo, &ei_bad_plain, d->msg->tvb, d->where.offset,
                              d->where.length);
        return;
    }
    const char *authcid = nul1 + 1;
    const char *password = nul2 + 1;
    if (nul1 > authzid)
        add_value(d, hf_authzid, authzid, nul1 - authzid);
    add_value(d, hf_username, authcid, nul2 - authcid);
    add_secret(d, hf_password, password, (gssize)(d->len - (gsize)(password - d->data)), "Password");
    xmppws_connection_learn_user(d->msg->conn, d->msg->pinfo, utf8(d->msg->pinfo->pool, authcid, nul2 - authcid));
}

/* ---- SCRAM (RFC 5802 §7) --------------------------------------------- */

static scram_message
scram_message_of(const xm_element *el, const char *data)
{
    if (g_str_equal(el->name, "auth"))
        return SCRAM_CLIENT_FIRST;
    if (g_str_equal(el->name, "response"))
        return SCRAM_CLIENT_FINAL;
    if (g_str_equal(el->name, "success") || g_str_has_prefix(data, "v=") || g_str_has_prefix(data, "e="))
        return SCRAM_SERVER_FINAL;
    return SCRAM_SERVER_FIRST;
}

static void
dissect_scram_attribute(sasl_data *d, const char *attr)
{
    const char *value = attr + 2;

    if (strlen(attr) < 2 || attr[1] != '=')
        return;
    switch (attr[0]) {
    case 'a': add_value(d, hf_authzid, value, -1); break;
    case 'n':
        add_value(d, hf_username, value, -1);
        xmppws_connection_learn_user(d->msg->conn, d->msg->pinfo, utf8(d->msg->pinfo->pool, value, -1));
        break;
    case 'r': add_value(d, hf_scram_nonce, value, -1); break;
    case 's': add_value(d, hf_scram_salt, value, -1); break;
    case 'c': add_value(d, hf_scram_channel_binding, value, -1); break;
    case 'p': add_secret(d, hf_scram_proof, value, -1, "Client proof"); break;
    case 'v': add_value(d, hf_scram_verifier, value, -1); break;
    case 'e': add_value(d, hf_scram_error, value, -1); break;
    case 'i': {
        guint32 iterations;
        if (xm_parse_uint32(value, &iterations))
            proto_tree_add_uint(d->tree, hf_scram_iterations, d->msg->tvb, d->where.offset, d->where.length,
                                iterations);
        break;
    }
    default:
        break;
    }
}

static void
dissect_scram(sasl_data *d)
{
    scram_message kind = scram_message_of(d->el, d->data);
    gchar **attrs = wmem_strsplit(d->msg->pinfo->pool, d->data, ",", 64);
    guint first = 0;

    proto_tree_add_uint(d->tree, hf_scram_message, d->msg->tvb, d->where.offset, d->where.length, kind);
    if (kind == SCRAM_CLIENT_FIRST && attrs[0] && attrs[1]) {
        add_value(d, hf_scram_cbind_flag, attrs[0], -1);    /* GS2 header: n, y or p=<type>; then a=<authzid> */
        dissect_scram_attribute(d, attrs[1]);
        first = 2;
    }
    for (guint i = first; attrs[i]; i++)
        dissect_scram_attribute(d, attrs[i]);
}

/* ---- DIGEST-MD5 (RFC 2831 §2.1) -------------------------------------- */

static int
digest_field(const char *key)
{
    static const struct { const char *key; int *hf; } known[] = {
        { "username", &hf_username },
        { "authzid",  &hf_authzid },
        { "realm",    &hf_digest_realm },
        { "nonce",    &hf_digest_nonce },
        { "cnonce",   &hf_digest_cnonce },
        { "qop",      &hf_digest_qop },
        { "digest-uri", &hf_digest_uri },
        { "rspauth",  &hf_digest_rspauth },
    };
    for (gsize i = 0; i < G_N_ELEMENTS(known); i++) {
        if (g_str_equal(key, known[i].key))
            return *known[i].hf;
    }
    return hf_digest_directive;
}

static void
dissect_digest_directive(sasl_data *d, const char *key, const char *value)
{
    if (g_str_equal(key, "response")) {
        add_secret(d, hf_digest_response, value, -1, "Response");
        return;
    }
    int hf = digest_field(key);
    if (hf == hf_digest_directive) {
        proto_item *ti = add_value(d, hf, value, -1);
        proto_item_set_text(ti, "%s=%s", utf8(d->msg->pinfo->pool, key, -1), utf8(d->msg->pinfo->pool, value, -1));
    } else {
        add_value(d, hf, value, -1);
    }
    if (hf == hf_username)
        xmppws_connection_learn_user(d->msg->conn, d->msg->pinfo, utf8(d->msg->pinfo->pool, value, -1));
}

/* key=value or key="quoted, value", separated by commas. */
static void
dissect_digest(sasl_data *d)
{
    const char *p = d->data;

    while (*p) {
        while (*p == ',' || xs_is_space((guint8)*p))
            p++;
        const char *eq = strchr(p, '=');
        if (!eq)
            return;
        char *key = wmem_strndup(d->msg->pinfo->pool, p, (gsize)(eq - p));
        const char *v = eq + 1, *end;
        char *value;
        if (*v == '"') {
            end = strchr(v + 1, '"');
            if (!end)
                return;
            value = wmem_strndup(d->msg->pinfo->pool, v + 1, (gsize)(end - v - 1));
            p = end + 1;
        } else {
            end = strchr(v, ',');
            if (!end)
                end = v + strlen(v);
            value = wmem_strndup(d->msg->pinfo->pool, v, (gsize)(end - v));
            p = end;
        }
        dissect_digest_directive(d, g_strstrip(key), value);
    }
}

/* ---- dispatch ---------------------------------------------------------- */

/* Mid-session captures lack the <auth>: recognise the data by its shape. */
static mechanism_family
guess_family(const char *data)
{
    if (g_str_has_prefix(data, "r=") || g_str_has_prefix(data, "c=") || g_str_has_prefix(data, "v=") ||
        g_str_has_prefix(data, "n,") || g_str_has_prefix(data, "y,") || g_str_has_prefix(data, "p="))
        return MECH_SCRAM;
    if (strstr(data, "nonce=\"") || g_str_has_prefix(data, "rspauth="))
        return MECH_DIGEST_MD5;
    return MECH_UNKNOWN;
}

static void
dissect_data(xmppws_msg *msg, const xm_element *el, proto_tree *tree, const char *mechanism)
{
    sasl_data d = { msg, tree, el, xmppws_secrets_text_span(el), NULL, 0 };

    if (!el->text_len)
        return;
    d.data = decode_base64(msg->pinfo->pool, el->text, &d.len);
    if (!d.data) {
        proto_tree_add_expert(tree, msg->pinfo, &ei_bad_base64, msg->tvb, d.where.offset, d.where.length);
        return;
    }
    mechanism_family family = family_of(mechanism);
    if (family == MECH_UNKNOWN)
        family = guess_family(d.data);
    switch (family) {
    case MECH_PLAIN:      dissect_plain(&d);  break;
    case MECH_SCRAM:      dissect_scram(&d);  break;
    case MECH_DIGEST_MD5: dissect_digest(&d); break;
    case MECH_UNKNOWN:    break;
    }
}

/* The Info column names the user on the message that carried the name
 * ("SASL auth PLAIN 1001"): PLAIN and SCRAM send it in <auth>, DIGEST-MD5
 * in its first <response>. */
static void
name_user_in_info(xmppws_msg *msg, const xm_element *el)
{
    const xmppws_learned *user = xmppws_connection_user_at(msg->conn, msg->pinfo->num);

    if (user && user->frame == msg->pinfo->num)
        xmppws_message_add_info(msg, wmem_strdup_printf(msg->pinfo->pool, "%s %s",
                                                        xmppws_summary(msg->pinfo->pool, el), user->value));
}

static void
dissect_element(xmppws_msg *msg, const xm_element *el, proto_tree *tree)
{
    proto_tree *sub;

    if (!el->ns || !g_str_equal(el->ns, XMPPWS_NS_SASL) || g_str_equal(el->name, "mechanisms"))
        return;
    sub = xmppws_tree_add_subtree(msg, tree, el, ett_sasl,
                                  wmem_strdup_printf(msg->pinfo->pool, "SASL %s", el->name));

    if (g_str_equal(el->name, "auth")) {
        const char *mechanism = xm_attr_value(el, "mechanism");
        xmppws_tree_add_attribute(msg, sub, hf_mechanism, el, "mechanism");
        if (mechanism && !PINFO_FD_VISITED(msg->pinfo))
            msg->conn->session.sasl_mechanism = wmem_strdup(wmem_file_scope(), mechanism);
        dissect_data(msg, el, sub, mechanism);
        name_user_in_info(msg, el);
    } else if (g_str_equal(el->name, "challenge") || g_str_equal(el->name, "response") ||
               g_str_equal(el->name, "success")) {
        dissect_data(msg, el, sub, msg->conn->session.sasl_mechanism);
        if (g_str_equal(el->name, "response"))
            name_user_in_info(msg, el);
        if (g_str_equal(el->name, "success"))
            expert_add_info(msg->pinfo, proto_tree_get_parent(sub), &ei_success);
    }
}

void
xmppws_sasl_register(void)
{
    static const xmppws_interpreter interpreter = { &proto_xmppws, dissect_element, NULL };

    static hf_register_info hf[] = {
        { &hf_mechanism,
          { "Mechanism", "xmppws.auth.mechanism", FT_STRING, BASE_NONE, NULL, 0x0,
            "SASL mechanism the client chose in <auth> (PLAIN, SCRAM-SHA-1, DIGEST-MD5, ...)", HFILL }},
        { &hf_authzid,
          { "Authorization identity", "xmppws.auth.authzid", FT_STRING, BASE_NONE, NULL, 0x0,
            "SASL authorization identity (PLAIN authzid, SCRAM a=, DIGEST-MD5 authzid); Strophe.js 1.x sends it",
            HFILL }},
        { &hf_username,
          { "User name", "xmppws.auth.username", FT_STRING, BASE_NONE, NULL, 0x0,
            "SASL authentication identity (PLAIN authcid, SCRAM n=, DIGEST-MD5 username)",
            HFILL }},
        { &hf_password,
          { "Password", "xmppws.auth.password", FT_STRING, BASE_NONE, NULL, 0x0,
            "SASL PLAIN password; shown only when the preference xmppws.show_secrets is on", HFILL }},
        { &hf_secret_hidden,
          { "Secret hidden", "xmppws.auth.secret_hidden", FT_NONE, BASE_NONE, NULL, 0x0,
            "A password, SCRAM proof or DIGEST-MD5 response is present but not shown (preference "
            "xmppws.show_secrets is off)", HFILL }},
        { &hf_scram_message,
          { "SCRAM message", "xmppws.auth.scram.message", FT_UINT8, BASE_DEC, VALS(scram_message_vals), 0x0,
            "Which of the four SCRAM messages this is (RFC 5802 section 5)", HFILL }},
        { &hf_scram_cbind_flag,
          { "Channel binding flag", "xmppws.auth.scram.cbind_flag", FT_STRING, BASE_NONE, NULL, 0x0,
            "GS2 channel binding flag of client-first: n (none), y (client supports, server did not "
            "offer), p=<type>", HFILL }},
        { &hf_scram_nonce,
          { "Nonce", "xmppws.auth.scram.nonce", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM r=: the client nonce, then client+server nonce", HFILL }},
        { &hf_scram_salt,
          { "Salt", "xmppws.auth.scram.salt", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM s=: the user's salt (base64)", HFILL }},
        { &hf_scram_iterations,
          { "Iterations", "xmppws.auth.scram.iterations", FT_UINT32, BASE_DEC, NULL, 0x0,
            "SCRAM i=: the PBKDF2 iteration count", HFILL }},
        { &hf_scram_channel_binding,
          { "Channel binding", "xmppws.auth.scram.channel_binding", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM c=: the GS2 header and channel binding data (base64)", HFILL }},
        { &hf_scram_proof,
          { "Client proof", "xmppws.auth.scram.proof", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM p=; shown only when the preference xmppws.show_secrets is on", HFILL }},
        { &hf_scram_verifier,
          { "Server signature", "xmppws.auth.scram.verifier", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM v=: proves the server knows the password", HFILL }},
        { &hf_scram_error,
          { "Server error", "xmppws.auth.scram.error", FT_STRING, BASE_NONE, NULL, 0x0,
            "SCRAM e=: why the server refused (e.g. invalid-proof)", HFILL }},
        { &hf_digest_directive,
          { "Directive", "xmppws.auth.digest.directive", FT_STRING, BASE_NONE, NULL, 0x0,
            "A DIGEST-MD5 directive without a field of its own (charset, algorithm, nc, maxbuf, ...)", HFILL }},
        { &hf_digest_realm,
          { "Realm", "xmppws.auth.digest.realm", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 realm", HFILL }},
        { &hf_digest_nonce,
          { "Nonce", "xmppws.auth.digest.nonce", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 server nonce", HFILL }},
        { &hf_digest_cnonce,
          { "Client nonce", "xmppws.auth.digest.cnonce", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 cnonce", HFILL }},
        { &hf_digest_qop,
          { "Quality of protection", "xmppws.auth.digest.qop", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 qop (auth, auth-int, auth-conf)", HFILL }},
        { &hf_digest_uri,
          { "Digest URI", "xmppws.auth.digest.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 digest-uri (xmpp/<domain>)", HFILL }},
        { &hf_digest_response,
          { "Response", "xmppws.auth.digest.response", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 response hash; shown only when the preference xmppws.show_secrets is on", HFILL }},
        { &hf_digest_rspauth,
          { "Response auth", "xmppws.auth.digest.rspauth", FT_STRING, BASE_NONE, NULL, 0x0,
            "DIGEST-MD5 rspauth: the server's proof", HFILL }},
    };
    static gint *ett[] = {
        &ett_sasl,
    };
    static ei_register_info ei[] = {
        { &ei_bad_base64,
          { "xmppws.expert.sasl_bad_base64", PI_MALFORMED, PI_WARN,
            "SASL data is not base64 (RFC 6120 6.4.2)", EXPFILL }},
        { &ei_bad_plain,
          { "xmppws.expert.sasl_bad_plain", PI_MALFORMED, PI_WARN,
            "SASL PLAIN data is not [authzid] NUL authcid NUL password (RFC 4616)", EXPFILL }},
        { &ei_success,
          { "xmppws.expert.sasl_success", PI_SEQUENCE, PI_CHAT,
            "SASL authentication succeeded", EXPFILL }},
    };

    proto_register_field_array(proto_xmppws, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto_xmppws), ei, array_length(ei));
    xmppws_pipeline_add_interpreter(&interpreter);
}
