/* capture.c
 *
 * The packet list of a converted HAR (see capture.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capture.h"

static void
packet_free(gpointer data)
{
    har_packet *p = data;
    g_byte_array_unref(p->data);
    g_free(p->comment);
    g_free(p);
}

har_capture *
har_capture_new(void)
{
    har_capture *capture = g_new0(har_capture, 1);
    capture->packets = g_ptr_array_new_with_free_func(packet_free);
    return capture;
}

void
har_capture_free(har_capture *capture)
{
    if (!capture)
        return;
    g_ptr_array_free(capture->packets, TRUE);
    g_free(capture);
}

void
har_capture_add(har_capture *capture, gint64 time_us, GByteArray *data, char *comment)
{
    har_packet *p = g_new(har_packet, 1);
    p->time_us = time_us;
    p->order = capture->next_order++;
    p->data = data;
    p->comment = comment;
    if (comment)
        capture->comments++;
    g_ptr_array_add(capture->packets, p);
}

static gint
by_time(gconstpointer a, gconstpointer b)
{
    const har_packet *pa = *(const har_packet *const *)a;
    const har_packet *pb = *(const har_packet *const *)b;
    if (pa->time_us != pb->time_us)
        return pa->time_us < pb->time_us ? -1 : 1;
    return pa->order < pb->order ? -1 : (pa->order > pb->order);
}

void
har_capture_sort(har_capture *capture)
{
    g_ptr_array_sort(capture->packets, by_time);
}
