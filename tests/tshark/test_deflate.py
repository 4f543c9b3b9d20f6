"""permessage-deflate (RFC 7692), asserted on real captures made through a
node "ws" proxy in front of prosody (test-captures/make/deflate-proxy/):

- deflate-desktop-ws.pcapng: every message compressed; Wireshark
  decompresses each one and xmppws dissects it.
- deflate-fragmented.pcapng: a 135 KB Team update sent compressed AND
  fragmented (9 frames) with context takeover. Wireshark 4.0 hands it over
  still compressed (xmppws.expert.deflate_fragmented) and cannot decompress
  the later server messages at all ("Decompression failed"); from 4.2 on
  it is decompressed and dissected like any other.
- deflate-fragmented-nct.pcapng: the same with no context takeover either
  way; in 4.0 the later messages are decompressed and dissected.
- deflate-server-nct.pcapng: server_no_context_takeover only; 4.0 inflates
  each direction with the other's settings, so only the first client
  message is decompressed (and dissected); every server message is. 4.4
  decompresses them all.

Where Wireshark releases behave differently, each class asserts each
release's behaviour (wireshark_at_least).
"""

import base64
import unittest
import zlib

from harness import capture, fields, frames, run_tshark, shown_boolean, wireshark_at_least

DESKTOP = "deflate-desktop-ws.pcapng"
FRAG = "deflate-fragmented.pcapng"
NCT = "deflate-fragmented-nct.pcapng"
SERVER_NCT = "deflate-server-nct.pcapng"
JID = "1001@finesse.example.test/desktop"
NOISE = "xmppws.expert.not_xmpp || xmppws.expert.malformed"
REMEDY = ("Compressed and fragmented WebSocket message: Wireshark 4.0 cannot decompress it; "
          "open the capture in Wireshark \u2265 4.2")
TAKEOVER = "later messages in this direction share its compression context (context takeover)"
TEAM_UPDATE = 'Finesse Team 1 "Team \u00dcn\u00efcode" (250 users)'
# Wireshark 4.2 and later decompress messages that are compressed and fragmented.
INFLATES_FRAGMENTED = wireshark_at_least(4, 2)
T = shown_boolean(True)
F = shown_boolean(False)


def by_frame(capture_name, field_names, display_filter):
    return {int(r[0]): r[1:] for r in fields(capture_name, ["frame.number"] + field_names, display_filter)}


class EveryMessageCompressed(unittest.TestCase):
    def test_deflate_negotiated(self):
        self.assertEqual(fields(DESKTOP, ["http.sec_websocket_extensions"], "http.response.code == 101"),
                         [["permessage-deflate"]])

    def test_every_data_message_is_compressed_and_dissected(self):
        text = frames(DESKTOP, "websocket.opcode == 1")
        self.assertEqual(len(text), 30)
        self.assertEqual(frames(DESKTOP, "websocket.opcode == 1 && websocket.pmc == 1"), text)
        self.assertEqual(frames(DESKTOP, "xmppws.element"), text)
        self.assertEqual(frames(DESKTOP, NOISE), [])
        self.assertEqual(frames(DESKTOP, "xmppws.deflate.compressed"), [])

    def test_login_on_compressed_messages(self):
        self.assertEqual(by_frame(DESKTOP, ["xmppws.auth.mechanism", "xmppws.auth.username"],
                                  "xmppws.auth.mechanism"), {14: ["PLAIN", "1001"]})
        self.assertEqual(by_frame(DESKTOP, ["websocket.pmc", "xmppws.bind.resource", "xmppws.bind.jid"],
                                  "xmppws.bind.resource || xmppws.bind.jid"),
                         {21: [T, "desktop", ""], 22: [T, "", JID]})
        self.assertEqual(frames(DESKTOP, 'xmppws.session.jid == "%s"' % JID)[0], 22)

    def test_pubsub_on_compressed_messages(self):
        rows = by_frame(DESKTOP, ["xmppws.pubsub.action", "xmppws.pubsub.node"], "xmppws.pubsub.node")
        self.assertEqual(rows, {
            29: ["subscribe", "/finesse/api/User/1001"], 30: ["subscription", "/finesse/api/User/1001"],
            32: ["subscribe", "/finesse/api/Team/1/Users"], 33: ["subscription", "/finesse/api/Team/1/Users"],
            46: ["unsubscribe", "/finesse/api/User/1001"], 47: ["subscription", "/finesse/api/User/1001"],
        })

    def test_finesse_updates_on_compressed_messages(self):
        self.assertEqual(by_frame(DESKTOP, ["websocket.pmc", "finesse.user.id", "finesse.user.state"],
                                  "finesse.user.state && !finesse.team.id"),
                         {35: [T, "1001", "NOT_READY"], 37: [T, "1001", "READY"]})
        self.assertEqual(by_frame(DESKTOP, ["finesse.team.name", "finesse.user.state"], "finesse.team.id"),
                         {39: ["Team One", "READY|NOT_READY"]})
        self.assertEqual(by_frame(DESKTOP, ["finesse.dialog.id", "finesse.dialog.state"], "finesse.dialog.id"),
                         {41: ["16804377", "ALERTING"]})

    def test_ping_and_close(self):
        self.assertEqual(by_frame(DESKTOP, ["xmppws.response_to"], "xmppws.ping && xmppws.type == \"result\""),
                         {44: ["43"]})
        self.assertEqual(frames(DESKTOP, 'xmppws.element == "close"'), [50, 54])

    def test_password_hidden_in_decompressed_messages(self):
        password = "Desk-Pa55w0rd!1001"
        plain_b64 = base64.b64encode(("\0001001\0%s" % password).encode()).decode()
        for cap in (DESKTOP, FRAG, NCT):
            for fmt in (["-V"], ["-T", "json"]):
                with self.subTest(capture=cap, output=fmt[-1]):
                    out = run_tshark(["-n", "-r", capture(cap)] + fmt)
                    self.assertNotIn(password, out)
                    self.assertNotIn(plain_b64, out)
        self.assertEqual(fields(DESKTOP, ["xmppws.auth.password"], "xmppws.auth.mechanism",
                                ["-o", "xmppws.show_secrets:TRUE"]), [[password]])

    def test_decompression_turned_off(self):
        off = ["-o", "websocket.decompress:FALSE"]
        text = frames(DESKTOP, "websocket.opcode == 1")
        self.assertEqual(frames(DESKTOP, "xmppws.expert.deflate_off", off), text)
        self.assertEqual(frames(DESKTOP, "xmppws.element || xmppws.expert.deflate_fragmented || " + NOISE, off), [])


class CompressedAndFragmented(unittest.TestCase):
    def test_fragments_as_captured(self):
        rows = by_frame(FRAG, ["websocket.fin", "websocket.pmc", "websocket.opcode"], "frame.number in {37..53}"
                        " && websocket")
        self.assertEqual(rows[37], [F, T, "1"])           # first frame: RSV1, text, not FIN
        self.assertEqual([rows[f] for f in range(39, 53, 2)], [[F, F, "0"]] * 7)
        self.assertEqual(rows[53], [T, F, "0"])           # last continuation
        self.assertEqual(fields(FRAG, ["websocket.fragment.count", "websocket.reassembled.length"],
                                "frame.number == 53"), [["9", "7799"]])

    @unittest.skipIf(INFLATES_FRAGMENTED, "Wireshark 4.0 only")
    def test_expert_on_the_still_compressed_message(self):
        rows = by_frame(FRAG, ["xmppws.direction", "xmppws.deflate.extensions", "xmppws.session.jid",
                               "_ws.expert.message"], "xmppws.expert.deflate_fragmented")
        self.assertEqual(list(rows), [53])
        direction, extensions, jid, message = rows[53]
        self.assertEqual((direction, extensions, jid), ("2", "permessage-deflate", JID))
        self.assertTrue(message.startswith(REMEDY), message)
        self.assertIn(TAKEOVER, message)
        self.assertEqual(fields(FRAG, ["_ws.col.Info"], "frame.number == 53"),
                         [["compressed and fragmented message (not decompressed by Wireshark 4.0)"]])

    @unittest.skipIf(INFLATES_FRAGMENTED, "Wireshark 4.0 only")
    def test_compressed_bytes_are_never_parsed(self):
        self.assertEqual(frames(FRAG, NOISE), [])
        self.assertEqual(frames(FRAG, "frame.number == 53 && (xmppws.element || finesse)"), [])
        size = fields(FRAG, ["xmppws.deflate.compressed"], "frame.number == 53")[0][0]
        self.assertEqual(len(size) // 2, 7799)

    @unittest.skipIf(INFLATES_FRAGMENTED, "Wireshark 4.0 only")
    def test_stanzas_before_and_after(self):
        self.assertEqual(by_frame(FRAG, ["finesse.user.state"], "finesse.user.state"), {35: ["NOT_READY"]})
        # With context takeover Wireshark 4.0 cannot decompress the later server
        # messages; the client's keep being decompressed and dissected.
        self.assertEqual(frames(FRAG, '_ws.expert.message == "Decompression failed"'), [55, 58, 61, 64, 67])
        self.assertEqual(by_frame(FRAG, ["xmppws.element", "xmppws.pubsub.node"], "xmppws && frame.number > 53"), {
            57: ["iq", ""], 60: ["iq", "/finesse/api/Team/1/Users"], 63: ["presence", ""], 66: ["close", ""]})
        self.assertEqual(frames(FRAG, 'xmppws.ping && xmppws.type == "get"'), [57])

    @unittest.skipUnless(INFLATES_FRAGMENTED, "Wireshark 4.2 and later")
    def test_decompressed_and_dissected(self):
        self.assertEqual(frames(FRAG, "xmppws.deflate.compressed || xmppws.expert.deflate_fragmented || " + NOISE),
                         [])
        self.assertEqual(fields(FRAG, ["_ws.col.Info"], "frame.number == 53"), [[TEAM_UPDATE]])
        self.assertEqual(len(fields(FRAG, ["finesse.user.id"], "frame.number == 53")[0][0].split("|")), 250)
        # The later server messages decompress too: context takeover is kept.
        self.assertEqual(frames(FRAG, '_ws.expert.message == "Decompression failed"'), [])
        self.assertEqual(by_frame(FRAG, ["xmppws.element", "finesse.user.state"], "xmppws && frame.number > 53"), {
            55: ["message", "READY"], 57: ["iq", ""], 58: ["iq", ""], 60: ["iq", ""], 61: ["iq", ""],
            63: ["presence", ""], 64: ["presence", ""], 66: ["close", ""], 67: ["close", ""]})


class CompressedAndFragmentedNoContextTakeover(unittest.TestCase):
    @unittest.skipIf(INFLATES_FRAGMENTED, "Wireshark 4.0 only")
    def test_expert_without_the_takeover_note(self):
        rows = by_frame(NCT, ["xmppws.deflate.extensions", "_ws.expert.message"], "xmppws.expert.deflate_fragmented")
        self.assertEqual(list(rows), [53])
        self.assertEqual(rows[53][0], "permessage-deflate; server_no_context_takeover; client_no_context_takeover")
        self.assertEqual(rows[53][1], REMEDY)
        self.assertEqual(frames(NCT, NOISE), [])

    @unittest.skipIf(INFLATES_FRAGMENTED, "Wireshark 4.0 only")
    def test_handed_over_bytes_are_the_whole_deflated_message(self):
        data = bytes.fromhex(fields(NCT, ["xmppws.deflate.compressed"], "frame.number == 53")[0][0])
        self.assertEqual(len(data), 8203)
        message = zlib.decompressobj(-15).decompress(data + b"\x00\x00\xff\xff").decode("utf-8")
        self.assertEqual(len(message.encode("utf-8")), 135222)
        self.assertTrue(message.startswith("<message "))
        self.assertIn("<items node='/finesse/api/Team/1/Users'>", message)
        self.assertTrue(message.endswith("</event></message>"))

    @unittest.skipUnless(INFLATES_FRAGMENTED, "Wireshark 4.2 and later")
    def test_the_message_is_decompressed_and_dissected(self):
        self.assertEqual(frames(NCT, "xmppws.deflate.compressed || " + NOISE), [])
        self.assertEqual(fields(NCT, ["_ws.col.Info"], "frame.number == 53"), [[TEAM_UPDATE]])

    def test_stanzas_after_it_are_dissected(self):
        after = frames(NCT, "websocket.pmc == 1 && frame.number > 53 && websocket.opcode == 1")
        self.assertEqual(len(after), 9)
        self.assertEqual(frames(NCT, "xmppws.element && frame.number > 53"), after)
        rows = by_frame(NCT, ["finesse.user.state", "finesse.user.previous_state"],
                        "finesse.user.state && !finesse.team.id")
        self.assertEqual(rows, {35: ["NOT_READY", ""], 55: ["READY", "NOT_READY"]})
        self.assertEqual(by_frame(NCT, ["xmppws.response_to"], 'xmppws.ping && xmppws.type == "result"'),
                         {58: ["57"]})
        self.assertEqual(by_frame(NCT, ["xmppws.pubsub.action", "xmppws.pubsub.node"], "frame.number > 53 && "
                                  "xmppws.pubsub.node"),
                         {60: ["unsubscribe", "/finesse/api/Team/1/Users"],
                          61: ["subscription", "/finesse/api/Team/1/Users"]})
        self.assertEqual(frames(NCT, 'xmppws.element == "close"'), [64, 68])


class ServerNoContextTakeoverOnly(unittest.TestCase):
    def test_client_messages(self):
        self.assertEqual(fields(SERVER_NCT, ["http.sec_websocket_extensions"], "http.response.code == 101"),
                         [["permessage-deflate; server_no_context_takeover"]])
        client = frames(SERVER_NCT, "websocket.opcode == 1 && tcp.dstport == 7272")
        self.assertEqual(len(client), 12)
        if wireshark_at_least(4, 4):        # each direction inflated with its own settings
            self.assertEqual(frames(SERVER_NCT, '_ws.expert.message == "Decompression failed"'), [])
            self.assertEqual(frames(SERVER_NCT, "xmppws.element && tcp.dstport == 7272"), client)
        else:                               # 4.0: only the first client message is decompressed
            self.assertEqual(frames(SERVER_NCT, '_ws.expert.message == "Decompression failed"'), client[1:])
            self.assertEqual(frames(SERVER_NCT, "xmppws && tcp.dstport == 7272"), client[:1])

    def test_going_offline_is_noted_once(self):
        """The desktop's presence unavailable gets the note; the server's echo of
        it (from the desktop's own JID) does not, unless the desktop's message
        could not be read: 4.0 cannot inflate it, so there the echo carries it."""
        noted = frames(SERVER_NCT, "xmppws.expert.presence_unavailable", ["-2"])
        sent = frames(SERVER_NCT, 'xmppws.presence.type == "unavailable" && tcp.dstport == 7272')
        echo = frames(SERVER_NCT, 'xmppws.presence.type == "unavailable" && tcp.srcport == 7272')
        self.assertEqual(echo, [49])
        if wireshark_at_least(4, 4):
            self.assertEqual(len(sent), 1)
            self.assertEqual(noted, sent)
        else:
            self.assertEqual(sent, [])
            self.assertEqual(noted, echo)

    def test_every_server_message_is_dissected(self):
        server = frames(SERVER_NCT, "websocket.opcode == 1 && tcp.srcport == 7272")
        self.assertEqual(len(server), 18)
        self.assertEqual(frames(SERVER_NCT, "xmppws.element && tcp.srcport == 7272"), server)
        self.assertEqual(frames(SERVER_NCT, NOISE + " || xmppws.deflate.compressed"), [])
        self.assertEqual(by_frame(SERVER_NCT, ["xmppws.bind.jid"], "xmppws.bind.jid"), {21: [JID]})
        self.assertEqual(by_frame(SERVER_NCT, ["finesse.user.state"], "finesse.user.state && !finesse.team.id"),
                         {34: ["NOT_READY"], 36: ["READY"]})


if __name__ == "__main__":
    unittest.main()
