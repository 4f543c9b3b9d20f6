/* edits.h
 *
 * The byte changes to make in the copy: for a frame (record number), new
 * bytes at an offset of its packet data. Nothing else of a record changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_REDACT_EDITS_H
#define XMPPWS_REDACT_EDITS_H

#include <glib.h>

typedef struct rd_edits rd_edits;

rd_edits *rd_edits_new(void);
void      rd_edits_free(rd_edits *edits);

/* Later edits of the same bytes win. */
void rd_edits_add(rd_edits *edits, guint32 frame, guint32 offset, const guint8 *bytes, guint32 len);

gboolean rd_edits_has(const rd_edits *edits, guint32 frame);

/* Applies a frame's edits to its `caplen` bytes. */
void rd_edits_apply(const rd_edits *edits, guint32 frame, guint8 *data, guint32 caplen);


#endif /* XMPPWS_REDACT_EDITS_H */
