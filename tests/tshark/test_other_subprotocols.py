"""No false claim of a WebSocket connection that is not XMPP (issue 17,
point 2): a connection whose upgrade negotiated a subprotocol other than
"xmpp" is never claimed, even when its messages are XML that looks like XMPP.

Captures (real traffic on 127.0.0.1; frame lists in the NOTES.md of each
make folder):
  mqtt-ws.pcapng  make/mqtt-ws: MQTT 3.1.1 over WebSocket, subprotocol
                  "mqtt", mosquitto 2.0.11 and two mqtt.js 5.16.0 clients.
                  mqtt.js writes each part of a PUBLISH as its own binary
                  WebSocket message, so the publisher's payloads (a plain XML
                  document, <presence>, a pubsub event <message> carrying a
                  Finesse Update, <open/>, <close/>) are WebSocket messages
                  holding nothing but the XML; mosquitto forwards each one to
                  the subscriber inside one binary PUBLISH message.
  sip-ws.pcapng   make/sip-ws: SIP over WebSocket (RFC 7118), subprotocol
                  "sip", kamailio 5.6.3 and two JsSIP 3.13.8 agents: REGISTER,
                  OPTIONS, and MESSAGEs whose bodies are PIDF, <presence>,
                  <open/> and a pubsub event <message>, each on two hops.

With the plugin loaded, no frame may match xmppws or finesse, none may carry
an expert of theirs, and every frame must read exactly as it does with the
stock dissectors alone (tshark with an empty plugin folder). The facts that
make these assertions meaningful (the negotiated subprotocols, where the XML
is) are read without the plugin, so the test cannot pass on an empty or
mis-dissected capture.
"""

import collections
import unittest

from harness import fields, frames, run_tshark

MQTT = "mqtt-ws.pcapng"
SIP = "sip-ws.pcapng"
CAPTURES = [MQTT, SIP]

EVENT_NS = "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
PRESENCE = "<presence xmlns='jabber:client' type='unavailable'/>"
OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='finesse.example.test' version='1.0'/>"
CLOSE = "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"

# The publisher's PUBLISH payloads: the frame of the WebSocket message that
# is the payload alone (mqtt.js -> mosquitto), the frame of mosquitto's
# PUBLISH to the subscriber that ends with it, and how the payload begins.
MQTT_PAYLOADS = [
    (69, 70, '<?xml version="1.0" encoding="UTF-8"?>\n<reading sensor="lab-1">'),
    (79, 81, PRESENCE),
    (95, 97, "<message xmlns='jabber:client' from='pubsub.finesse.example.test'"),
    (115, 117, OPEN),
    (124, 126, CLOSE),
]

# What each frame shows, compared with and without the plugin.
COMPARED = ["frame.number", "frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "websocket.opcode",
            "websocket.payload.text", "data.data", "sip.Method", "sip.Status-Code", "sip.Content-Type",
            "xml.tag", "_ws.expert.message"]

SIP_METHODS = {"REGISTER": 4, "OPTIONS": 1, "MESSAGE": 8}


def expert_fields():
    """Every expert the plugin registers (xmppws.expert.*, finesse.expert.*)."""
    rows = [l.split("\t") for l in run_tshark(["-G", "fields"]).splitlines()]
    return sorted(r[2] for r in rows if r[0] == "F" and r[2].startswith(("xmppws.expert.", "finesse.expert.")))


def payload(row_value):
    """A data.data value (hex) as bytes."""
    return bytes.fromhex(row_value.replace(":", ""))


class WithoutThePlugin(unittest.TestCase):
    """What the captures hold, as the stock dissectors show it."""

    def test_no_plugin_run_loads_no_plugin(self):
        self.assertIn("xmppws.so", run_tshark(["-G", "plugins"]))
        self.assertNotIn("xmppws.so", run_tshark(["-G", "plugins"], plugin=False))

    def test_upgrades_negotiated_the_subprotocol(self):
        for cap, proto, expected in [(MQTT, "mqtt", [4, 6, 38, 41]), (SIP, "sip", [4, 6, 14, 16])]:
            with self.subTest(capture=cap):
                rows = fields(cap, ["frame.number", "http.sec_websocket_protocol", "http.response.code"],
                              "http.sec_websocket_protocol", plugin=False)
                self.assertEqual([int(r[0]) for r in rows], expected)
                self.assertEqual({r[1] for r in rows}, {proto})
                self.assertEqual([r[2] for r in rows], ["", "101", "", "101"])
                self.assertEqual(frames(cap, "xmpp", plugin=False), [])  # nor Wireshark's own XMPP

    def test_mqtt_messages_are_binary_and_carry_the_xml_alone(self):
        self.assertEqual(len(frames(MQTT, "websocket.opcode == 2", plugin=False)), 86)
        self.assertEqual(frames(MQTT, "websocket.opcode == 1", plugin=False), [])
        # Two WebSocket messages hold "<presence": the publisher's payload
        # and mosquitto's PUBLISH to the subscriber.
        self.assertEqual(frames(MQTT, 'data.data contains "<presence"', plugin=False), [79, 81])
        rows = {int(r[0]): r[1] for r in fields(MQTT, ["frame.number", "data.data"], "websocket.opcode == 2",
                                                   plugin=False)}
        for alone, forwarded, start in MQTT_PAYLOADS:
            with self.subTest(frame=alone):
                text = payload(rows[alone]).decode("utf-8")
                self.assertTrue(text.startswith(start), text)
                self.assertTrue(payload(rows[forwarded]).endswith(payload(rows[alone])))
                self.assertEqual(payload(rows[forwarded])[0] >> 4, 3)  # MQTT PUBLISH
        event = payload(rows[95]).decode("utf-8")
        self.assertIn(EVENT_NS, event)
        self.assertIn("&lt;Update&gt;", event)
        self.assertTrue(event.endswith("</message>"), event)
        self.assertEqual(payload(rows[124]).decode("utf-8"), CLOSE)

    def test_sip_is_dissected_as_sip_over_websocket(self):
        rows = fields(SIP, ["frame.number", "frame.protocols", "sip.Method", "sip.Status-Code"],
                      "sip", plugin=False)
        self.assertTrue(all(":websocket:sip" in r[1] for r in rows), rows)
        self.assertEqual(collections.Counter(r[2] for r in rows if r[2]), SIP_METHODS)
        self.assertEqual([r[3] for r in rows if r[3]], ["200"] * 13)

    def test_sip_message_bodies_are_xml(self):
        rows = fields(SIP, ["frame.number", "sip.Content-Type"], 'sip.Method == "MESSAGE"', plugin=False)
        self.assertEqual([(int(r[0]), r[1]) for r in rows],
                         [(22, "application/pidf+xml"), (23, "application/pidf+xml")] +
                         [(f, "application/xml") for f in (27, 28, 31, 32, 35, 37)])
        # Each body on both hops: alice -> kamailio and kamailio -> bob (bob
        # -> kamailio -> alice for the event).
        self.assertEqual(frames(SIP, 'presence.xmlns == "urn:ietf:params:xml:ns:pidf"', plugin=False), [22, 23])
        self.assertEqual(frames(SIP, 'presence.xmlns == "jabber:client"', plugin=False), [27, 28])
        self.assertEqual(frames(SIP, 'xml.tag contains "urn:ietf:params:xml:ns:xmpp-framing"', plugin=False),
                         [31, 32])
        self.assertEqual(frames(SIP, 'xml.tag contains "pubsub#event"', plugin=False), [35, 37])


class NotClaimed(unittest.TestCase):
    maxDiff = None

    def test_no_frame_is_xmppws_or_finesse(self):
        for cap in CAPTURES:
            for passes in ([], ["-2"]):
                with self.subTest(capture=cap, passes=passes):
                    self.assertEqual(frames(cap, "xmppws || finesse", passes), [])

    def test_no_expert_of_the_plugin(self):
        experts = expert_fields()
        self.assertGreaterEqual(len(experts), 20, experts)
        for cap in CAPTURES:
            for passes in ([], ["-2"]):
                with self.subTest(capture=cap, passes=passes):
                    self.assertEqual(frames(cap, " || ".join(experts), passes), [])

    def test_every_frame_reads_as_without_the_plugin(self):
        for cap in CAPTURES:
            with self.subTest(capture=cap):
                without = fields(cap, COMPARED, plugin=False)
                self.assertGreater(len(without), 50)
                with_plugin = fields(cap, COMPARED)
                self.assertEqual(len(with_plugin), len(without))
                differ = [(w[0], w[1:4], p[1:4]) for w, p in zip(without, with_plugin) if w != p]
                self.assertEqual(differ, [], "frames that read differently with the plugin "
                                             "(frame, without, with: protocols, protocol column, info)")

    def test_mqtt_payloads_still_shown_as_data(self):
        # The stock display of a binary message is its bytes as data.data.
        rows = {int(r[0]): r[1] for r in fields(MQTT, ["frame.number", "data.data"], "websocket.opcode == 2")}
        self.assertEqual(len(rows), 86)
        for alone, forwarded, start in MQTT_PAYLOADS:
            with self.subTest(frame=alone):
                self.assertEqual(payload(rows[alone]).decode("utf-8")[:len(start)], start)
                self.assertIn(start.encode("utf-8"), payload(rows[forwarded]))

    def test_sip_methods_still_present(self):
        rows = fields(SIP, ["frame.number", "sip.Method", "presence.xmlns"], "sip.Method")
        self.assertEqual(collections.Counter(r[1] for r in rows), SIP_METHODS)
        self.assertEqual([int(r[0]) for r in rows if r[2] == "jabber:client"], [27, 28])


if __name__ == "__main__":
    unittest.main()
