/* reason-code.c
 *
 * A Finesse <ReasonCode> (also <reasonCode> in Team users): why an agent
 * is NOT_READY or signed out, as a User, a Team's user and a Media object
 * carry it: category, code, label, forAll, systemCode, id and uri.
 *
 * Source: docs/finesse-reference.md §6.8.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

static int hf_reason_category = -1;
static int hf_reason_code = -1;
static int hf_reason_label = -1;
static int hf_reason_for_all = -1;
static int hf_reason_system_code = -1;
static int hf_reason_id = -1;
static int hf_reason_uri = -1;

static gint ett_reason = -1;

/* docs/finesse-reference.md §6.8. */
static const string_string categories[] = {
    { "NOT_READY", "a reason for going NOT_READY" },
    { "LOGOUT",    "a reason for signing out" },
    { "ALL",       "a reason of every category" },
    { NULL, NULL }
};

static const string_string for_all_values[] = {
    { "true",  "global: offered to every team" },
    { "false", "offered to the teams it is assigned to" },
    { NULL, NULL }
};

static const string_string system_code_values[] = {
    { "true",  "reserved by the system" },
    { "false", "configured by the administrator" },
    { NULL, NULL }
};

static const finesse_child_spec reason_children[] = {
    { "category",   FINESSE_ENUM,   &hf_reason_category,    categories,         NULL, FALSE },
    { "code",       FINESSE_NUMBER, &hf_reason_code,        NULL,               NULL, FALSE },
    { "label",      FINESSE_TEXT,   &hf_reason_label,       NULL,               NULL, FALSE },
    { "forAll",     FINESSE_ENUM,   &hf_reason_for_all,     for_all_values,     NULL, FALSE },
    { "systemCode", FINESSE_ENUM,   &hf_reason_system_code, system_code_values, NULL, FALSE },
    { "id",         FINESSE_NUMBER, &hf_reason_id,          NULL,               NULL, FALSE },
    { "uri",        FINESSE_TEXT,   &hf_reason_uri,         NULL,               NULL, FALSE },
};

/* "Reason code 12 "Break"". */
void
finesse_dissect_reason_code(finesse_update *u, proto_tree *tree, const xm_element *rc)
{
    proto_tree *sub = finesse_dissect_struct(u, tree, rc, ett_reason, "Reason code", reason_children,
                                             G_N_ELEMENTS(reason_children));
    const char *code = finesse_child_value(rc, "code");
    const char *label = finesse_child_value(rc, "label");

    if (code)
        proto_item_append_text(proto_tree_get_parent(sub), " %s", code);
    if (label)
        proto_item_append_text(proto_tree_get_parent(sub), " \"%s\"", label);
}

const char *
finesse_reason_label(const xm_element *holder)
{
    return finesse_child_value(finesse_child(holder, "ReasonCode"), "label");
}

const char *
finesse_reason_code_text(finesse_update *u, const xm_element *holder)
{
    const xm_element *rc = finesse_child(holder, "ReasonCode");
    const char       *code = finesse_child_value(rc, "code");
    const char       *label = finesse_child_value(rc, "label");

    if (code && label)
        return wmem_strdup_printf(u->msg.pinfo->pool, "%s (%s)", code, label);
    return code ? code : label;
}

void
finesse_reason_code_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_reason_category,
          { "Category", "finesse.reason_code.category", FT_STRING, BASE_NONE, NULL, 0x0,
            "ReasonCode category: NOT_READY or LOGOUT (ALL in team configuration)", HFILL }},
        { &hf_reason_code,
          { "Code", "finesse.reason_code.code", FT_INT32, BASE_DEC, NULL, 0x0,
            "ReasonCode code: the number the CTI server knows the reason by", HFILL }},
        { &hf_reason_label,
          { "Label", "finesse.reason_code.label", FT_STRING, BASE_NONE, NULL, 0x0,
            "ReasonCode label shown to the agent (e.g. Break)", HFILL }},
        { &hf_reason_for_all,
          { "For all", "finesse.reason_code.for_all", FT_STRING, BASE_NONE, NULL, 0x0,
            "ReasonCode forAll: true when the reason code is global, false when assigned to teams", HFILL }},
        { &hf_reason_system_code,
          { "System code", "finesse.reason_code.system_code", FT_STRING, BASE_NONE, NULL, 0x0,
            "ReasonCode systemCode: true for a reason code reserved by the system", HFILL }},
        { &hf_reason_id,
          { "Reason code id", "finesse.reason_code.id", FT_INT32, BASE_DEC, NULL, 0x0,
            "ReasonCode id: its database id (what reasonCodeId refers to)", HFILL }},
        { &hf_reason_uri,
          { "URI", "finesse.reason_code.uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "ReasonCode uri: its REST URI, /finesse/api/ReasonCode/{id}", HFILL }},
    };
    static gint *ett[] = {
        &ett_reason,
    };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}
