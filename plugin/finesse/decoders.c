/* decoders.c
 *
 * The table of Finesse data decoders (see decoders.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "decoders.h"

static const struct {
    const char       *root;
    finesse_decode_fn decode;
} decoders[] = {
    { "user",        finesse_decode_user },
    { "team",        finesse_decode_team },
    { "users",       finesse_decode_users },
    { "dialog",      finesse_decode_dialog },
    { "dialogs",     finesse_decode_dialogs },
    { "Queue",       finesse_decode_queue },
    { "Queues",      finesse_decode_queues },
    { "Media",       finesse_decode_media },
    { "SystemInfo",  finesse_decode_system_info },
    { "TeamMessage", finesse_decode_team_message },
    { "apiErrors",   finesse_decode_api_errors },
};

finesse_decode_fn
finesse_decoder_for(const char *root_name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(decoders); i++) {
        if (finesse_name_is(root_name, decoders[i].root))
            return decoders[i].decode;
    }
    return NULL;
}

void
finesse_decoders_register(int proto)
{
    finesse_reason_code_register(proto);
    finesse_user_register(proto);
    finesse_team_register(proto);
    finesse_dialog_register(proto);
    finesse_queue_register(proto);
    finesse_media_register(proto);
    finesse_system_info_register(proto);
    finesse_team_message_register(proto);
    finesse_api_errors_register(proto);
}
