/* xmlfloor.c
 *
 * The benchmark's floor: libxml2's own cost for the XML the plugin parses.
 * Reads PREFIX-messages.bin (bench/generate.py: each WebSocket message as a
 * 4-byte little-endian length and its bytes) and, with one reused parser
 * context (xmlCtxtReadMemory, the options the plugin uses), parses
 *   pass 1: every message;
 *   pass 2: every message, then the unescaped text of each pubsub
 *           <notification> (the Finesse <Update>) a second time.
 * Prints the process CPU time of each pass, in milliseconds.
 *
 * Usage: xmlfloor PREFIX-messages.bin
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

typedef struct {
    unsigned char *data;
    size_t         len;
} file_bytes;

static double
cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
read_file(const char *path, file_bytes *out)
{
    FILE *f = fopen(path, "rb");
    long  n;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        if (f)
            fclose(f);
        return -1;
    }
    out->len = (size_t)n;
    out->data = malloc(out->len ? out->len : 1);
    if (!out->data || fread(out->data, 1, out->len, f) != out->len) {
        fclose(f);
        return -1;
    }
    fclose(f);
    return 0;
}

/* The first <notification> element below `node`, depth first. */
static xmlNodePtr
find_notification(xmlNodePtr node)
{
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST "notification"))
            return n;
        xmlNodePtr found = find_notification(n->children);
        if (found)
            return found;
    }
    return NULL;
}

/* Parses the notification's text (the unescaped Update); returns 1 when
 * there was one. */
static int
parse_payload(xmlParserCtxtPtr ctxt, xmlDocPtr doc)
{
    xmlNodePtr note = find_notification(xmlDocGetRootElement(doc));
    xmlChar   *text = note ? xmlNodeGetContent(note) : NULL;
    int        parsed = 0;

    if (text && *text) {
        xmlDocPtr inner = xmlCtxtReadMemory(ctxt, (const char *)text, xmlStrlen(text), NULL, "UTF-8",
                                            PARSE_OPTIONS);
        if (inner) {
            xmlFreeDoc(inner);
            parsed = 1;
        }
    }
    xmlFree(text);
    return parsed;
}

/* One pass over all messages; returns the number of payloads parsed. */
static long
run_pass(const file_bytes *in, int with_payloads, long *messages, long *failures)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    long             payloads = 0;
    size_t           pos = 0;

    *messages = *failures = 0;
    while (ctxt && pos + 4 <= in->len) {
        unsigned char *p = in->data + pos;
        size_t         n = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
        if (pos + 4 + n > in->len)
            break;
        xmlDocPtr doc = xmlCtxtReadMemory(ctxt, (const char *)p + 4, (int)n, NULL, "UTF-8", PARSE_OPTIONS);
        if (!doc) {
            (*failures)++;
        } else {
            if (with_payloads)
                payloads += parse_payload(ctxt, doc);
            xmlFreeDoc(doc);
        }
        (*messages)++;
        pos += 4 + n;
    }
    xmlFreeParserCtxt(ctxt);
    return payloads;
}

int
main(int argc, char **argv)
{
    file_bytes in;
    long       messages, failures, payloads;
    double     t0, t1, t2;

    if (argc != 2 || read_file(argv[1], &in) != 0) {
        fprintf(stderr, "usage: xmlfloor PREFIX-messages.bin\n");
        return 2;
    }
    xmlInitParser();
    t0 = cpu_ms();
    run_pass(&in, 0, &messages, &failures);
    t1 = cpu_ms();
    payloads = run_pass(&in, 1, &messages, &failures);
    t2 = cpu_ms();
    printf("messages %ld bytes %zu failures %ld payloads %ld messages_ms %.1f with_payloads_ms %.1f\n",
           messages, in.len - 4 * (size_t)messages, failures, payloads, t1 - t0, t2 - t1);
    free(in.data);
    xmlCleanupParser();
    return failures ? 1 : 0;
}
