"""Finesse <data> decoders (plugin/finesse-dialog.c, plugin/finesse-system.c):
Dialog (dialogs/Dialog POST and DELETE, dialog PUT), participants, call
variables, SystemInfo, Queue, User/Queues, Media and apiErrors, asserted on
real captures: finesse-desktop-ws.pcapng (frame 37, a Dialogs POST) and
finesse-feeds.pcapng (every feed; its frame list is in
test-captures/make/prosody-strophe/NOTES.md, the documents in
feeds-updates.mjs). Every expected value below was checked by hand against
the Update text of the frame (tshark -Y finesse -T fields -e xmppws.xml.text).
"""

import html
import re
import unittest

from harness import fields, frames, pdml, pdml_fields, run_tshark

DESKTOP = "finesse-desktop-ws.pcapng"
FEEDS = "finesse-feeds.pcapng"

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

    def test_the_rest_is_shown_generically(self):
        """SystemInfo children without a field of their own, in document order."""
        for frame, active in [(28, "false|false"), (30, "true|false")]:
            with self.subTest(frame=frame):
                elements, texts = finesse_generic(FEEDS, frame)
                self.assertEqual(elements, [
                    "httpsPort", "xmppPort", "xmppSecurePort", "httpsPort", "xmppPort", "xmppSecurePort",
                    "lastCTIHeartbeatStatus", "ctiHeartbeatInterval", "ctiMMode", "finesseMMode", "license",
                    "peripheralId", "systemAuthMode", "timezoneOffset", "uri", "ctiServers", "ctiServer", "host",
                    "active", "ctiServer", "host", "active"])
                self.assertEqual(texts, ["8445", "5222", "5223", "8445", "5222", "5223",
                                         "failure" if frame == 28 else "success", "30", "false", "false",
                                         "5000", "NON_SSO", "0", "/finesse/api/SystemInfo",
                                         "cti-a.example.test", active.split("|")[0],
                                         "cti-b.example.test", active.split("|")[1]])


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
                                80: ["Finesse Queues POST Queue Billing 1 calls"]})

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

    def test_the_rest_is_shown_generically(self):
        self.assertEqual(finesse_generic(FEEDS, 82), (
            ["uri", "description", "dialogLogoutAction", "interruptAction", "interruptible", "maxDialogLimit"],
            ["/finesse/api/User/1001/Media/5001", "Chat MRD", "CLOSE", "ACCEPT", "true", "3"]))


class NotOurs(unittest.TestCase):
    PREFIXES = ("finesse.dialog.", "finesse.participant.", "finesse.call_variable.", "finesse.system.",
                "finesse.queue.", "finesse.media.", "finesse.error.")
    ANY = " || ".join(["finesse.dialog.id", "finesse.participant.state", "finesse.system.status",
                       "finesse.queue.name", "finesse.media.id", "finesse.error.type"])

    def test_unknown_root_is_left_to_the_envelope(self):
        """<TeamMessage> is no root of these decoders: no field of theirs."""
        self.assertEqual(frames(FEEDS, 'finesse.data == "TeamMessage"'), TEAM_MESSAGE_FRAMES)
        packet = pdml(FEEDS, "frame.number == 84")[0]
        ours = [f.get("name") for f in packet.iter("field") if f.get("name", "").startswith(self.PREFIXES)]
        self.assertEqual(ours, [])
        self.assertEqual(fields(FEEDS, ["_ws.col.Info"], "frame.number == 84"), [["Finesse TeamMessage POST"]])

    def test_only_their_frames(self):
        decoded = set(DIALOG_FRAMES + SYSTEM_FRAMES + API_ERROR_FRAMES + QUEUE_FRAMES + MEDIA_FRAMES)
        self.assertEqual(frames(FEEDS, self.ANY), sorted(decoded))

    def test_no_number_errors(self):
        for cap in [DESKTOP, FEEDS]:
            self.assertEqual(frames(cap, "finesse.expert.not_a_number || finesse.expert.malformed"), [])


class NothingDropped(unittest.TestCase):
    """Every leaf element of the decoded <data> is a field over exactly its
    text's bytes in the Finesse Update data source: a finesse.* field (whose
    value is that text, unescaped) or the generic xmppws.xml.text; an empty
    leaf is a field over zero bytes or a generic <element>, except an empty
    collection (no actions, no call variables), which has no item to show."""

    EMPTY_COLLECTIONS = {"actions", "callvariables", "participants", "statistics", "ctiServers"}
    LEAF = re.compile(r"<([A-Za-z_][\w.-]*)>([^<]*)</\1>")

    def check(self, cap, frame):
        packet = pdml(cap, "frame.number == %d" % frame)[0]
        notification = [f for f in pdml_fields(packet, "xmppws.xml.element") if f.get("show") == "notification"][0]
        text = [f for f in notification if f.get("name") == "xmppws.xml.text"][0]
        update = html.unescape(bytes.fromhex(text.get("value")).decode("utf-8")).encode("utf-8")
        finesse = [p for p in packet.iter("proto") if p.get("name") == "finesse"][0]
        spans = {}
        for f in finesse.iter("field"):
            spans.setdefault((int(f.get("pos")), int(f.get("size"))), []).append(f)
        data = re.search(rb"<data>(.*)</data>", update, re.S)
        self.assertTrue(data)
        checked = 0
        for m in self.LEAF.finditer(update.decode("utf-8")):
            start = len(update.decode("utf-8")[:m.start(2)].encode("utf-8"))
            if not data.start(1) <= start < data.end(1):
                continue
            raw = m.group(2).encode("utf-8")
            value = html.unescape(m.group(2))
            at = spans.get((start, len(raw)), [])
            names = [f.get("name") for f in at]
            with self.subTest(frame=frame, element=m.group(1), value=value):
                if raw:
                    self.assertTrue(at, "no field over <%s>%s" % (m.group(1), value))
                    self.assertIn(value, [f.get("show") for f in at])
                    self.assertTrue(all(n.startswith("finesse.") or n == "xmppws.xml.text" for n in names), names)
                elif m.group(1) not in self.EMPTY_COLLECTIONS:
                    elem_start = len(update.decode("utf-8")[:m.start(0)].encode("utf-8"))
                    generic = [f for f in spans.get((elem_start, len(m.group(0).encode("utf-8"))), [])
                               if f.get("name") == "xmppws.xml.element" and f.get("show") == m.group(1)]
                    self.assertTrue(at or generic, "empty <%s> not shown" % m.group(1))
            checked += 1
        return checked

    def test_desktop(self):
        # 34 leaves: 16 of the Dialog and its mediaProperties (2 in the
        # CallVariable), 7 per participant (one <action>, one empty
        # <actions>), secondaryId, state, toAddress, uri.
        self.assertEqual(self.check(DESKTOP, 37), 34)

    def test_feeds(self):
        for frame in DIALOG_FRAMES + SYSTEM_FRAMES + API_ERROR_FRAMES + QUEUE_FRAMES + MEDIA_FRAMES:
            with self.subTest(frame=frame):
                self.assertGreater(self.check(FEEDS, frame), 5)


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
            if name.split(".")[1] in ("dialog", "participant", "call_variable", "system", "queue", "media",
                                      "error"):
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
