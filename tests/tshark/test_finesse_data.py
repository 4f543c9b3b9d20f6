"""Finesse <data> decoders (plugin/finesse/*.c): Dialog (dialogs/Dialog POST
and DELETE, dialog PUT), participants, call variables, SystemInfo, Queue,
User/Queues, Media, TeamMessage and apiErrors, asserted on real captures:
finesse-desktop-ws.pcapng (frame 37, a Dialogs POST) and finesse-feeds.pcapng
(every feed; its frame list is in test-captures/make/prosody-strophe/NOTES.md,
the documents in feeds-updates.mjs); and on gen-finesse-payloads.pcap (Finesse
12.5 payloads after public examples, test-captures/make/
generate_finesse_payloads.py). Every expected value below was checked by hand
against the Update text of the frame (tshark -Y finesse -T fields -e
xmppws.xml.text). NothingDropped checks every Update of every capture against
its tree; OneLayerPerUpdate the -T json layers.
"""

import functools
import glob
import os
import re
import unittest
import xml.parsers.expat

from harness import fields, frames, json_packets, pdml, pdml_fields, run_tshark, wireshark_at_least

DESKTOP = "finesse-desktop-ws.pcapng"
FEEDS = "finesse-feeds.pcapng"
PAYLOADS = "gen-finesse-payloads.pcap"

ARROW = "\u2192"
PI_RESPONSE_CODE = 0x03000000
PI_WARN = 0x00600000

# finesse-feeds.pcapng: frame -> data root, from NOTES.md.
SYSTEM_FRAMES = [28, 30]
DIALOG_FRAMES = [36, 40, 44, 46, 54]
API_ERROR_FRAMES = [52]
QUEUE_FRAMES = [78, 80]
MEDIA_FRAMES = [82]
TEAM_MESSAGE_FRAMES = [84]

CALL_VARIABLE_1 = 'Order <12345> & "VIP"'


def by_frame(rows):
    return {int(r[0]): r[1:] for r in rows}


class DialogDesktop(unittest.TestCase):
    """Frame 37: the Dialogs POST of an incoming call, ALERTING 5551234 -> 1001."""

    def test_only_frame_37_carries_a_dialog(self):
        self.assertEqual(frames(DESKTOP, "finesse.dialog.id"), [37])

    def test_dialog_fields(self):
        row = fields(DESKTOP, ["frame.number", "finesse.event", "finesse.dialog.id", "finesse.dialog.state",
                               "finesse.dialog.media_type", "finesse.dialog.from_address",
                               "finesse.dialog.to_address", "finesse.dialog.uri"], "finesse.dialog.id")
        self.assertEqual(row, [["37", "POST", "16804377", "ALERTING", "Voice", "5551234", "1001",
                                "/finesse/api/Dialog/16804377"]])

    def test_media_properties(self):
        row = fields(DESKTOP, ["finesse.dialog.dnis", "finesse.dialog.dialed_number", "finesse.dialog.call_type",
                               "finesse.dialog.queue_name", "finesse.dialog.queue_number",
                               "finesse.dialog.media_id", "finesse.dialog.call_key_call_id",
                               "finesse.dialog.call_key_prefix", "finesse.dialog.call_key_sequence_num",
                               "finesse.call_variable.name", "finesse.call_variable.value"], "finesse.dialog.id")
        self.assertEqual(row, [["8001", "8001", "ACD_IN", "Sales", "5000", "1", "16804377", "153", "1",
                                "callVariable1", "ACCT-778812"]])

    def test_participants(self):
        row = fields(DESKTOP, ["finesse.participant.address", "finesse.participant.address_type",
                               "finesse.participant.state", "finesse.participant.state_cause",
                               "finesse.participant.start_time", "finesse.participant.action"],
                     "finesse.dialog.id")
        t = "2026-11-23T22:31:22.960Z"
        self.assertEqual(row, [["1001|5551234", "AGENT_DEVICE|", "ALERTING|INITIATED", "|", t + "|" + t,
                                "ANSWER"]])

    def test_info(self):
        rows = fields(DESKTOP, ["frame.number", "_ws.col.Info"], "finesse.dialog.id")
        self.assertEqual(rows, [["37", "Finesse Dialogs POST Dialog 16804377 ALERTING 5551234 %s 1001" % ARROW]])

    def test_no_expert(self):
        self.assertEqual(frames(DESKTOP, "finesse.expert.dialog_failed || finesse.expert.not_a_number"), [])


class DialogFeeds(unittest.TestCase):
    """finesse-feeds.pcapng events 5, 7, 9, 10 (call 16777217) and 14 (the
    FAILED call 16777218)."""

    def test_frames(self):
        self.assertEqual(frames(FEEDS, "finesse.dialog.id"), DIALOG_FRAMES)
        self.assertEqual(frames(FEEDS, 'finesse.dialog.id == "16777217"'), [36, 40, 44, 46])
        self.assertEqual(frames(FEEDS, 'finesse.dialog.state == "FAILED"'), [54])
        self.assertEqual(frames(FEEDS, 'finesse.participant.state == "DROPPED"'), [44, 46])

    def test_dialog_fields(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.event", "finesse.source", "finesse.dialog.id",
                                       "finesse.dialog.state", "finesse.dialog.from_address",
                                       "finesse.dialog.to_address", "finesse.dialog.media_type",
                                       "finesse.dialog.uri"], "finesse.dialog.id"))
        uri1 = "/finesse/api/Dialog/16777217"
        self.assertEqual(rows, {
            36: ["POST", "/finesse/api/User/1001/Dialogs", "16777217", "ALERTING", "5551234", "5001", "Voice", uri1],
            40: ["PUT", uri1, "16777217", "ACTIVE", "5551234", "5001", "Voice", uri1],
            44: ["PUT", uri1, "16777217", "DROPPED", "5551234", "5001", "Voice", uri1],
            46: ["DELETE", "/finesse/api/User/1001/Dialogs", "16777217", "DROPPED", "5551234", "5001", "Voice",
                 uri1],
            54: ["PUT", "/finesse/api/Dialog/16777218", "16777218", "FAILED", "5001", "5559876", "Voice",
                 "/finesse/api/Dialog/16777218"],
        })

    def test_media_properties(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.dialog.dnis", "finesse.dialog.dialed_number",
                                       "finesse.dialog.call_type", "finesse.dialog.queue_name",
                                       "finesse.dialog.queue_number", "finesse.dialog.media_id",
                                       "finesse.dialog.call_key_sequence_num"], "finesse.dialog.id"))
        call1 = ["8005550100", "8005550100", "ACD_IN", "Sales & Support", "5000", "1", "1"]
        self.assertEqual(rows, {36: call1, 40: call1, 44: call1, 46: call1,
                                54: ["", "5559876", "AGENT_OUT", "", "", "1", "2"]})

    def test_call_variables_unescaped_once_more(self):
        """callVariable1 is escaped twice on the wire (&amp;lt;): the Update
        text holds &lt;, the field the value itself."""
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.call_variable.name", "finesse.call_variable.value"],
                               "finesse.dialog.id"))
        both = ["callVariable1|user.crm.id", CALL_VARIABLE_1 + "|CRM-77"]
        self.assertEqual(rows, {36: both, 40: both, 44: both, 46: both, 54: ["", ""]})
        self.assertEqual(frames(FEEDS, 'finesse.call_variable.value == "%s"' % CALL_VARIABLE_1.replace('"', '\\"')),
                         [36, 40, 44, 46])
        update = fields(FEEDS, ["xmppws.xml.text"], "frame.number == 36")[0][0]
        self.assertIn('<value>Order &lt;12345&gt; &amp; "VIP"</value>', update)

    def test_participants(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.participant.address",
                                       "finesse.participant.address_type", "finesse.participant.state",
                                       "finesse.participant.state_cause", "finesse.participant.action"],
                               "finesse.dialog.id"))
        self.assertEqual(rows, {
            36: ["5551234|5001", "|AGENT_DEVICE", "ACTIVE|ALERTING", "|", "ANSWER"],
            40: ["5551234|5001", "|AGENT_DEVICE", "ACTIVE|ACTIVE", "|", "HOLD|DROP|UPDATE_CALL_DATA|CONSULT_CALL"],
            44: ["5551234|5001", "|AGENT_DEVICE", "DROPPED|DROPPED", "|", ""],
            46: ["5551234|5001", "|AGENT_DEVICE", "DROPPED|DROPPED", "|", ""],
            54: ["5001", "AGENT_DEVICE", "FAILED", "BUSY", "DROP"],
        })

    def test_participant_times(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.participant.start_time",
                                       "finesse.participant.state_change_time"], "frame.number in {40, 54}"))
        start = "2026-11-23T23:04:28.077Z"
        self.assertEqual(rows, {
            40: [start + "|" + start, start + "|2026-11-23T23:04:28.494Z"],
            54: ["2026-11-23T23:04:29.644Z", "2026-11-23T23:04:29.944Z"],
        })

    def test_info(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse.dialog.id"))
        call1 = "5551234 %s 5001" % ARROW
        self.assertEqual(rows, {
            36: ["Finesse Dialogs POST Dialog 16777217 ALERTING " + call1],
            40: ["Finesse Dialog 16777217 ACTIVE " + call1],
            44: ["Finesse Dialog 16777217 DROPPED " + call1],
            46: ["Finesse Dialogs DELETE Dialog 16777217 DROPPED " + call1],
            54: ["Finesse Dialog 16777218 FAILED 5001 %s 5559876" % ARROW],
        })

    def test_failed_dialog_expert(self):
        self.assertEqual(frames(FEEDS, "finesse.expert.dialog_failed"), [54])
        rows = fields(FEEDS, ["frame.number", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"],
                      "finesse.expert.dialog_failed")
        self.assertEqual(rows, [["54", "Dialog 16777218 FAILED: 5001 BUSY", str(PI_WARN), str(PI_RESPONSE_CODE)]])

    def test_meanings_in_the_tree(self):
        out = run_tshark(["-n", "-r", harness_capture(FEEDS), "-Y", "frame.number == 54", "-O", "finesse", "-V"])
        self.assertIn("Dialog state: FAILED (call failed; the participant's stateCause gives the reason)", out)
        self.assertIn("State cause: BUSY (the destination is busy)", out)
        self.assertIn("Participant 5001 FAILED (BUSY)", out)
        self.assertIn("Action: DROP (hang up)", out)


class SystemInfo(unittest.TestCase):
    """Events 1 and 2: OUT_OF_SERVICE, then IN_SERVICE."""

    def test_fields(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.system.status", "finesse.system.status_reason",
                                       "finesse.system.deployment_type", "finesse.system.xmpp_domain",
                                       "finesse.system.xmpp_pubsub_domain", "finesse.system.primary_node",
                                       "finesse.system.secondary_node", "finesse.system.current_timestamp"],
                               "finesse.system.status"))
        common = ["UCCE", "finesse.example.test", "pubsub.finesse.example.test", "finesse.example.test",
                  "finesse-b.example.test"]
        self.assertEqual(rows, {
            28: ["OUT_OF_SERVICE", "Finesse lost its connection to the CTI server"] + common +
                ["2026-11-23T23:04:27.250Z"],
            30: ["IN_SERVICE", ""] + common + ["2026-11-23T23:04:27.457Z"],
        })

    def test_info(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse.system.status"))
        self.assertEqual(rows, {28: ["Finesse SystemInfo OUT_OF_SERVICE"], 30: ["Finesse SystemInfo IN_SERVICE"]})

    def test_out_of_service_expert(self):
        self.assertEqual(frames(FEEDS, "finesse.expert.not_in_service"), [28])
        rows = fields(FEEDS, ["frame.number", "_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"],
                      "finesse.expert.not_in_service")
        self.assertEqual(rows, [["28", "Finesse OUT_OF_SERVICE: no events until IN_SERVICE; REST answers 503",
                                 str(PI_WARN), str(PI_RESPONSE_CODE)]])

    def test_every_child_is_a_field(self):
        """The children that used to be shown only generically (S20 documents
        them all), in document order, and nothing generic is left."""
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.system.node.https_port",
                                       "finesse.system.node.xmpp_port", "finesse.system.node.xmpp_secure_port",
                                       "finesse.system.cti_heartbeat_status", "finesse.system.cti_heartbeat_interval",
                                       "finesse.system.cti_mmode", "finesse.system.finesse_mmode",
                                       "finesse.system.license", "finesse.system.peripheral_id",
                                       "finesse.system.auth_mode", "finesse.system.timezone_offset",
                                       "finesse.system.uri", "finesse.system.cti_server.host",
                                       "finesse.system.cti_server.active"], "finesse.system.status"))
        common = ["8445|8445", "5222|5222", "5223|5223"]
        rest = ["30", "false", "false", "", "5000", "NON_SSO", "0", "/finesse/api/SystemInfo",
                "cti-a.example.test|cti-b.example.test"]
        self.assertEqual(rows, {28: common + ["failure"] + rest + ["false|false"],
                                30: common + ["success"] + rest + ["true|false"]})
        for frame in SYSTEM_FRAMES:
            with self.subTest(frame=frame):
                self.assertEqual(finesse_generic(FEEDS, frame), ([], []))

    def test_meanings(self):
        out = run_tshark(["-n", "-r", harness_capture(FEEDS), "-Y", "frame.number == 28", "-O", "finesse", "-V"])
        self.assertIn("Last CTI heartbeat status: failure (the CTI server did not confirm Finesse's last heartbeat)",
                      out)
        self.assertIn("CTI server cti-a.example.test\n", out + "\n")
        self.assertIn("Primary node finesse.example.test", out)


class ApiErrors(unittest.TestCase):
    """Event 13: apiErrors Invalid State on the User node (event "put")."""

    def test_fields(self):
        rows = fields(FEEDS, ["frame.number", "finesse.event", "finesse.request_id", "finesse.error.type",
                              "finesse.error.message", "finesse.error.data", "finesse.error.media",
                              "finesse.error.peripheral_code", "finesse.error.peripheral_message",
                              "finesse.error.peripheral_text"], "finesse.error.type")
        self.assertEqual(rows, [["52", "PUT", "8e6ac6c2-1c8c-4c1a-9a0e-2f3b1c1d0f01", "Invalid State",
                                 "CF_INVALID_OBJECT_STATE", "22", "", "12005", "PERERR_AGENT_INVALID_STATE_TRANSITION",
                                 "The requested agent state is not allowed from the current agent state."]])

    def test_info_and_expert(self):
        text = "Finesse apiErrors Invalid State (CF_INVALID_OBJECT_STATE)"
        self.assertEqual(fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse.error.type"), [["52", text]])
        self.assertEqual(frames(FEEDS, "finesse.expert.api_error"), API_ERROR_FRAMES)
        rows = fields(FEEDS, ["_ws.expert.message", "_ws.expert.severity", "_ws.expert.group"],
                      "finesse.expert.api_error")
        self.assertEqual(rows, [[text, str(PI_WARN), str(PI_RESPONSE_CODE)]])


class Queues(unittest.TestCase):
    """Event 16 (Queue PUT, explicit feed) and 17 (User/Queues POST)."""

    STATS = ["finesse.queue.calls_in_queue", "finesse.queue.start_time_of_longest_call",
             "finesse.queue.agents_ready", "finesse.queue.agents_not_ready", "finesse.queue.agents_busy_other",
             "finesse.queue.agents_logged_on", "finesse.queue.agents_talking_inbound",
             "finesse.queue.agents_talking_outbound", "finesse.queue.agents_talking_internal",
             "finesse.queue.agents_wrap_up_not_ready", "finesse.queue.agents_wrap_up_ready"]

    def test_fields(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "finesse.event", "finesse.queue.name", "finesse.queue.uri"]
                               + self.STATS, "finesse.queue.name"))
        self.assertEqual(rows, {
            78: ["PUT", "Sales & Support", "/finesse/api/Queue/5000",
                 "3", "2026-11-23T23:02:55Z", "2", "1", "0", "4", "1", "0", "0", "0", "0"],
            80: ["POST", "Billing", "/finesse/api/Queue/5002",
                 "1", "2026-11-23T23:03:50Z", "0", "2", "0", "3", "1", "0", "0", "0", "0"],
        })

    def test_numbers_filter_as_numbers(self):
        self.assertEqual(frames(FEEDS, "finesse.queue.calls_in_queue > 2"), [78])
        self.assertEqual(frames(FEEDS, "finesse.queue.agents_logged_on >= 3"), QUEUE_FRAMES)

    def test_info(self):
        rows = by_frame(fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse.queue.name"))
        self.assertEqual(rows, {78: ["Finesse Queue Sales & Support 3 calls"],
                                80: ["Finesse Queues POST Queue Billing 1 call"]})

    def test_nothing_generic(self):
        for frame in QUEUE_FRAMES:
            with self.subTest(frame=frame):
                self.assertEqual(finesse_generic(FEEDS, frame), ([], []))


class Media(unittest.TestCase):
    """Event 18: the agent's state in MRD 5001 (<Media> with <id>)."""

    def test_fields(self):
        rows = fields(FEEDS, ["frame.number", "finesse.event", "finesse.media.id", "finesse.media.name",
                              "finesse.media.state", "finesse.media.routable", "finesse.media.reason_code_id",
                              "finesse.media.state_change_time"], "finesse.media.id")
        self.assertEqual(rows, [["82", "PUT", "5001", "Cisco_Chat_MRD", "READY", "true", "-1",
                                 "2026-11-23T23:04:30.804Z"]])

    def test_info(self):
        self.assertEqual(fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse.media.id"),
                         [["82", "Finesse Media 5001 READY"]])

    def test_every_child_is_a_field(self):
        """S26 documents the children that used to be shown generically."""
        row = fields(FEEDS, ["finesse.media.uri", "finesse.media.description", "finesse.media.dialog_logout_action",
                             "finesse.media.interrupt_action", "finesse.media.interruptible",
                             "finesse.media.max_dialog_limit"], "frame.number == 82")
        self.assertEqual(row, [["/finesse/api/User/1001/Media/5001", "Chat MRD", "CLOSE", "ACCEPT", "true", "3"]])
        self.assertEqual(finesse_generic(FEEDS, 82), ([], []))


class NotOurs(unittest.TestCase):
    PREFIXES = ("finesse.dialog.", "finesse.participant.", "finesse.call_variable.", "finesse.system.",
                "finesse.queue.", "finesse.media.", "finesse.error.")
    ANY = " || ".join(["finesse.dialog.id", "finesse.participant.state", "finesse.system.status",
                       "finesse.queue.name", "finesse.media.id", "finesse.error.type"])

    def test_unknown_root_is_left_to_the_envelope(self):
        """<FutureObject> is no root of any decoder: the envelope and the
        generic view only (gen-finesse-payloads.pcap event 19)."""
        self.assertEqual(frames(PAYLOADS, 'finesse.data == "FutureObject"'), [92])
        packet = pdml(PAYLOADS, "frame.number == 92")[0]
        ours = [f.get("name") for f in packet.iter("field") if f.get("name", "").startswith(self.PREFIXES)]
        self.assertEqual(ours, [])
        self.assertEqual(finesse_generic(PAYLOADS, 92), (["FutureObject", "id", "parts", "part", "part"],
                                                         ["42", "alpha"]))
        self.assertEqual(fields(PAYLOADS, ["_ws.col.Info"], "frame.number == 92"), [["Finesse FutureObject POST"]])

    def test_only_their_frames(self):
        decoded = set(DIALOG_FRAMES + SYSTEM_FRAMES + API_ERROR_FRAMES + QUEUE_FRAMES + MEDIA_FRAMES)
        self.assertEqual(frames(FEEDS, self.ANY), sorted(decoded))

    def test_no_number_errors(self):
        for cap in [DESKTOP, FEEDS]:
            self.assertEqual(frames(cap, "finesse.expert.not_a_number || finesse.expert.malformed"), [])


class Payloads(unittest.TestCase):
    """gen-finesse-payloads.pcap: Cisco's Dialog, Dialogs/Media, Media, Queue,
    TeamMessage and SystemInfo objects and S38's 12.5 apiErrors (see the
    generator for each source)."""

    def test_dialog_children_cisco_documents(self):
        """S24: secondaryId, callbackNumber, the CTI call key, mediaId,
        wrap-up reason and items, a scheduled callback."""
        row = fields(PAYLOADS, ["finesse.dialog.id", "finesse.dialog.secondary_id", "finesse.dialog.associated_dialog_uri",
                                "finesse.dialog.callback_number", "finesse.dialog.media_id",
                                "finesse.dialog.call_key_call_id", "finesse.dialog.call_key_sequence_num",
                                "finesse.dialog.call_key_prefix", "finesse.dialog.wrap_up_reason",
                                "finesse.dialog.wrap_up_item", "finesse.dialog.scheduled_callback_time",
                                "finesse.dialog.scheduled_callback_number", "finesse.call_variable.name"],
                     "frame.number == 54")[0]
        self.assertEqual(row, ["16777300", "16777299", "/finesse/api/Dialog/321654", "4085550123", "1", "217", "1",
                               "152018", "Sales Call", "Wrong number|Satisfied Customer", "2026-01-02T14:30",
                               "9785551212", "callVariable1|callVariable2|user.crm.id"])

    def test_dialog_structure_in_the_tree(self):
        out = run_tshark(["-n", "-r", harness_capture(PAYLOADS), "-Y", "frame.number == 64", "-O", "finesse", "-V"])
        for line in ["Participants", "Participant 2830 WRAP_UP", "Participant 2000 DROPPED", "Actions",
                     "Wrap-up items", "Call variables", 'Call variable user.crm.id = "CRM-4711"', "Scheduled callback",
                     "Participant state: WRAP_UP (dropped from the call, wrapping up; desktop label Active)"]:
            self.assertIn(line, out)

    def test_nonvoice_task(self):
        """S7: a chat task on the Dialogs/Media feed."""
        row = fields(PAYLOADS, ["finesse.feed", "finesse.source", "finesse.dialog.id", "finesse.dialog.media_type",
                                "finesse.dialog.media_id", "finesse.dialog.state", "finesse.participant.state",
                                "finesse.participant.action"], "frame.number == 68")[0]
        self.assertEqual(row, ["3", "/finesse/api/User/1001/Media/5002/Dialogs", "1234_5423_1", "Cisco_Chat_MRD",
                               "5002", "OFFERED", "OFFERED", "ACCEPT|CLOSE"])

    def test_media(self):
        """S26: the Media object with its reason code."""
        row = fields(PAYLOADS, ["finesse.media.id", "finesse.media.name", "finesse.media.description",
                                "finesse.media.uri", "finesse.media.state", "finesse.media.reason_code_id",
                                "finesse.reason_code.label", "finesse.media.routable", "finesse.media.interruptible",
                                "finesse.media.max_dialog_limit", "finesse.media.dialog_logout_action",
                                "finesse.media.interrupt_action"], "frame.number == 72")[0]
        self.assertEqual(row, ["5002", "Cisco_Chat_MRD", "Chat MRD", "/finesse/api/User/1001/Media/5002",
                               "NOT_READY", "16", "Team Meeting", "true", "true", "10", "CLOSE", "ACCEPT"])

    def test_api_errors(self):
        """S38's two 12.5 errors, the second with the peripheral fields;
        S13's Media error with errorMedia."""
        rows = by_frame(fields(PAYLOADS, ["frame.number", "finesse.event", "finesse.error.type",
                                          "finesse.error.message", "finesse.error.data", "finesse.error.media",
                                          "finesse.error.peripheral_code", "finesse.error.peripheral_message"],
                               "finesse.error.type"))
        self.assertEqual(rows, {
            38: ["PUT", "Invalid State", "CF_INVALID_OBJECT_STATE", "22", "", "", ""],
            40: ["PUT", "Invalid Device", "CF_INVALID_LOGON_DEVICE_SPECIFIED", "260", "", "10125",
                 "PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID"],
            74: ["PUT", "Agent already logged into MRD", "E_ARM_STAT_AGENT_ALREADY_LOGGED_IN", "1", "5001", "", ""],
        })

    def test_queue_of_one_call(self):
        self.assertEqual(fields(PAYLOADS, ["finesse.queue.name", "finesse.queue.calls_in_queue", "_ws.col.Info"],
                                "frame.number == 82"), [["Sales", "1", "Finesse Queue Sales 1 call"]])

    def test_team_message(self):
        """S43: created by, when (a time), for how long, to which teams."""
        row = fields(PAYLOADS, ["finesse.team_message.uri", "finesse.team_message.created_by.id",
                                "finesse.team_message.created_by.first_name", "finesse.team_message.duration",
                                "finesse.team_message.content", "finesse.team_message.team"], "frame.number == 84")[0]
        self.assertEqual(row, ["/finesse/api/TeamMessage/be1598bb-bb2a-4dfc-8c01-91ec10b029af", "1001", "Alice",
                               "100", "Huddle at 10:30", "5005|1004"])
        self.assertEqual(frames(PAYLOADS, 'finesse.team_message.created_at == "2026-01-01T00:04:00Z"'), [84])

    def test_system_info(self):
        """S20: every child of the SystemInfo object."""
        row = fields(PAYLOADS, ["finesse.system.cti_version", "finesse.system.cti_heartbeat_time",
                                "finesse.system.cti_heartbeat_interval", "finesse.system.cti_time_in_mmode",
                                "finesse.system.finesse_time_in_mmode", "finesse.system.cti_server.host",
                                "finesse.system.cti_server.connected_duration", "finesse.system.cti_server.active",
                                "finesse.system.timezone_offset", "finesse.system.peripheral_id"],
                     "frame.number == 88")[0]
        self.assertEqual(row, ["23", "1767225848000", "30", "-1", "-1", "cti-a.example.test|cti-b.example.test",
                               "3600|0", "true|false", "60", "5000"])
        self.assertEqual(finesse_generic(PAYLOADS, 88), ([], []))


# ---- nothing dropped ----------------------------------------------------------

@functools.lru_cache(maxsize=None)
def finesse_packets():
    """{capture: (its -o options, its PDML packets with a finesse layer)} for
    every capture of test-captures with a Finesse frame (tshark -Y finesse;
    the key log beside a TLS capture). Secrets are shown: their hiding is
    test_hostile's and test_secrets' concern, and a hidden one is not a
    dropped one (gen-hostile-finesse-sasl carries a SASL <auth> in its Update)."""
    found = {}
    for path in sorted(glob.glob(os.path.join(os.environ["XMPPWS_CAPTURES"], "*.pcap*"))):
        name = os.path.basename(path)
        keys = os.path.splitext(path)[0] + ".keys"
        extra = ("-o", "xmppws.show_secrets:TRUE")
        if os.path.exists(keys):
            extra += ("-o", "tls.keylog_file:" + harness_capture(os.path.basename(keys)))
        packets = pdml(name, "finesse", extra)
        if packets:
            found[name] = (extra, packets)
    return found


HEX_ROW = re.compile(r"^([0-9a-f]{4,})  ")
SOURCE_HEADER = re.compile(r"^(\S.*) \((\d+) bytes\):$")
SUMMARY_LINE = re.compile(r"^\s*(\d+)\s")


def data_sources(cap, extra):
    """{frame: [(name, bytes), ...]}: the data sources of every Finesse frame
    (tshark -P -x; a frame with one source names none)."""
    out = run_tshark(["-n", "-r", harness_capture(cap), "-Y", "finesse", "-P", "-x"] + list(extra))
    sources, current = {}, None
    for line in out.splitlines():
        row, header, summary = HEX_ROW.match(line), SOURCE_HEADER.match(line), SUMMARY_LINE.match(line)
        if row:
            if not current:
                current.append(("Packet", bytearray()))
            current[-1][1].extend(bytes.fromhex("".join(line[len(row.group(1)) + 2:][:48].split())))
        elif header:
            current.append((header.group(1), bytearray()))
        elif summary:
            current = sources.setdefault(int(summary.group(1)), [])
    return {n: [(name, bytes(data)) for name, data in s] for n, s in sources.items()}


def update_bytes(proto, sources, used):
    """The data source the Update's fields point into: an unused "Finesse
    Update" source (escaped Updates, in order), else the message itself
    (an Update sent as child XML)."""
    pos, size = int(proto.get("pos")), int(proto.get("size"))
    order = [i for i, (n, _) in enumerate(sources) if n == "Finesse Update" and i not in used] + \
            [i for i, (n, _) in enumerate(sources) if n != "Finesse Update"]
    for i in order:
        piece = sources[i][1][pos:pos + size]
        if len(piece) == size and piece[:7].lower() in (b"<update", b"<?xml v"):
            used.add(i)
            return sources[i][1]
    raise AssertionError("no data source holds the Update at %d+%d" % (pos, size))


ATTRIBUTE = re.compile(rb"""([^\s=/<>]+)\s*=\s*(["'])(.*?)\2""", re.S)


def start_tag_end(doc, at):
    """The offset just past the '>' of the start tag at `at`."""
    quote = None
    for i in range(at + 1, len(doc)):
        c = doc[i:i + 1]
        if quote:
            quote = None if c == quote else quote
        elif c in (b'"', b"'"):
            quote = c
        elif c == b">":
            return i + 1
    return len(doc)


def xml_model(doc):
    """Every element of an XML document (expat), with byte spans: dicts of
    name, span, children, text (its own character data), text_span (from
    its start tag's end to its end tag) and attrs [(name, value, span)]
    (namespace declarations left out)."""
    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = False
    elements, stack = [], []

    def start(name, attrs):
        at = parser.CurrentByteIndex
        end = start_tag_end(doc, at)
        spans = {m.group(1).decode(): (m.start(3), m.end(3) - m.start(3))
                 for m in ATTRIBUTE.finditer(doc, at, end)}
        el = {"name": name, "start": at, "content": end, "children": 0, "texts": [],
              "attrs": [(k, v, spans[k]) for k, v in attrs.items() if k != "xmlns" and not k.startswith("xmlns:")]}
        if stack:
            stack[-1]["children"] += 1
        stack.append(el)
        elements.append(el)

    def end(_name):
        el = stack.pop()
        empty = doc[el["content"] - 2:el["content"]] == b"/>"
        close = el["content"] if empty else parser.CurrentByteIndex
        el["span"] = (el["start"], (el["content"] if empty else start_tag_end(doc, close)) - el["start"])
        el["text"] = "".join(el["texts"])
        el["text_span"] = (el["content"], close - el["content"])

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = lambda data: stack[-1]["texts"].append(data)
    parser.Parse(doc, True)
    return elements


# Fields that show a value derived from the text they cover, not the text.
DERIVED = {"finesse.team_message.created_at"}


def tree_items(proto, source):
    """{(offset in the Update, size): [PDML field, ...]} of every item in a
    finesse layer."""
    base, items = int(proto.get("pos")), {}

    def index(node, parent_at):
        for f in node.findall("field"):
            if f.get("pos") is None:
                index(f, parent_at)
                continue
            at, size, raw = int(f.get("pos")), int(f.get("size")), bytes.fromhex(f.get("value") or "")
            # PDML writes a child that starts before its parent (an
            # attribute under the field of its element's text) at its
            # parent's pos plus its own (Wireshark's print.c): undo that.
            if parent_at is not None and at >= parent_at and source[at:at + size] != raw \
                    and source[at - parent_at:at - parent_at + size] == raw:
                at -= parent_at
            items.setdefault((at - base, size), []).append(f)
            index(f, at)

    index(proto, None)
    return items


def dropped(proto, source):
    """What of one Update no item of its finesse layer shows: (number of
    values, missing values, number of elements, missing elements). A value
    is an attribute's value or an element's non-blank text: it must be a
    finesse.* or generic field over exactly its bytes showing it. An element
    must have an item over exactly its bytes (a leaf: or over its text)."""
    pos, size = int(proto.get("pos")), int(proto.get("size"))
    doc = source[pos:pos + size]
    items = tree_items(proto, source)
    values, missing_values, elements, missing_elements = 0, [], 0, []

    def shown(span, value):
        return any(f.get("name") in DERIVED or (f.get("show") or "").strip().upper() == value.strip().upper()
                   for f in items.get(span, []) if f.get("name").startswith(("finesse.", "xmppws.xml.")))

    for i, el in enumerate(xml_model(doc)):
        if i == 0:
            items.setdefault(el["span"], []).append(proto)     # the layer's own item is the <Update>'s
        elements += 1
        if not (items.get(el["span"]) or (not el["children"] and items.get(el["text_span"]))):
            missing_elements.append(el["name"])
        if el["text"].strip():
            values += 1
            if not shown(el["text_span"], el["text"]):
                missing_values.append("<%s>%s" % (el["name"], el["text"].strip()))
        for name, value, span in el["attrs"]:
            values += 1
            if not shown(span, value):
                missing_values.append('<%s %s="%s">' % (el["name"], name, value))
    return values, missing_values, elements, missing_elements


@functools.lru_cache(maxsize=None)
def fidelity(cap):
    """One row per Update of a capture: (frame, values, missing values,
    elements, missing elements), or (frame, None, [], None, []) for an
    Update reported malformed (its document does not parse)."""
    extra, packets = finesse_packets()[cap]
    sources = data_sources(cap, extra)
    rows = []
    for packet in packets:
        frame = int(pdml_fields(packet, "frame.number")[0].get("show"))
        used = set()
        for proto in [p for p in packet.iter("proto") if p.get("name") == "finesse"
                      and p.get("showname", "").startswith("Cisco Finesse Notification")]:
            if pdml_fields(proto, "finesse.expert.malformed"):
                rows.append((frame, None, [], None, []))
            else:
                rows.append((frame,) + dropped(proto, update_bytes(proto, sources[frame], used)))
    return rows


class NothingDropped(unittest.TestCase):
    """Every element, attribute and text of every Finesse <Update> in every
    capture of test-captures is in its finesse layer: a named finesse.*
    field, or the generic view (xmppws.xml.*) for what no decoder names."""

    # Updates whose document does not parse: the malformed expert instead.
    MALFORMED = {"gen-finesse-forms.pcap": [38], "gen-hostile-finesse.pcap": [18, 20, 26, 28, 52]}
    # In all captures; fewer means a capture lost its Finesse frames. From 4.2
    # Wireshark inflates compressed fragmented messages: deflate-fragmented
    # and deflate-fragmented-nct show 3 more Updates (test_deflate.py).
    # gen-hostile-finesse-states holds 200, gen-hostile-finesse-sasl 1.
    UPDATES = 323 if wireshark_at_least(4, 2) else 320

    def test_every_update_of_every_capture(self):
        updates = 0
        for cap in finesse_packets():
            rows = fidelity(cap)
            updates += len(rows)
            with self.subTest(capture=cap):
                self.assertEqual([r[0] for r in rows if r[1] is None], self.MALFORMED.get(cap, []))
                self.assertEqual([(r[0], r[2], r[4]) for r in rows if r[2] or r[4]], [])
                self.assertGreater(sum(r[1] for r in rows if r[1] is not None) + len(self.MALFORMED.get(cap, [])), 0)
        self.assertEqual(updates, self.UPDATES)

    def test_it_finds_what_is_dropped(self):
        """The check itself: attributes and stray text of decoded elements
        count (gen-finesse-payloads.pcap frame 90 has them)."""
        [row] = [r for r in fidelity(PAYLOADS) if r[0] == 90]
        self.assertEqual(row[1:], (23, [], 16, []))
        packet = pdml(PAYLOADS, "frame.number == 90")[0]
        attributes = [f.get("showname") for f in pdml_fields(packet, "finesse.attribute")]
        self.assertEqual(attributes, ['version="1"', 'kind="user"', 'id="u-1001"', 'xml:lang="en"', 'scheme="ucce"',
                                      'since="2026-01-01T00:05:00Z"', 'mode="x"', 'a="1"', 'b="2"', 'primary="true"'])
        self.assertEqual([f.get("show") for f in pdml_fields(packet, "finesse.text")], ["stray"])


class OneLayerPerUpdate(unittest.TestCase):
    """-T json: each Update (and each REST request) is one top-level
    "finesse" layer; no "finesse" key inside another one."""

    # Frames with two Updates: two items of one pubsub event.
    TWO = {("gen-finesse-forms.pcap", 50)}

    def test_every_finesse_frame_of_every_capture(self):
        for cap, (extra, _packets) in finesse_packets().items():
            with self.subTest(capture=cap):
                for packet in json_packets(cap, "finesse", extra):
                    layers = packet["_source"]["layers"]
                    frame = int(layers["frame"]["frame.number"])
                    top = layers["finesse"] if isinstance(layers["finesse"], list) else [layers["finesse"]]
                    self.assertEqual(len(top), 2 if (cap, frame) in self.TWO else 1, frame)
                    self.assertEqual(finesse_keys(top), 0, frame)


def finesse_keys(node):
    """How many "finesse" keys there are anywhere below `node`."""
    if isinstance(node, dict):
        return sum((k == "finesse") + finesse_keys(v) for k, v in node.items())
    if isinstance(node, list):
        return sum(finesse_keys(v) for v in node)
    return 0


class WithoutTree(unittest.TestCase):
    def test_info_is_the_same_without_a_tree_and_in_two_passes(self):
        """Plain tshark (no tree for the decoders) and -2 give the Info of -T fields."""
        want = {int(r[0]): r[1] for r in fields(FEEDS, ["frame.number", "_ws.col.Info"], "finesse")}
        for extra in [[], ["-2"]]:
            with self.subTest(extra=extra):
                out = run_tshark(["-n", "-r", harness_capture(FEEDS), "-T", "fields", "-e", "frame.number",
                                  "-e", "_ws.col.Info"] + extra)
                got = {int(n): info for n, info in (line.split("\t") for line in out.splitlines())}
                for frame, info in want.items():
                    self.assertEqual(got[frame], info)


class Registration(unittest.TestCase):
    FIELDS = [
        "finesse.dialog.id", "finesse.dialog.state", "finesse.dialog.media_type", "finesse.dialog.from_address",
        "finesse.dialog.to_address", "finesse.dialog.uri", "finesse.dialog.dnis", "finesse.dialog.dialed_number",
        "finesse.dialog.call_type", "finesse.dialog.queue_name", "finesse.dialog.queue_number",
        "finesse.dialog.wrap_up_reason", "finesse.dialog.media_id", "finesse.call_variable.name",
        "finesse.call_variable.value", "finesse.participant.address", "finesse.participant.address_type",
        "finesse.participant.state", "finesse.participant.state_cause", "finesse.participant.start_time",
        "finesse.participant.state_change_time", "finesse.participant.action",
        "finesse.system.status", "finesse.system.status_reason", "finesse.system.deployment_type",
        "finesse.system.xmpp_domain", "finesse.system.xmpp_pubsub_domain", "finesse.system.primary_node",
        "finesse.system.secondary_node", "finesse.system.current_timestamp",
        "finesse.queue.name", "finesse.queue.uri", "finesse.queue.calls_in_queue", "finesse.queue.agents_ready",
        "finesse.queue.agents_not_ready", "finesse.queue.agents_talking_inbound", "finesse.queue.agents_logged_on",
        "finesse.queue.start_time_of_longest_call",
        "finesse.media.id", "finesse.media.state", "finesse.media.routable",
        "finesse.error.type", "finesse.error.message", "finesse.error.data", "finesse.error.media",
        "finesse.error.peripheral_code", "finesse.error.peripheral_message", "finesse.error.peripheral_text",
    ]

    def test_every_field_has_a_blurb(self):
        rows = {r[2]: r for r in (line.split("\t") for line in run_tshark(["-G", "fields"]).splitlines())
                if len(r) > 2 and r[0] == "F" and r[4] == "finesse"}
        for name in self.FIELDS:
            with self.subTest(field=name):
                self.assertIn(name, rows)
                self.assertTrue(rows[name][-1].strip(), "no blurb")
        for name, row in rows.items():
            if name.startswith("finesse.expert."):
                continue            # expert infos: -G fields lists them with no blurb
            with self.subTest(field=name):
                self.assertTrue(row[-1].strip(), "no blurb")
        self.assertEqual(rows["finesse.queue.calls_in_queue"][3], "FT_INT32")

    def test_experts(self):
        """Group and severity are asserted per packet above; here the names."""
        rows = {r[2]: r[1] for r in (line.split("\t") for line in run_tshark(["-G", "fields"]).splitlines())
                if len(r) > 4 and r[0] == "F" and r[3] == "FT_NONE" and r[4] == "finesse"}
        self.assertEqual(rows.get("finesse.expert.dialog_failed"), "Dialog or participant FAILED")
        self.assertEqual(rows.get("finesse.expert.not_in_service"), "Finesse is not in service")
        self.assertEqual(rows.get("finesse.expert.api_error"), "Finesse apiErrors: a request failed")


def harness_capture(name):
    from harness import capture
    return capture(name)


def finesse_generic(cap, frame):
    """Names and texts of the generic xmppws.xml.element items inside the
    Finesse tree of a frame, in tree order (texts of leaves only)."""
    packet = pdml(cap, "frame.number == %d" % frame)[0]
    finesse = [p for p in packet.iter("proto") if p.get("name") == "finesse"][0]
    elements = [f.get("show") for f in finesse.iter("field") if f.get("name") == "xmppws.xml.element"]
    texts = [f.get("show") for f in finesse.iter("field") if f.get("name") == "xmppws.xml.text"]
    return elements, texts


if __name__ == "__main__":
    unittest.main()
