/* har-limits.h
 *
 * Every bound the HAR reader and the packet builder keep, in one place, so
 * that a hostile or broken file costs at most a known amount of memory and
 * time: the input is read whole (a HAR is one JSON document), tokenised
 * once, and every allocation after that is proportional to the input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_HAR_LIMITS_H
#define XMPPWS_HAR_HAR_LIMITS_H

/* Largest HAR accepted: 512 MiB. (jsmn's token offsets are ints, so the
 * tokenizer itself stops at 2 GiB.) */
#define HAR_MAX_FILE_SIZE ((size_t)512 * 1024 * 1024)

/* Most JSON values (tokens) in one file: 16 Mi tokens of 16 bytes, 256 MiB.
 * A real 100 MB DevTools HAR holds about 2 Mi. */
#define HAR_MAX_TOKENS (16u * 1024 * 1024)

/* Deepest nesting of objects and arrays. A HAR is 7 levels deep; the bound
 * also keeps the tokenizer linear (it walks back to the open parent on
 * every close). */
#define HAR_MAX_DEPTH 64

/* Payload bytes per TCP segment written (an Ethernet MSS). */
#define HAR_TCP_MSS 1460

#endif
