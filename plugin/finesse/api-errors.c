/* api-errors.c
 *
 * Finesse <apiErrors> data: asynchronous errors for a REST request (CTI
 * errors), and the synchronous form <ApiErrors><ApiError>. Each becomes
 * fields, an Info column text and an expert warning. Everything else
 * inside them is shown generically.
 *
 * Source: docs/finesse-reference.md §6.7, §8 (CTI errors).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

#include <epan/expert.h>

#include "layer.h"

static int hf_error_type = -1;
static int hf_error_message = -1;
static int hf_error_data = -1;
static int hf_error_media = -1;
static int hf_error_peripheral_code = -1;
static int hf_error_peripheral_message = -1;
static int hf_error_peripheral_text = -1;

static gint ett_errors = -1;
static gint ett_error = -1;

static expert_field ei_api_error = EI_INIT;

/* docs/finesse-reference.md §6.7: errorMessage values seen in apiErrors. */
static const string_string error_messages[] = {
    { "CF_RESOURCE_OUT_OF_SERVICE",        "the CTI resource is out of service" },
    { "CF_INVALID_OBJECT_STATE",           "the request is not allowed in the current state" },
    { "CF_INVALID_LOGON_DEVICE_SPECIFIED", "the extension given is not a valid device" },
    { "E_ARM_STAT_AGENT_ALREADY_LOGGED_IN", "the agent is already signed in to the MRD" },
    { NULL, NULL }
};

static const finesse_child_spec error_children[] = {
    { "errorType",           FINESSE_TEXT, &hf_error_type,               NULL,           NULL, FALSE },
    { "errorMessage",        FINESSE_ENUM, &hf_error_message,            error_messages, NULL, FALSE },
    { "errorData",           FINESSE_TEXT, &hf_error_data,               NULL,           NULL, FALSE },
    { "errorMedia",          FINESSE_TEXT, &hf_error_media,              NULL,           NULL, FALSE },
    { "peripheralErrorCode", FINESSE_TEXT, &hf_error_peripheral_code,    NULL,           NULL, FALSE },
    { "peripheralErrorMsg",  FINESSE_TEXT, &hf_error_peripheral_message, NULL,           NULL, FALSE },
    { "peripheralErrorText", FINESSE_TEXT, &hf_error_peripheral_text,    NULL,           NULL, FALSE },
};

/* One apiError; returns "Invalid State (CF_INVALID_OBJECT_STATE)". */
static const char *
dissect_api_error(finesse_update *u, proto_tree *tree, const xm_element *error)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, error, ett_error, "apiError", error_children,
                                             G_N_ELEMENTS(error_children));
    const char *type = finesse_child_text(error, "errorType");
    const char *message = finesse_child_value(error, "errorMessage");
    const char *summary;

    summary = wmem_strdup_printf(u->msg.pinfo->pool, "%s%s%s%s", finesse_or_unknown(type), message ? " (" : "",
                                 message ? message : "", message ? ")" : "");
    proto_item_append_text(proto_tree_get_parent(sub), " %s", summary);
    return summary;
}

/* <apiErrors> (also the synchronous REST form <ApiErrors><ApiError>):
 * "apiErrors Invalid State (CF_INVALID_OBJECT_STATE)" in the Info column
 * and as an expert warning. */
void
finesse_decode_api_errors(finesse_update *u, proto_tree *tree, const xm_element *errors)
{
    proto_tree *sub = finesse_subtree(u, tree, errors, ett_errors, "apiErrors");
    wmem_strbuf_t *text = wmem_strbuf_new(u->msg.pinfo->pool, "apiErrors");
    guint n = 0;

    for (const xm_element *e = errors->first_child; e; e = e->next) {
        if (!finesse_name_is(e->name, "apiError")) {
            finesse_add_generic(u, sub, e);
            continue;
        }
        wmem_strbuf_append_printf(text, "%s %s", n++ ? "," : "", dissect_api_error(u, sub, e));
    }
    if (!n)
        wmem_strbuf_append(text, " (no apiError)");
    wmem_strbuf_append_printf(u->info, " %s", wmem_strbuf_get_str(text));
    expert_add_info_format(u->msg.pinfo, proto_tree_get_parent(sub), &ei_api_error, "Finesse %s",
                           wmem_strbuf_get_str(text));
}

void
finesse_api_errors_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_error_type,
          { "Error type", "finesse.error.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorType: Invalid State, Invalid Device, Call Operation Failure, Generic Error, ...",
            HFILL }},
        { &hf_error_message,
          { "Error message", "finesse.error.message", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorMessage: the CTI error constant (CF_INVALID_OBJECT_STATE, ...) or a text", HFILL }},
        { &hf_error_data,
          { "Error data", "finesse.error.data", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorData: the CTI error code (see the CTI Server Message Reference)", HFILL }},
        { &hf_error_media,
          { "Error media", "finesse.error.media", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError errorMedia: the Media Routing Domain id of a Media error", HFILL }},
        { &hf_error_peripheral_code,
          { "Peripheral error code", "finesse.error.peripheral_code", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorCode: the peripheral's (PG's) error code (12.5 and later)", HFILL }},
        { &hf_error_peripheral_message,
          { "Peripheral error message", "finesse.error.peripheral_message", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorMsg: the peripheral's error constant (12.5 and later)", HFILL }},
        { &hf_error_peripheral_text,
          { "Peripheral error text", "finesse.error.peripheral_text", FT_STRING, BASE_NONE, NULL, 0x0,
            "apiError peripheralErrorText: the peripheral's error description (12.5 and later)", HFILL }},
    };
    static gint *ett[] = {
        &ett_errors,
        &ett_error,
    };
    static ei_register_info ei[] = {
        { &ei_api_error,
          { "finesse.expert.api_error", PI_RESPONSE_CODE, PI_WARN,
            "Finesse apiErrors: a request failed", EXPFILL }},
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}
