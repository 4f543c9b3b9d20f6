/* url.h
 *
 * The parts of an entry's URL that the packets need: scheme, host, port and
 * request target. RFC 3986 (URI syntax) through GLib's GUri; RFC 9110
 * section 4.2 (http/https default ports) and RFC 6455 section 3 (ws/wss).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef XMPPWS_HAR_URL_H
#define XMPPWS_HAR_URL_H

#include <glib.h>

#include "model.h"

/* Fills *url from an absolute http, https, ws or wss URL; FALSE (url
 * untouched) for anything else (data:, blob:, chrome-extension:, ...). */
gboolean har_url_parse(const char *text, har_url *url);
void har_url_clear(har_url *url);

/* TRUE for https and wss. */
gboolean har_url_is_secure(const har_url *url);

#endif
