/* printable.h
 *
 * Bytes that are meant to be text but may not be valid UTF-8 (a message
 * that is not well-formed XML, decoded SASL data) made fit to show: valid
 * UTF-8 kept, each byte that does not start a valid sequence replaced by
 * U+FFFD, and each NUL by U+2400 (a NUL would end the string and hide the
 * rest).
 *
 * Specs: RFC 3629 (UTF-8).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_PRINTABLE_H
#define XMPPWS_PRINTABLE_H

#include <glib.h>
#include <wsutil/wmem/wmem.h>

/* A NUL-terminated copy of the `len` bytes at `p`, from `arena`. */
char *xm_printable(wmem_allocator_t *arena, const char *p, gsize len);

#endif /* XMPPWS_PRINTABLE_H */
