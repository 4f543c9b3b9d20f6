"""gen-finesse-forms.pcap: the forms a Finesse <Update> takes inside a pubsub
item, and payloads that are not one (test-captures/make/EDGE-CASES.md lists
the capture frame by frame):

  30  S>C  <notification xmlns=".../pubsub"> holding the <Update> as child XML, User READY
  32  S>C  Finesse 12.5: <notification xmlns="urn:xmpp:push:0">, 8-character id, to the bare
           JID, <data> first, <event>put</event>, User NOT_READY
  34  C>S  iq set pubsub <publish> whose item carries an escaped Update (User READY); 36 its result
  38  S>C  escaped text that is not well-formed XML (cut short inside <user>)
  42  S>C  Dialog PUT whose call variable was escaped twice (&amp;lt;b&amp;gt; -> <b>)
  44  S>C  escaped <Foo a="1"/>; 46 S>C the JSON text {"a":1}: neither is an Update
  50  S>C  two <item>s in one <items>: User READY and User TALKING
  52  S>C  (beyond the brief) an escaped Update preceded by an XML declaration, User NOT_READY
  54  S>C  (beyond the brief) an escaped <Foo a="1"/> preceded by an XML declaration
"""

import re
import unittest

from harness import capture, fields, frames, pdml, pdml_fields, run_tshark, stat_tables, wireshark_at_least

# The name tshark -x gives the packet's own bytes.
PACKET_SOURCE = "Packet" if wireshark_at_least(4, 6) else "Frame"

CAP = "gen-finesse-forms.pcap"

CHILD_XML = 30
PUSH_FORM = 32
PUBLISH = 34
PUBLISH_RESULT = 36
MALFORMED = 38
DIALOG = 42
FOO = 44
JSON_TEXT = 46
TWO_ITEMS = 50
DECL_UPDATE = 52
DECL_FOO = 54

USER_NODE = "/finesse/api/User/1001"
DIALOGS_NODE = "/finesse/api/User/1001/Dialogs"
PUBSUB = "pubsub.finesse.example.test"
NOT_FINESSE_INFO = "message from %s (event %s)" % (PUBSUB, USER_NODE)

# Text fields of a User Update whose bytes are exactly the text they show.
USER_LEAVES = ["finesse.event", "finesse.source", "finesse.user.id", "finesse.user.login_name",
               "finesse.user.first_name", "finesse.user.last_name", "finesse.user.extension",
               "finesse.user.state", "finesse.user.state_change_time", "finesse.user.team_id",
               "finesse.user.team_name", "finesse.user.role"]
DIALOG_LEAVES = ["finesse.event", "finesse.source", "finesse.dialog.id", "finesse.dialog.state",
                 "finesse.dialog.from_address", "finesse.dialog.to_address", "finesse.dialog.media_type",
                 "finesse.dialog.uri", "finesse.dialog.dnis", "finesse.dialog.call_type",
                 "finesse.call_variable.name", "finesse.participant.address", "finesse.participant.state"]


def before_extras(numbers):
    """Frames of messages 1 to 7 (the two extras start at frame 52)."""
    return [n for n in numbers if n < DECL_UPDATE]


def data_sources(frame):
    """The data sources tshark -x dumps for one frame: a list of (name, bytes).
    A frame with one source gets no header line: that source is the packet's
    own, which Wireshark 4.6 names "Packet" (before: "Frame")."""
    out = run_tshark(["-n", "-r", capture(CAP), "-Y", "frame.number == %d" % frame, "-x"])
    sources = []
    for line in out.splitlines():
        header = re.match(r"^(\S.*) \((\d+) bytes\):$", line)
        if header:
            sources.append((header.group(1), bytearray()))
            continue
        row = re.match(r"^([0-9a-f]{4,})  ", line)
        if not row:
            continue
        if not sources:
            sources.append((PACKET_SOURCE, bytearray()))
        hexpart = line[len(row.group(1)) + 2:][:48].split()
        assert all(re.fullmatch(r"[0-9a-f]{2}", b) for b in hexpart), line
        sources[-1][1].extend(bytes.fromhex("".join(hexpart)))
    return [(name, bytes(data)) for name, data in sources]


def updates(packet):
    """The top-level finesse items of a PDML packet (one per Update), in order."""
    return [p for p in packet.iter("proto")
            if p.get("name") == "finesse" and p.get("showname", "").startswith("Cisco Finesse Notification")]


def field_bytes(f):
    return bytes.fromhex(f.get("value") or "")


class CoveredBytes(unittest.TestCase):
    """Which bytes the finesse fields highlight: the XMPP message itself for a
    child-XML Update, the "Finesse Update" data source for an escaped one."""

    def assert_leaves_in(self, update, names, source, exceptions=None):
        """Every field of `names` under `update` covers bytes of `source` at
        its pos, and those bytes are the text it shows (or, for the fields in
        `exceptions`, the text given there: name -> list of expected texts)."""
        exceptions = exceptions or {}
        checked = 0
        for name in names:
            occurrences = pdml_fields(update, name)
            self.assertTrue(occurrences, name)
            for i, f in enumerate(occurrences):
                pos, size = int(f.get("pos")), int(f.get("size"))
                self.assertGreater(size, 0, name)
                raw = field_bytes(f)
                self.assertEqual(source[pos:pos + size], raw, "%s at %d+%d" % (name, pos, size))
                expected = exceptions[name][i] if name in exceptions else f.get("show")
                self.assertEqual(raw.decode("utf-8"), expected, name)
                checked += 1
        return checked

    def test_child_xml_fields_cover_the_xmpp_message(self):
        self.assertEqual([n for n, _ in data_sources(CHILD_XML)], [PACKET_SOURCE])   # no "Finesse Update"
        frame = data_sources(CHILD_XML)[0][1]
        packet = pdml(CAP, "frame.number == %d" % CHILD_XML)[0]
        xmpp = [p for p in packet.iter("proto") if p.get("name") == "xmppws"][0]
        start, end = int(xmpp.get("pos")), int(xmpp.get("pos")) + int(xmpp.get("size"))
        [update] = updates(packet)
        self.assert_leaves_in(update, USER_LEAVES, frame)
        for name in USER_LEAVES:
            for f in pdml_fields(update, name):
                self.assertTrue(start <= int(f.get("pos")) < end, name)
        # The <event> text of the message is the field's: PUT at its place in the frame.
        event = pdml_fields(update, "finesse.event")[0]
        self.assertEqual(frame[int(event.get("pos")) - 7:int(event.get("pos")) + 11], b"<event>PUT</event>")

    def test_escaped_fields_cover_the_update_data_source(self):
        for frame_number in (PUSH_FORM, PUBLISH):
            sources = data_sources(frame_number)
            names = [n for n, _ in sources]
            self.assertEqual(names.count("Finesse Update"), 1, names)
            update_bytes = dict(sources)["Finesse Update"]
            self.assertTrue(update_bytes.startswith(b"<Update>"))
            [update] = updates(pdml(CAP, "frame.number == %d" % frame_number)[0])
            # 12.5 form: the wire says "put", the field shows it upper-cased.
            exceptions = {"finesse.event": ["put"]} if frame_number == PUSH_FORM else {}
            self.assert_leaves_in(update, USER_LEAVES, update_bytes, exceptions)
        [update] = updates(pdml(CAP, "frame.number == %d" % PUBLISH)[0])
        self.assert_leaves_in(update, ["finesse.request_id"], dict(data_sources(PUBLISH))["Finesse Update"])

    def test_two_updates_two_data_sources(self):
        sources = [data for name, data in data_sources(TWO_ITEMS) if name == "Finesse Update"]
        self.assertEqual(len(sources), 2)
        packet = pdml(CAP, "frame.number == %d" % TWO_ITEMS)[0]
        found = updates(packet)
        self.assertEqual(len(found), 2)
        for update, source in zip(found, sources):
            self.assert_leaves_in(update, USER_LEAVES, source)
        self.assertEqual([pdml_fields(u, "finesse.user.state")[0].get("show") for u in found], ["READY", "TALKING"])

    def test_dialog_fields_and_the_twice_escaped_value(self):
        sources = data_sources(DIALOG)
        self.assertEqual([n for n, _ in sources], [PACKET_SOURCE, "Reassembled TCP", "Finesse Update"])
        update_bytes = sources[2][1]
        [update] = updates(pdml(CAP, "frame.number == %d" % DIALOG)[0])
        self.assert_leaves_in(update, DIALOG_LEAVES, update_bytes)
        # The value field covers the Update text, which still holds one level
        # of escaping; the field shows the value itself.
        values = pdml_fields(update, "finesse.call_variable.value")
        self.assertEqual([f.get("show") for f in values], ["<b>", "x & y"])
        self.assert_leaves_in(update, ["finesse.call_variable.value"], update_bytes,
                              {"finesse.call_variable.value": ["&lt;b&gt;", "x &amp; y"]})

    def test_child_xml_layer_covers_the_update_element(self):
        # An <Update> sent as child XML: the finesse layer covers that
        # element, not the whole XMPP message.
        packet = pdml(CAP, "frame.number == %d" % CHILD_XML)[0]
        element = [f for f in pdml_fields(packet, "xmppws.xml.element") if f.get("show") == "Update"][0]
        [update] = updates(packet)
        self.assertEqual(update.get("size"), element.get("size"))


class Forms(unittest.TestCase):
    def test_which_messages_are_finesse(self):
        self.assertEqual(before_extras(frames(CAP, "xmppws.event.payload")),
                         [CHILD_XML, PUSH_FORM, MALFORMED, DIALOG, FOO, JSON_TEXT, TWO_ITEMS])
        self.assertEqual(before_extras(frames(CAP, "finesse")),
                         [CHILD_XML, PUSH_FORM, PUBLISH, MALFORMED, DIALOG, TWO_ITEMS])

    def test_envelopes(self):
        rows = fields(CAP, ["frame.number", "finesse.event", "finesse.source", "finesse.node", "finesse.feed",
                            "finesse.data", "finesse.request_id"], "finesse && frame.number < %d" % DECL_UPDATE)
        self.assertEqual(rows, [
            ["30", "PUT", USER_NODE, USER_NODE, "1", "user", ""],
            ["32", "PUT", USER_NODE, USER_NODE, "1", "user", ""],
            ["34", "PUT", USER_NODE, USER_NODE, "1", "user", "gen-forms-req-3"],
            ["38", "PUT", "", USER_NODE, "1", "user", ""],
            ["42", "PUT", "/finesse/api/Dialog/16777301", DIALOGS_NODE, "2", "dialog", ""],
            ["50", "PUT|PUT", USER_NODE + "|" + USER_NODE, USER_NODE + "|" + USER_NODE, "1|1", "user|user", "|"],
        ])

    def test_info_column(self):
        rows = fields(CAP, ["frame.number", "_ws.col.Info"],
                      "xmppws && frame.number >= %d && frame.number < %d" % (CHILD_XML, DECL_UPDATE))
        self.assertEqual(rows, [
            ["30", "Finesse User 1001 READY"],
            ["32", "Finesse User 1001 NOT_READY (was READY)"],
            ["34", "Finesse publish: User 1001 READY"],      # a client's publish, not a delivered event
            ["36", "iq result pub_1 (pubsub publish %s)" % USER_NODE],
            ["38", "Finesse User ?"],
            ["42", "Finesse Dialog 16777301 ACTIVE 5551234 \u2192 11001"],
            ["44", NOT_FINESSE_INFO],
            ["46", NOT_FINESSE_INFO],
            ["50", "Finesse User 1001 READY (was NOT_READY), Finesse User 1001 TALKING (was READY)"],
        ])

    def test_user_states_and_history(self):
        rows = fields(CAP, ["frame.number", "finesse.user.state", "finesse.user.previous_state"],
                      "finesse.user.state && frame.number < %d" % DECL_UPDATE)
        # The client's publish (34) is not a notification the desktop
        # received: it is not part of the agent's history.
        expected = [["30", "READY", ""], ["32", "NOT_READY", "READY"], ["34", "READY", ""],
                    ["50", "READY|TALKING", "NOT_READY|READY"]]
        self.assertEqual(rows, expected)
        # The same in the GUI's second pass (each Update of frame 50 keeps its own).
        self.assertEqual(fields(CAP, ["frame.number", "finesse.user.state", "finesse.user.previous_state"],
                                "finesse.user.state && frame.number < %d" % DECL_UPDATE, ["-2"]), expected)

    def test_child_xml(self):
        row = fields(CAP, ["xmppws.event.payload", "xmppws.event.payload_length", "xmppws.xml.namespace"],
                     "frame.number == %d" % CHILD_XML)[0]
        self.assertEqual(row[:2], ["notification", "0"])     # elements, not text
        self.assertIn("http://jabber.org/protocol/pubsub", row[2].split("|"))

    def test_finesse_12_5_form(self):
        row = fields(CAP, ["xmppws.to", "xmppws.id", "xmppws.event.payload", "finesse.event", "finesse.user.state"],
                     "frame.number == %d" % PUSH_FORM)[0]
        self.assertEqual(row[0], "1001@finesse.example.test")                   # bare JID
        self.assertRegex(row[1], r"^[A-Za-z0-9]{8}$")
        self.assertEqual(row[2:], ["notification", "PUT", "NOT_READY"])
        payload = pdml_fields(pdml(CAP, "frame.number == %d" % PUSH_FORM)[0], "xmppws.event.payload")[0]
        self.assertIn("(namespace urn:xmpp:push:0)", payload.get("showname"))

    def test_publish_client_to_server(self):
        row = fields(CAP, ["xmppws.direction", "xmppws.pubsub.action", "xmppws.pubsub.node", "xmppws.pubsub.item_id",
                           "finesse.event", "finesse.node", "finesse.feed", "finesse.user.state"],
                     "frame.number == %d" % PUBLISH)[0]
        self.assertEqual(row[0], "1")                                            # Client to server
        self.assertEqual(row[1:3], ["publish", USER_NODE])
        self.assertRegex(row[3], r"^[0-9a-f-]{36}403$")
        self.assertEqual(row[4:], ["PUT", USER_NODE, "1", "READY"])
        self.assertEqual(frames(CAP, "xmppws.direction == 1 && finesse"), [PUBLISH])
        # The result echoes the item id, without a payload: no finesse.
        row = fields(CAP, ["xmppws.direction", "xmppws.pubsub.action", "xmppws.pubsub.item_id"],
                     "frame.number == %d" % PUBLISH_RESULT)[0]
        self.assertEqual(row[:2], ["2", "publish"])
        self.assertNotIn(PUBLISH_RESULT, frames(CAP, "finesse"))

    def test_malformed_update(self):
        self.assertEqual(before_extras(frames(CAP, "finesse.expert.malformed")), [MALFORMED])
        self.assertEqual(frames(CAP, "finesse.expert.malformed && _ws.expert.severity == error"
                                     " && _ws.expert.group == malformed && frame.number == %d" % MALFORMED),
                         [MALFORMED])
        message = fields(CAP, ["_ws.expert.message"], "frame.number == %d" % MALFORMED)[0][0]
        self.assertIn("Malformed Finesse Update: <user> is not closed", message)
        # The XMPP message around it is well-formed: no xmppws expert.
        self.assertEqual(frames(CAP, "xmppws.expert.malformed"), [])
        row = fields(CAP, ["xmppws.event.payload_length", "finesse.event", "finesse.data", "finesse.user.id"],
                     "frame.number == %d" % MALFORMED)[0]
        self.assertEqual(row, ["38", "PUT", "user", ""])
        # The next message decodes normally.
        self.assertEqual(fields(CAP, ["finesse.dialog.id", "finesse.dialog.state"], "frame.number == %d" % DIALOG),
                         [["16777301", "ACTIVE"]])

    def test_call_variable_escaped_twice(self):
        row = fields(CAP, ["finesse.call_variable.name", "finesse.call_variable.value"],
                     "frame.number == %d" % DIALOG)[0]
        self.assertEqual(row, ["callVariable1|callVariable2", "<b>|x & y"])
        self.assertEqual(frames(CAP, 'finesse.call_variable.value == "<b>"'), [DIALOG])
        wire = dict(data_sources(DIALOG))["Reassembled TCP"]          # server frames are not masked
        self.assertIn(b"&lt;value&gt;&amp;lt;b&amp;gt;&lt;/value&gt;", wire)
        self.assertIn(b"&lt;value&gt;x &amp;amp; y&lt;/value&gt;", wire)
        update = fields(CAP, ["xmppws.xml.text"], "frame.number == %d" % DIALOG)[0][0]
        self.assertIn("<value>&lt;b&gt;</value>", update)

    def test_payloads_that_are_not_an_update(self):
        finesse = frames(CAP, "finesse")
        for frame_number, length in ((FOO, "12"), (JSON_TEXT, "7")):
            self.assertNotIn(frame_number, finesse)
            row = fields(CAP, ["xmppws.event.payload", "xmppws.event.payload_length", "_ws.expert.message",
                               "_ws.col.Info"], "frame.number == %d" % frame_number)[0]
            self.assertEqual(row, ["notification", length, "", NOT_FINESSE_INFO])

    def test_two_items_in_one_message(self):
        row = fields(CAP, ["xmppws.event.item_id", "xmppws.event.payload", "finesse.user.state", "_ws.col.Info"],
                     "frame.number == %d" % TWO_ITEMS)[0]
        self.assertEqual(len(row[0].split("|")), 2)
        self.assertEqual(row[1:], ["notification|notification", "READY|TALKING",
                                   "Finesse User 1001 READY (was NOT_READY), Finesse User 1001 TALKING (was READY)"])

    def test_statistics_see_every_update(self):
        out = run_tshark(["-n", "-q", "-r", capture(CAP), "-z", "finesse,dialogs"])
        self.assertEqual(len(stat_tables(out)["Dialog 16777301"]), 1)
        out = run_tshark(["-n", "-q", "-r", capture(CAP), "-z",
                          "finesse,agents,frame.number < %d" % DECL_UPDATE])
        self.assertEqual([[r[1], r[4], r[5]] for r in stat_tables(out)["Agent 1001"]],
                         [["30", "READY", "-"], ["32", "NOT_READY", "READY"],
                          ["50", "READY", "NOT_READY"], ["50", "TALKING", "READY"]])

    def test_no_errors_anywhere_else(self):
        # Every expert of error severity in the capture belongs to the
        # malformed Update (and, today, to the two extras; see below).
        self.assertEqual(before_extras(frames(CAP, "_ws.expert.severity == error")), [MALFORMED])


class XmlDeclaration(unittest.TestCase):
    """Beyond the brief: finesse.c's looks_like_update() accepts escaped text
    starting with "<?xml", but xm_parse() wraps the text in its own root
    element first, so libxml2 rejects the declaration ("XML declaration
    allowed only at the start of the document")."""

    def test_update_after_an_xml_declaration(self):
        row = fields(CAP, ["finesse.user.state", "_ws.col.Info", "_ws.expert.message"],
                     "frame.number == %d" % DECL_UPDATE)[0]
        self.assertEqual(row, ["NOT_READY", "Finesse User 1001 NOT_READY (was TALKING)", ""])

    def test_other_document_after_an_xml_declaration_is_not_finesse(self):
        self.assertNotIn(DECL_FOO, frames(CAP, "finesse"))


if __name__ == "__main__":
    unittest.main()
