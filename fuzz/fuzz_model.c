/* fuzz_model.c
 *
 * libFuzzer harness for the parse layer (no epan): one WebSocket message in,
 * framing.c's classification and xmlmodel.c's model out, the way
 * packet-xmppws.c uses them, plus summary.c's one-line summary of every
 * top-level element and indent.c's re-indented copy of the whole input (the
 * Follow view's treatment of an unescaped update), which, when there is
 * one, must start with the root element's start tag.
 *
 * Besides the sanitizers (ASan, UBSan, LeakSanitizer), it checks the
 * model's own promises and aborts when one is broken: every span lies
 * inside the message, depths and parents agree, a status other than XM_OK
 * carries an error text, and no message builds more than XM_MAX_ELEMENTS
 * elements. Every allocation goes through a wmem "simple" allocator, so each
 * one is its own malloc block and ASan sees overflows of any of them.
 *
 * Specs: see framing.h and xmlmodel.h (RFC 7395, RFC 6120, XML 1.0).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "framing.h"
#include "indent.h"
#include "summary.h"
#include "xmlmodel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Abort (a crash libFuzzer keeps) when a promise of the model is broken. */
#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

static void
check_span(xm_span span, guint32 len)
{
    REQUIRE(span.offset <= len);
    REQUIRE(span.length <= len - span.offset);
}

static guint
check_element(const xm_element *el, const xm_element *parent, guint32 len)
{
    guint count = 1;

    REQUIRE(el->name && el->text);
    REQUIRE(el->parent == parent);
    REQUIRE(el->depth == (parent ? parent->depth + 1 : 0));
    REQUIRE(strlen(el->text) <= el->text_len);            /* strlen stops at a NUL, text_len does not */
    check_span(el->span, len);
    check_span(el->content, len);
    for (guint i = 0; i < el->n_attrs; i++) {
        REQUIRE(el->attrs[i].name && el->attrs[i].value);
        check_span(el->attrs[i].value_span, len);
    }
    for (const xm_element *c = el->first_child; c; c = c->next)
        count += check_element(c, el, len);
    return count;
}

static void
check_doc(const xm_doc *doc, guint32 len)
{
    guint count = 0, top = 0;

    REQUIRE(doc->status == XM_OK || doc->error);
    REQUIRE(doc->error_offset <= len);
    for (const xm_element *el = doc->first; el; el = el->next, top++)
        count += check_element(el, NULL, len);
    REQUIRE(top == doc->n_top);
    REQUIRE(count == doc->n_elements);
    REQUIRE(count <= XM_MAX_ELEMENTS);
}

int
LLVMFuzzerInitialize(int *argc G_GNUC_UNUSED, char ***argv G_GNUC_UNUSED)
{
    wmem_init();
    xmlInitParser();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wmem_allocator_t *arena;
    framing_info      fi;
    guint32           len = (guint32)MIN(size, (size_t)G_MAXUINT32 / 2);

    framing_classify(data, len, &fi);
    REQUIRE(fi.skip <= len);

    arena = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    xm_parse_opts opts = { fi.skip, fi.kind == FRAMING_STREAM_HEADER ? fi.stream_qname : NULL };
    xm_doc *doc = xm_parse(arena, data, len, &opts);
    check_doc(doc, len);
    for (const xm_element *el = doc->first; el; el = el->next)
        REQUIRE(xmppws_summary(arena, el) != NULL);
    wmem_destroy_allocator(arena);

    char *indented = xm_indent((const char *)data, len);
    if (indented) {
        REQUIRE(*indented == '<');
        g_free(indented);
    }
    return 0;
}
