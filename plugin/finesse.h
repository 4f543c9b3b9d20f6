/* finesse.h
 *
 * The "Cisco Finesse Notification" protocol (filter name "finesse"): the
 * <Update> document a Finesse pubsub notification carries, escaped, inside
 * <notification>. finesse.c owns the protocol, the "Finesse Update" data
 * source and the <Update> envelope (event, source, requestId, feed); one
 * file per kind of <data> turns it into fields:
 *
 *   finesse-user.c     <user> and the users of <team>
 *   finesse-dialog.c   <dialog>, <dialogs><Dialog>
 *   finesse-system.c   <SystemInfo>, <Queue>, <Queues>, <Media>, <apiErrors>
 *
 * Source: finesse-notes.md §2 (Cisco Finesse developer documentation).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_FINESSE_H
#define XMPPWS_FINESSE_H

#include "xmppws.h"

extern int proto_finesse;

/* Feed kinds, derived from the pubsub node (finesse-notes.md §2.3). */
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

/* One dialog of an Update, as the dialog lifecycle statistics see it. */
typedef struct finesse_tap_dialog {
    const char *id;
    const char *state;
    const char *from;
    const char *to;
    const char *participants;       /* "1001 ACTIVE, 5551234 ACTIVE" */
    const char *variables;          /* "callVariable1=12345; user.lang=fr" */
} finesse_tap_dialog;

/* What the "finesse" tap hands to statistics, one per <Update>; the data
 * decoders fill in what they know. */
typedef struct finesse_tap_info {
    finesse_feed  feed;
    const char   *event;
    const char   *data_root;
    const char   *agent_id;         /* a <user> update */
    const char   *state;
    const char   *previous_state;
    const char   *pending_state;
    gint32        reason_code_id;   /* -1 when none */
    const char   *reason_label;
    wmem_array_t *dialogs;          /* finesse_tap_dialog of a <dialog> or <Dialogs> update, or NULL */
} finesse_tap_info;

/* One <Update> being dissected. `msg.tvb` is the Update's own tvb (the
 * unescaped text as the "Finesse Update" data source, or the XMPP message
 * when the Update came as child XML): every span of the Update's model is
 * relative to it. */
typedef struct finesse_update {
    xmppws_msg        msg;
    const xm_element *update;    /* the <Update> element */
    const char       *event;     /* PUT, POST, DELETE (upper-cased), or NULL */
    const char       *source;    /* <source>, or NULL */
    const char       *node;      /* the pubsub node it was published on, or NULL */
    finesse_feed      feed;
    guint32           key;       /* identifies this Update within its frame in every pass (for p_add_proto_data) */
    gboolean          published; /* sent client to server in a pubsub publish, not received as a notification */
    wmem_strbuf_t    *info;      /* the Info column text, "Finesse User 1001 READY"; decoders append to it */
    finesse_tap_info  tap;       /* for statistics; decoders fill in what they know */
} finesse_update;

/* Called by pubsub.c for each item payload of an event (s2c) or publish
 * (c2s): `payload` is the item's first child (<notification>, whose text is
 * the escaped Update, or which holds an <Update> child). Returns the Info
 * text for the message ("Finesse User 1001 READY (was NOT_READY)"), or NULL
 * when the payload is not a Finesse Update. */
const char *finesse_dissect_payload(xmppws_msg *msg, const xm_element *payload, const char *node, proto_tree *tree);

void finesse_register(void);

const char *finesse_feed_name(finesse_feed feed);

/* ---- helpers for the data decoders ---------------------------------- */

/* Element names compare without regard to ASCII case (Finesse mixes <user>
 * and <User>), as g_ascii_strcasecmp() == 0 does; inline, and bytes that are
 * equal as they are need no case folding (this runs for every child of every
 * decoded element). */
static inline gboolean
finesse_name_is(const char *name, const char *wanted)
{
    for (; *name == *wanted || g_ascii_tolower(*name) == g_ascii_tolower(*wanted); name++, wanted++) {
        if (!*name)
            return TRUE;
    }
    return FALSE;
}

/* Case-insensitive element lookup. */
const xm_element *finesse_child(const xm_element *el, const char *name);

/* The text of el's child `name` (case-insensitive), or NULL. */
const char *finesse_child_text(const xm_element *el, const char *name);

/* Adds `hf` (FT_STRING) holding the text of el's child `name`, over that
 * text's bytes; returns the text, or NULL when there is no such child. */
const char *finesse_add_child_text(finesse_update *u, proto_tree *tree, int hf, const xm_element *el,
                                   const char *name);

/* The same for FT_INT32 / FT_UINT32 fields; an expert notes text that is
 * not a number. Returns TRUE when the child exists and parsed. */
gboolean finesse_add_child_int(finesse_update *u, proto_tree *tree, int hf, const xm_element *el,
                               const char *name, gint32 *value);

/* The same for an enumeration: the field, with the value's meaning from
 * `meanings` appended, or `undocumented` (if not NULL) for a value not in
 * the table. Returns the text, or NULL when there is no such child. */
const char *finesse_add_child_enum(finesse_update *u, proto_tree *tree, int hf, const xm_element *el,
                                   const char *name, const string_string *meanings, const char *undocumented);

/* Shows generically every child of `el` whose name is not in `decoded`
 * (a NULL-terminated list), and every repeated child, so nothing is lost. */
void finesse_add_undecoded(finesse_update *u, proto_tree *tree, const xm_element *el, const char *const *decoded);

/* A collection (<dialogs>, <Queues>): a subtree named `name`, each
 * `member` child decoded by `dissect_member`, anything else generic; the
 * Info column gets " <name> <EVENT>" then the members, comma-separated. */
typedef void (*finesse_member_fn)(finesse_update *u, proto_tree *tree, const xm_element *member);
void finesse_dissect_collection(finesse_update *u, proto_tree *tree, const xm_element *collection, gint ett,
                                const char *name, const char *member, finesse_member_fn dissect_member);

/* A subtree item over `el`, labelled `label`. */
proto_tree *finesse_subtree(finesse_update *u, proto_tree *tree, const xm_element *el, gint ett, const char *label);

/* Every element of `el` not otherwise decoded, shown generically
 * (xmppws.xml.*), so nothing in <data> is dropped. */
void finesse_add_generic(finesse_update *u, proto_tree *tree, const xm_element *el);

/* Registration of the data decoders. Each dissect function returns TRUE
 * when it decoded `root` (the child of <data>). */
#define FINESSE_DECODER(name) \
    void finesse_##name##_register(int proto); \
    gboolean finesse_##name##_dissect(finesse_update *u, const xm_element *root, proto_tree *tree)

FINESSE_DECODER(user);
FINESSE_DECODER(dialog);
FINESSE_DECODER(system);

/* REST requests (finesse-rest.c): links an Update's requestId to the HTTP
 * request that carried the same requestId header. `data` is what the HTTP
 * dissector passed with the body (http_message_info_t). */
void finesse_rest_register(int proto);
void finesse_rest_dissect_request(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data);
void finesse_rest_link_update(finesse_update *u, proto_tree *tree, const char *request_id);

/* Statistics (finesse-stats.c): the tap, and what reads it. */
void finesse_stats_register(void);
void finesse_stats_queue(finesse_update *u);
/* TRUE when a statistic listens: decoders gather what only statistics need
 * (finesse_tap_info.dialogs) only then. */
gboolean finesse_stats_wanted(void);

#endif /* XMPPWS_FINESSE_H */
