/* update.h
 *
 * One Finesse <Update> being dissected, and the helpers the data decoders
 * share; internal to the Finesse layer. The envelope (envelope.c) fills in
 * what every Update has; a decoder per kind of <data> (decoders.h) turns
 * the rest into fields, appends to the Info column and fills in what
 * statistics need (finesse_tap_info).
 *
 * Source: docs/finesse-reference.md §5 (the envelope), §6 (the data).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef FINESSE_UPDATE_H
#define FINESSE_UPDATE_H

#include <epan/packet.h>

#include "message.h"
#include "xmlmodel.h"

extern int proto_finesse;

/* Feed kinds, from the pubsub node (docs/finesse-reference.md §4.1). */
typedef enum {
    FINESSE_FEED_UNKNOWN = 0,
    FINESSE_FEED_USER,
    FINESSE_FEED_DIALOGS,
    FINESSE_FEED_DIALOGS_MEDIA,
    FINESSE_FEED_MEDIA,
    FINESSE_FEED_TEAM,
    FINESSE_FEED_QUEUE,
    FINESSE_FEED_USER_QUEUES,
    FINESSE_FEED_SYSTEMINFO
} finesse_feed;

const char *finesse_feed_name(finesse_feed feed);

/* One dialog of an Update, as the dialog lifecycle statistics see it. */
typedef struct {
    const char *id;
    const char *state;
    const char *from;
    const char *to;
    const char *participants;       /* "1001 ACTIVE, 5551234 ACTIVE" */
    const char *variables;          /* "callVariable1=12345; user.lang=fr" */
} finesse_tap_dialog;

/* What the "finesse" tap hands to statistics, one per received <Update>;
 * the data decoders fill in what they know. */
typedef struct {
    finesse_feed  feed;
    const char   *event;
    const char   *agent_id;         /* a <user> update, or the user whose node a <dialog> came on */
    const char   *agent_name;       /* "Alice Agent", as the agent's <user> updates name them */
    const char   *state;
    const char   *previous_state;
    const char   *pending_state;
    gint32        reason_code_id;   /* -1 when none */
    const char   *reason_code;      /* the <ReasonCode>'s code and label, "10 (Team Meeting)" */
    wmem_array_t *dialogs;          /* finesse_tap_dialog of a <dialog> or <dialogs> update, or NULL */
} finesse_tap_info;

typedef struct {
    xmppws_msg        msg;       /* the XMPP message, with tvb = the Update's own tvb: every span of the
                                  * Update's model is relative to it (the unescaped "Finesse Update"
                                  * data source, or the XMPP message for an Update sent as child XML) */
    const xm_element *update;    /* the <Update> element */
    const char       *event;     /* PUT, POST, DELETE (upper-cased), or NULL */
    const char       *source;    /* <source>, or NULL */
    const char       *node;      /* the pubsub node it was published on, or NULL */
    finesse_feed      feed;
    guint             index;     /* which pubsub payload of the message: the same in every pass */
    gboolean          published; /* sent client to server in a pubsub publish, not received as a notification */
    wmem_strbuf_t    *info;      /* the Info column text, "Finesse User 1001 READY"; decoders append to it */
    finesse_tap_info  tap;       /* for statistics; decoders fill in what they know */
} finesse_update;

/* ---- helpers for the data decoders (helpers.c) ---------------------------- */

/* Element names compare without regard to ASCII case (Finesse mixes <user>
 * and <User>), as g_ascii_strcasecmp() == 0 does; inline, and bytes that
 * are equal as they are need no case folding (this runs for every child of
 * every decoded element). */
static inline gboolean
finesse_name_is(const char *name, const char *wanted)
{
    for (; *name == *wanted || g_ascii_tolower(*name) == g_ascii_tolower(*wanted); name++, wanted++) {
        if (!*name)
            return TRUE;
    }
    return FALSE;
}

/* Case-insensitive element lookup: the first child called `name`. */
const xm_element *finesse_child(const xm_element *el, const char *name);

/* The text of el's child `name` (case-insensitive), or NULL. */
const char *finesse_child_text(const xm_element *el, const char *name);

/* The same, NULL also when the text is empty. */
const char *finesse_child_value(const xm_element *el, const char *name);

/* The number in el's child `name`: TRUE with *value when there is one. */
gboolean finesse_child_int(const xm_element *el, const char *name, gint32 *value);

/* The meanings of a boolean's text, "true" and "false". */
extern const string_string finesse_booleans[];

/* The REST paths whose ids name an Update's user or team. */
#define FINESSE_USER_PATH "/finesse/api/User/"
#define FINESSE_TEAM_PATH "/finesse/api/Team/"

/* The id that follows `prefix` (FINESSE_TEAM_PATH) in the Update's
 * source, else in its node, up to the next '/'; NULL when neither has it. */
const char *finesse_path_id(finesse_update *u, const char *prefix);

/* "?" for a missing or empty text. */
const char *finesse_or_unknown(const char *text);

/* "1 call", "3 calls": `count` and the noun, plural unless it is 1. */
const char *finesse_count(finesse_update *u, gint64 count, const char *singular, const char *plural);

/* Decodes an element of the Update (a root of <data>, or one of its parts). */
typedef void (*finesse_member_fn)(finesse_update *u, proto_tree *tree, const xm_element *el);

/* How a child element is shown (docs/finesse-reference.md §6). */
typedef enum {
    FINESSE_TEXT,       /* a string field over the child's text */
    FINESSE_NUMBER,     /* an FT_INT32 or FT_UINT32 field; text that is no number gets an expert */
    FINESSE_ENUM,       /* a string field labelled "value (meaning)" from `meanings` */
    FINESSE_STRUCT      /* `dissect` shows it, as a subtree of its own */
} finesse_kind;

/* One known child of a decoded element. Only its first occurrence is
 * decoded, unless it `repeats` (the members of a list); a leaf kind that
 * holds elements, an empty NUMBER, and everything a table does not name
 * are shown generically, so nothing is dropped. */
typedef struct {
    const char          *name;
    finesse_kind         kind;
    int                 *hf;         /* TEXT, NUMBER, ENUM */
    const string_string *meanings;   /* ENUM */
    finesse_member_fn    dissect;    /* STRUCT */
    gboolean             repeats;
} finesse_child_spec;

/* Shows every child of `el` in document order: as `specs` (`n_specs` of
 * them, at most 64) says, or generically. */
void finesse_dissect_children(finesse_update *u, proto_tree *tree, const xm_element *el,
                              const finesse_child_spec *specs, gsize n_specs);

/* A subtree over `el`, labelled `label`, holding el's attributes and any
 * text beside its child elements (finesse.attribute, finesse.text). */
proto_tree *finesse_subtree(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett, const char *label);

/* The same, with el's children shown as `specs` says. */
proto_tree *finesse_dissect_struct(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett,
                                   const char *label, const finesse_child_spec *specs, gsize n_specs);

/* el's attributes (finesse.attribute) and any text beside its child
 * elements (finesse.text), into `tree`: for an element whose item the
 * caller made. */
void finesse_add_extras(finesse_update *u, proto_tree *tree, const xm_element *el);

/* el's attributes as finesse.attribute under `ti` (for an element shown as
 * one field). */
void finesse_add_attributes(finesse_update *u, proto_item *ti, const xm_element *el);

/* A collection (<dialogs>, <Queues>): a subtree named `name`, each
 * `member` child decoded by `dissect_member`, anything else generic; the
 * Info column gets " <name> <EVENT>" then the members, comma-separated. */
void finesse_dissect_collection(finesse_update *u, proto_tree *tree, const xm_element *collection, gint ett,
                                const char *name, const char *member, finesse_member_fn dissect_member);

/* An element not otherwise decoded, shown generically (xmppws.xml.*). */
void finesse_add_generic(finesse_update *u, proto_tree *tree, const xm_element *el);

#endif /* FINESSE_UPDATE_H */
