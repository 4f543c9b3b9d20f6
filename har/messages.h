/* messages.h
 *
 * Reads an entry's _webSocketMessages array (the DevTools and Playwright
 * HAR extension; see model.h) into har_ws_message records.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_MESSAGES_H
#define XMPPWS_HAR_MESSAGES_H

#include "json.h"
#include "model.h"

/* Appends the messages of array `messages` to entry->messages and counts
 * their time units in *log. A message that cannot be read (no type, data
 * not a string, base64 that is not) is skipped; returns how many were. */
guint har_messages_read(const har_json *doc, int messages, har_entry *entry, har_log *log);

void har_message_clear(har_ws_message *message);

/* Epoch microseconds of a message time in seconds or milliseconds: a value
 * of 1e11 or more (past the year 5138 in seconds, 1973 in milliseconds) is
 * milliseconds. 0 for a negative time (Playwright's omitTiming). */
gint64 har_message_time_us(double time, gboolean *milliseconds);

#endif
