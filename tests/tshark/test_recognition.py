"""What the plugin claims, and what it leaves alone, on the generated
edge-case captures (test-captures/make/generate_edge_cases.py); and how
it registers itself with Wireshark."""

import unittest

from harness import (capture, fields, frames, json_packets, libxml2_reworded, pdml, pdml_fields, project_version,
                     run_tshark, shown_boolean, wireshark_at_least)

# Captures whose every WebSocket data message is XMPP.
ALL_XMPP = [
    "gen-rfc7395-misc.pcap",
    "gen-legacy-framing.pcap",
    "gen-multi-message-segment.pcap",
    "gen-message-over-segments.pcap",
    "gen-fragmented-ws.pcap",
    "gen-large-message.pcap",
    "gen-malformed.pcap",
]

# Real sessions (test-captures/make/prosody-strophe, make/ejabberd-xmppjs).
REAL = [
    "finesse-desktop-ws.pcapng", "finesse-desktop-scram.pcapng", "auth-failure.pcapng",
    "subscribe-item-not-found.pcapng", "resource-conflict.pcapng", "tcp-rst.pcapng",
    "xmppjs-ejabberd-ws.pcapng", "xmppjs-ejabberd-item-not-found.pcapng", "xmppjs-ejabberd-auth-failure.pcapng",
    "finesse-feeds.pcapng",
]

# A complete WebSocket data message ends in a frame with FIN set.
UNCLAIMED_MESSAGES = "websocket.opcode < 8 && websocket.fin == 1 && !xmppws"


class Registration(unittest.TestCase):
    def test_plugin_loads_with_its_version(self):
        out = run_tshark(["-G", "plugins"])
        line = [l for l in out.splitlines() if l.startswith("xmppws.so")]
        self.assertEqual(len(line), 1, out)
        self.assertIn(project_version(), line[0])
        self.assertIn("dissector", line[0])

    def test_heuristic_is_in_ws_list_and_enabled(self):
        out = run_tshark(["-G", "heuristic-decodes"])
        self.assertIn("ws\txmppws\tT", out.replace("xmppws_ws", "xmppws"))

    def test_protocol_names(self):
        out = run_tshark(["-G", "protocols"])
        self.assertIn("XMPP over WebSocket\tXMPP/WS\txmppws", out)

    def test_every_field_has_a_blurb(self):
        rows = [l.split("\t") for l in run_tshark(["-G", "fields"]).splitlines()]
        ours = [r for r in rows if r[0] == "F" and r[2].startswith("xmppws.") and
                not r[2].startswith("xmppws.expert.")]
        self.assertGreaterEqual(len(ours), 15)
        for r in ours:
            self.assertTrue(r[7].strip(), "field %s has no description" % r[2])
        names = {r[2] for r in ours}
        for required in ["xmppws.element", "xmppws.from", "xmppws.to", "xmppws.id", "xmppws.type",
                         "xmppws.direction"]:
            self.assertIn(required, names)


class Claims(unittest.TestCase):
    def test_every_message_of_xmpp_captures_is_claimed(self):
        for cap in ALL_XMPP:
            with self.subTest(capture=cap):
                self.assertGreater(len(frames(cap, "xmppws")), 5)
                self.assertEqual(frames(cap, UNCLAIMED_MESSAGES), [])

    def test_non_xmpp_text_is_never_claimed(self):
        cap = "gen-non-xmpp.pcap"
        self.assertGreaterEqual(len(frames(cap, "websocket.opcode == 1")), 8)
        self.assertEqual(frames(cap, "websocket.opcode == 1 && xmppws"), [])
        # The fallback display is still the WebSocket dissector's own.
        texts = [r[0] for r in fields(cap, ["websocket.payload.text"], "websocket.opcode == 1")]
        self.assertTrue(any(t.startswith('{"type"') for t in texts), texts)
        self.assertTrue(any(t.startswith("REGISTER sip:") for t in texts), texts)
        self.assertTrue(any("soap:Envelope" in t for t in texts), texts)
        self.assertTrue(any(t.startswith("<svg") for t in texts), texts)

    def test_binary_messages(self):
        # Wireshark 4.0 does not tell a "ws" heuristic the opcode: random
        # binary is refused, but a binary message whose bytes are an XMPP
        # stanza (frame 24) cannot be told from text (docs/limitations).
        cap = "gen-non-xmpp.pcap"
        self.assertEqual(frames(cap, "websocket.opcode == 2"), [22, 24, 26, 66])
        self.assertEqual(frames(cap, "websocket.opcode == 2 && xmppws"), [24])

    def test_connection_that_negotiated_another_subprotocol_is_never_claimed(self):
        # Stream 2 negotiated "mqtt": an XMPP stanza as a binary MQTT payload
        # (frame 66) and an RFC 7395 <open/> in a text message (frame 68)
        # stay WebSocket's.
        cap = "gen-non-xmpp.pcap"
        self.assertEqual(fields(cap, ["http.sec_websocket_protocol"], "tcp.stream == 2 && http.response.code == 101"),
                         [["mqtt"]])
        self.assertEqual(frames(cap, "tcp.stream == 2 && (websocket.opcode == 1 || websocket.opcode == 2)"), [66, 68])
        self.assertEqual(frames(cap, "tcp.stream == 2 && xmppws"), [])
        self.assertEqual(fields(cap, ["websocket.payload.text"], "frame.number == 68"),
                         [["<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'/>"]])

    def test_json_in_heuristic_xmpp_connection_is_left_alone(self):
        cap = "gen-malformed-noproto.pcap"
        self.assertEqual(frames(cap, UNCLAIMED_MESSAGES), [40])
        self.assertEqual(fields(cap, ["websocket.payload.text"], "frame.number == 40")[0][0],
                         '{"type":"hello","note":"json inside an xmpp session"}')

    def test_mid_session_needs_decode_as_then_all_is_claimed(self):
        cap = "gen-mid-session.pcap"
        self.assertEqual(frames(cap, "xmppws"), [])
        decode = ["-d", "tcp.port==7071,websocket"]
        self.assertEqual(frames(cap, "xmppws", decode), [1, 3, 5, 7, 9, 11, 13])
        self.assertEqual(frames(cap, UNCLAIMED_MESSAGES, decode), [])


class InfoColumn(unittest.TestCase):
    def assert_info(self, cap, expected):
        got = [(int(r[0]), r[1]) for r in fields(cap, ["frame.number", "_ws.col.Info"], "xmppws")]
        self.assertEqual(got, expected)

    def test_rfc7395_session(self):
        self.assert_info("gen-rfc7395-misc.pcap", [
            (8, "open to=finesse.example.test"),
            (10, "open from=finesse.example.test id=gen-misc-1"),
            (12, "features (mechanisms)"),
            (14, "SASL auth PLAIN 1001"),
            (16, "SASL success"),
            (18, "open to=finesse.example.test"),
            (20, "open from=finesse.example.test id=gen-misc-2"),
            (22, "features (bind, session, sm)"),
            (24, "iq set bind_1 (bind)"),
            (26, "iq result bind_1 (bind)"),
            (28, "SM enable"),
            (30, "SM enabled"),
            (32, "presence"),
            (34, "SM r"),
            (36, "SM a h=0"),
            (38, "SM r"),
            (40, "SM a h=1"),
            (42, "whitespace keepalive"),
            (44, "presence chat"),
            (46, "iq get ping_7777777 (ping)"),
            (48, "iq result ping_7777777"),
            (50, "stream error see-other-host"),
            (52, "close"),
            (54, "close"),
            (70, "open to=finesse.example.test"),
            (72, "close see-other-uri=wss://alt.finesse.example.test:7443/ws/"),
            (74, "close"),
        ])

    def test_legacy_framing(self):
        self.assert_info("gen-legacy-framing.pcap", [
            (8, "stream header to=finesse.example.test"),
            (10, "stream header from=finesse.example.test id=abc"),
            (12, "features (mechanisms)"),
            (14, "SASL auth PLAIN 1001"),
            (16, "SASL success"),
            (18, "stream header to=finesse.example.test"),
            (20, "stream header from=finesse.example.test id=abd"),
            (22, "iq set bind_1 (bind)"),
            (24, "iq result bind_1 (bind)"),
            (26, "presence, iq get p1 (ping)"),
            (28, "iq result p1"),
            (30, "whitespace keepalive"),
            (32, "whitespace keepalive"),
            (34, "Finesse User 1001 READY"),
            (36, "stream error conflict"),
            (38, "stream end (legacy framing)"),
            (40, "stream end (legacy framing)"),
        ])
        rows = fields("gen-legacy-framing.pcap", ["frame.number", "xmppws.framing"], "xmppws")
        self.assertEqual({r[1] for r in rows}, {"2"})

    def test_several_messages_in_one_segment(self):
        cap = "gen-multi-message-segment.pcap"
        rows = {int(r[0]): r[1:] for r in fields(cap, ["frame.number", "_ws.col.Info", "xmppws.element"], "xmppws")}
        self.assertEqual(rows[10], ["open from=finesse.example.test id=gen-multi-1 | features (bind, session, sm)",
                                    "open|features"])
        self.assertEqual(rows[16], ["iq set sess_1 (session) | iq set sub_1 (pubsub subscribe /finesse/api/User/1001)"
                                    " | presence", "iq|iq|presence"])
        self.assertEqual(rows[18][1], "iq|iq|presence|presence|presence")
        self.assertEqual(rows[23][0], "iq result srvping_1 | presence away | iq get ping_1 (ping)")

    def test_one_message_over_several_segments(self):
        cap = "gen-message-over-segments.pcap"
        row = fields(cap, ["_ws.col.Info", "xmppws.xml.element"], "frame.number == 25")[0]
        self.assertEqual(row[0], "Finesse User 1001 NOT_READY")
        self.assertIn("notification", row[1].split("|"))

    def test_fragmented_messages(self):
        cap = "gen-fragmented-ws.pcap"
        self.assertEqual(frames(cap, "websocket.fin == 0"), [18, 26, 32, 36, 40])
        rows = {int(r[0]): r[1] for r in fields(cap, ["frame.number", "_ws.col.Info"], "xmppws")}
        self.assertEqual(rows[28], "Finesse User 1001 TALKING")      # a pubsub event carrying a Finesse Update
        self.assertEqual(rows[38], "presence away")     # client fragments, a UTF-8 character split between them
        self.assertEqual(rows[40], "presence chat")     # both fragments in one TCP segment

    def test_message_over_64k(self):
        cap = "gen-large-message.pcap"
        row = fields(cap, ["websocket.payload_length_ext_64", "_ws.col.Info", "xmppws.element", "_ws.expert"],
                     "frame.number == 173")[0]
        self.assertGreater(int(row[0]), 65535)
        self.assertEqual(row[1], "Finesse Team 10 (400 users)")     # the team from the node (issue 17)
        self.assertEqual(row[2], "message")
        self.assertEqual(row[3], "")


class RealServer(unittest.TestCase):
    """Stanza attributes, direction and Info of specific messages of the real
    prosody + Strophe.js and ejabberd + xmpp.js sessions (checked by hand
    against websocket.payload.text)."""

    COLUMNS = ["frame.number", "xmppws.direction", "xmppws.element", "xmppws.type", "xmppws.id",
               "xmppws.from", "xmppws.to", "_ws.col.Info"]

    def rows(self, cap):
        return {int(r[0]): r[1:] for r in fields(cap, self.COLUMNS, "xmppws")}

    def test_prosody_strophe_desktop(self):
        rows = self.rows("finesse-desktop-ws.pcapng")
        desk, pubsub, domain = "1001@finesse.example.test/desktop", "pubsub.finesse.example.test", \
            "finesse.example.test"
        sub_id = "02937819-2b67-4af0-95ef-b9a7da74def0:subscribenode"
        self.assertEqual(rows[8], ["1", "open", "", "", "", domain, "open to=finesse.example.test"])
        self.assertEqual(rows[9][:6], ["2|2", "open|features", "", "992656ac-d5df-487a-b590-2f94fd8f3791",
                                       domain, ""])
        self.assertEqual(rows[15], ["2", "iq", "result", "_bind_auth_2", "", "", "iq result _bind_auth_2 (bind)"])
        self.assertEqual(rows[22], ["1", "iq", "set", sub_id, desk, pubsub,
                                    "iq set %s (pubsub subscribe /finesse/api/User/1001)" % sub_id])
        self.assertEqual(rows[23], ["2", "iq", "result", sub_id, pubsub, desk,
                                    "iq result %s (pubsub subscription /finesse/api/User/1001)" % sub_id])
        self.assertEqual(rows[31], ["2", "message", "headline", "68btrdM1ccbLeXGKhePzvTHu", pubsub, desk,
                                    "Finesse User 1001 NOT_READY (Break)"])     # the reason label (issue 17)
        self.assertEqual(rows[37][4:6], [pubsub, "1001@finesse.example.test"])   # Dialogs feed: bare JID
        self.assertEqual(rows[40], ["2", "iq", "result", "51ba2330-f8ff-4109-a6e0-536501707794:ping", domain, desk,
                                    "iq result 51ba2330-f8ff-4109-a6e0-536501707794:ping"])
        self.assertEqual(len(rows), 34 - 2)    # 34 messages; frames 9 and 13 hold two each

    def test_ejabberd_xmppjs(self):
        rows = self.rows("xmppjs-ejabberd-ws.pcapng")
        self.assertEqual(rows[8], ["1", "open", "", "", "1001@finesse.example.test", "finesse.example.test",
                                   "open to=finesse.example.test from=1001@finesse.example.test"])
        self.assertEqual(rows[17], ["2", "success", "", "", "", "", "SASL success"])
        self.assertEqual(rows[23], ["1", "iq", "set", "evgtkiqmka", "", "", "iq set evgtkiqmka (bind)"])
        self.assertEqual(rows[43], ["1", "iq", "set", "q2fzgshle1", "", "pubsub.finesse.example.test",
                                    "iq set q2fzgshle1 (pubsub subscribe /finesse/api/User/1001)"])
        self.assertEqual(rows[54], ["2", "message", "", "", "pubsub.finesse.example.test",
                                    "1001@finesse.example.test/desktop", "Finesse User 1001 NOT_READY"])
        self.assertEqual(rows[96], ["2", "close", "", "", "", "", "close"])

    def test_every_message_of_the_real_captures_is_claimed(self):
        for cap in REAL:
            with self.subTest(capture=cap):
                self.assertGreater(len(frames(cap, "websocket.opcode == 1")), 5)
                self.assertEqual(frames(cap, UNCLAIMED_MESSAGES), [])
                self.assertEqual(frames(cap, "xmppws.expert.malformed || xmppws.expert.not_xmpp"), [])


class InfoSeparator(unittest.TestCase):
    """Wireshark's WebSocket dissector writes its own text for a control
    frame that shares the segment: it is kept, behind a separator that a
    postdissector adds. tshark's summary lines show it on every release;
    from 4.4 the _ws.col.info field is taken before
    postdissectors run, so -T fields still shows the two run together."""

    def summary(self, cap, frame):
        out = run_tshark(["-n", "-r", capture(cap), "-Y", "frame.number == %d" % frame])
        return out.strip()

    def test_websocket_close_after_ours(self):
        self.assertTrue(self.summary("finesse-desktop-ws.pcapng", 51).endswith(" close"))
        self.assertTrue(self.summary("finesse-desktop-ws.pcapng", 52).endswith(
            " close | WebSocket Connection Close [FIN]"))
        self.assertTrue(self.summary("finesse-desktop-ws.pcapng", 54).endswith(
            " WebSocket Connection Close [FIN] [MASKED]"))
        self.assertTrue(self.summary("resource-conflict.pcapng", 36).endswith(
            " stream error conflict | close | WebSocket Connection Close [FIN]"))

    def test_info_field(self):
        row = fields("finesse-desktop-ws.pcapng", ["_ws.col.Info"], "frame.number == 52")[0]
        if wireshark_at_least(4, 4):
            self.assertEqual(row[0].rstrip(), "closeWebSocket Connection Close [FIN]")
        else:
            self.assertEqual(row[0].rstrip(), "close | WebSocket Connection Close [FIN]")


class MessageText(unittest.TestCase):
    """xmppws.text: every message's text, so that "contains" filters keep
    working where websocket.payload.text is no longer shown; SASL data
    hidden; and with xmppws disabled the WebSocket dissector's own text."""

    DESKTOP = "finesse-desktop-ws.pcapng"

    def test_every_message_has_its_text(self):
        self.assertEqual(frames(self.DESKTOP, "xmppws && !xmppws.text"), [])
        self.assertEqual(frames(self.DESKTOP, 'xmppws.text contains "NOT_READY"'), [31, 35])
        self.assertEqual(fields(self.DESKTOP, ["xmppws.text"], "frame.number == 51"),
                         [['<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>']])

    def test_sasl_data_is_hidden(self):
        self.assertEqual(fields(self.DESKTOP, ["xmppws.text"], "xmppws.auth.mechanism"),
                         [["<hidden: may hold SASL credentials (Preferences > Protocols > XMPP/WS > "
                           "Show passwords and SASL proofs)>"]])
        shown = fields(self.DESKTOP, ["xmppws.text"], "xmppws.auth.mechanism", ["-o", "xmppws.show_secrets:TRUE"])
        self.assertEqual(shown, [['<auth mechanism="PLAIN" xmlns="urn:ietf:params:xml:ns:xmpp-sasl">'
                                  'ADEwMDEARGVzay1QYTU1dzByZCExMDAx</auth>']])

    def test_disabled_plugin_shows_the_stock_text(self):
        without = fields(self.DESKTOP, ["frame.number", "websocket.payload.text"], "websocket.payload.text",
                         plugin=False)
        self.assertEqual(len(without), 32)
        self.assertEqual(fields(self.DESKTOP, ["frame.number", "websocket.payload.text"], "websocket.payload.text",
                                ["--disable-protocol", "xmppws"]), without)
        self.assertEqual(frames(self.DESKTOP, "websocket.payload.text"), [])


class ProtocolLayers(unittest.TestCase):
    """One xmppws layer per message and at most one finesse layer, each at
    the top of the packet: inner subtrees are subtrees, not protocol items,
    so -T json does not nest a protocol inside itself and the filters
    "xmppws" and "finesse" match the layers only."""

    CAPTURES = ["finesse-desktop-ws.pcapng", "finesse-feeds.pcapng", "finesse-desktop-scram.pcapng",
                "finesse-desktop-bosh.pcapng"]

    def protocol_keys_below(self, node, found):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("xmppws", "finesse"):
                    found.append(key)
                self.protocol_keys_below(value, found)
        elif isinstance(node, list):
            for value in node:
                self.protocol_keys_below(value, found)
        return found

    def test_no_protocol_layer_inside_another(self):
        for cap in self.CAPTURES:
            packets = json_packets(cap, "xmppws")
            self.assertTrue(packets, cap)
            for packet in packets:
                layers = packet["_source"]["layers"]
                messages = layers["xmppws"] if isinstance(layers["xmppws"], list) else [layers["xmppws"]]
                updates = layers.get("finesse", [])
                updates = updates if isinstance(updates, list) else [updates]
                with self.subTest(capture=cap, frame=layers["frame"]["frame.number"]):
                    self.assertLessEqual(len(updates), len(messages))
                    self.assertEqual(self.protocol_keys_below(messages + updates, []), [])


class Direction(unittest.TestCase):
    def test_direction_matches_the_websocket_mask(self):
        # RFC 6455: only client-to-server frames are masked. The plugin
        # works the direction out without looking at the mask.
        for cap in ALL_XMPP + REAL:
            with self.subTest(capture=cap):
                rows = fields(cap, ["websocket.mask", "xmppws.direction"], "xmppws && websocket.opcode < 8")
                self.assertTrue(rows)
                for mask, direction in rows:
                    expected = "1" if set(mask.split("|")) == {shown_boolean(True)} else "2"
                    self.assertEqual(set(direction.split("|")), {expected}, (cap, mask, direction))

    def test_mid_session_direction_from_decode_as(self):
        rows = fields("gen-mid-session.pcap", ["frame.number", "xmppws.direction", "xmppws.direction.source",
                                               "websocket.mask"], "xmppws", ["-d", "tcp.port==7071,websocket"])
        for frame, direction, source, mask in rows:
            self.assertEqual(source, "4")
            self.assertEqual(direction, "1" if mask == shown_boolean(True) else "2", frame)


class Positions(unittest.TestCase):
    def test_fields_cover_their_own_bytes(self):
        # In PDML each field carries the bytes it highlights: the stanza
        # attributes must cover exactly their values.
        for packet in pdml("gen-rfc7395-misc.pcap", "xmppws.id"):
            for name in ["xmppws.id", "xmppws.to", "xmppws.from", "xmppws.type", "xmppws.xml.text"]:
                for f in pdml_fields(packet, name):
                    raw = bytes.fromhex(f.get("value")).decode("utf-8")
                    self.assertEqual(raw, f.get("show"), name)

    def test_element_covers_the_element(self):
        packet = pdml("gen-rfc7395-misc.pcap", "frame.number == 24")[0]
        el = pdml_fields(packet, "xmppws.element")[0]
        raw = bytes.fromhex(el.get("value")).decode("utf-8")
        self.assertTrue(raw.startswith("<iq") and raw.endswith("</iq>"), raw)


class Malformed(unittest.TestCase):
    def test_bad_messages_get_an_expert_and_their_text(self):
        for cap, offset in [("gen-malformed.pcap", 0), ("gen-malformed-noproto.pcap", 4)]:
            with self.subTest(capture=cap):
                rows = {int(r[0]): r[1:] for r in fields(cap, ["frame.number", "_ws.expert.message",
                                                               "xmppws.text", "_ws.col.Info"],
                                                         "xmppws.expert.malformed")}
                f = [18 + offset, 24 + offset, 28 + offset, 32 + offset]
                self.assertEqual(sorted(rows), f)
                self.assertIn("<iq> is not closed: the message ends inside it", rows[f[0]][0])
                self.assertIn("Opening and ending tag mismatch: show line 1 and presence", rows[f[1]][0])
                self.assertIn("Invalid bytes in character encoding" if libxml2_reworded() else
                              "Input is not proper UTF-8", rows[f[2]][0])
                self.assertIn("Char 0x0 out of allowed range", rows[f[3]][0])
                self.assertTrue(rows[f[0]][1].startswith('<iq type="get" id="t1">'), rows[f[0]][1])
                self.assertTrue(rows[f[0]][2].startswith("Malformed XML: iq get t1"), rows[f[0]][2])

    def test_the_rest_of_the_capture_is_unaffected(self):
        cap = "gen-malformed.pcap"
        good = fields(cap, ["frame.number", "_ws.col.Info"], "xmppws && !xmppws.expert.malformed && !xmppws.expert.not_xmpp")
        self.assertEqual(len(good), 15)
        self.assertIn(["42", "Finesse User 1001 READY"], good)

    def test_non_xmpp_on_negotiated_xmpp_connection(self):
        row = fields("gen-malformed.pcap", ["_ws.expert.message", "xmppws.text"], "xmppws.expert.not_xmpp")
        self.assertEqual(len(row), 1)
        self.assertEqual(row[0][1], '{"type":"hello","note":"json inside an xmpp session"}')


if __name__ == "__main__":
    unittest.main()
