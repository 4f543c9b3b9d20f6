/* parse_probe.c
 *
 * Compiled by tests/CMakeLists.txt with the parse layer's include
 * directories only, twice: as it is, which must build (the control: the
 * parse layer's own headers, GLib, wsutil and libxml2 are in reach), and
 * with XMPPWS_PROBE_EPAN, which must not, because <epan/packet.h> is out
 * of the parse layer's reach.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <libxml/parser.h>

#include "framing.h"
#include "xmlmodel.h"

#ifdef XMPPWS_PROBE_EPAN
#include <epan/packet.h>
#endif

int xmppws_parse_probe(void);

int
xmppws_parse_probe(void)
{
    return (int)sizeof(xm_doc) + (int)sizeof(framing_info);
}
