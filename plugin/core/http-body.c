/* http-body.c
 *
 * The HTTP context of an XML body (see http-body.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "http-body.h"

#include "compat.h"

static const xmppws_http_body_info *
info_of(const xmppws_http_body *body)
{
    return body ? (const xmppws_http_body_info *)body->http : NULL;
}

gboolean
xmppws_http_body_in_request(const xmppws_http_body *body)
{
    const xmppws_http_body_info *info = info_of(body);
    return info && info->type == XMPPWS_HTTP_BODY_REQUEST;
}

gboolean
xmppws_http_body_in_response(const xmppws_http_body *body)
{
    const xmppws_http_body_info *info = info_of(body);
    return info && info->type == XMPPWS_HTTP_BODY_RESPONSE;
}

/* The HTTP dissector keys its header map by the lower-cased header name. */
const char *
xmppws_http_body_header(const xmppws_http_body *body, const char *lowercase_name)
{
    const xmppws_http_body_info *info = info_of(body);
    const char                  *value;

    if (!info || !info->data)
        return NULL;
    value = (const char *)wmem_map_lookup((wmem_map_t *)info->data, lowercase_name);
    return (value && *value) ? value : NULL;
}
