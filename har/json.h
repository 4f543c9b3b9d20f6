/* json.h
 *
 * A read-only JSON document over the Wireshark SDK's own tokenizer
 * (wsutil/wsjson.h, which wraps jsmn): one tokenising pass over the whole
 * text, then navigation by token index. RFC 8259 (JSON).
 *
 * jsmn is lenient: it accepts trailing commas and any bare word as a
 * primitive. This layer checks what is read: a number must be a JSON
 * number, a string's escapes must be valid, and a value of the wrong type
 * reads as absent. It never walks the whole token array per lookup (the
 * wsjson helpers do), so reading a file is linear in its size.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_JSON_H
#define XMPPWS_HAR_JSON_H

#include <stddef.h>

#include <glib.h>
#include <wsutil/wsjson.h>

typedef struct {
    const char *text;  /* NUL-terminated, owned by the caller */
    size_t len;
    jsmntok_t *tok;    /* tok[0] is the root value */
    int count;
} har_json;

/* Tokenises text[0..len) (text[len] must be NUL). FALSE with a message in
 * *error for text that is not one JSON value, holds a NUL byte, nests
 * deeper than HAR_MAX_DEPTH or has more than HAR_MAX_TOKENS values. */
gboolean har_json_parse(har_json *doc, const char *text, size_t len, GError **error);
void har_json_clear(har_json *doc);

gboolean har_json_is_object(const har_json *doc, int index);
gboolean har_json_is_array(const har_json *doc, int index);

/* The value of member `name` of an object; -1 if index is not an object
 * or has no such member. */
int har_json_member(const har_json *doc, int object, const char *name);

/* Elements of an array: the first (-1 if none or not an array), and the
 * one after `element` (-1 after the last). */
int har_json_first(const har_json *doc, int array);
int har_json_next(const har_json *doc, int array, int element);

/* A string value, unescaped to UTF-8 (NUL bytes kept); NULL if index is
 * not a string or its escapes are invalid. */
GByteArray *har_json_bytes(const har_json *doc, int index);

/* The same as a C string; NULL also if it holds a NUL byte. g_free it. */
char *har_json_strdup(const har_json *doc, int index);

/* A number value (also a number written as a string, as some exporters
 * do); FALSE if index is neither or does not hold a finite JSON number. */
gboolean har_json_number(const har_json *doc, int index, double *value);

/* Shorthands for a member of an object. */
char *har_json_member_strdup(const har_json *doc, int object, const char *name);
gboolean har_json_member_number(const har_json *doc, int object, const char *name, double *value);

#endif
