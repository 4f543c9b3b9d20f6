"""SASL, secrets, resource binding, session identity, presence and caps,
iq tracking and pings, asserted on real captures: prosody 0.12 with
Strophe.js (finesse-desktop-*.pcapng and the failure sessions) and
ejabberd 23.01 with @xmpp/client (xmppjs-ejabberd-*.pcapng)."""

import base64
import unittest

from harness import capture, fields, frames, json_packets, run_tshark

DESKTOP = "finesse-desktop-ws.pcapng"
JID_1001 = "1001@finesse.example.test/desktop"
SHOW = ["-o", "xmppws.show_secrets:TRUE"]

# Every capture that carries credentials, with the password in it.
CREDENTIALS = {
    "finesse-desktop-ws.pcapng": "Desk-Pa55w0rd!1001",
    "auth-failure.pcapng": "Wrong-Pa55w0rd!",
    "resource-conflict.pcapng": "Desk-Pa55w0rd!1001",
    "subscribe-item-not-found.pcapng": "Desk-Pa55w0rd!1001",
    "tcp-rst.pcapng": "Desk-Pa55w0rd!1001",
    "gen-rfc7395-misc.pcap": "Gen-Pa55w0rd!",
    "gen-ping-timeout.pcap": "Gen-Pa55w0rd!",
    "finesse-feeds.pcapng": "Desk-Pa55w0rd!1001",
}


class Sasl(unittest.TestCase):
    def test_plain(self):
        row = fields(DESKTOP, ["frame.number", "xmppws.auth.mechanism", "xmppws.auth.username",
                               "xmppws.auth.authzid", "xmppws.auth.password"], "xmppws.auth.mechanism")
        self.assertEqual(row, [["10", "PLAIN", "1001", "", ""]])

    def test_password_only_with_the_preference(self):
        row = fields(DESKTOP, ["xmppws.auth.password"], "xmppws.auth.mechanism", SHOW)
        self.assertEqual(row, [["Desk-Pa55w0rd!1001"]])
        self.assertEqual(frames(DESKTOP, "xmppws.auth.secret_hidden"), [10])
        self.assertEqual(frames(DESKTOP, "xmppws.auth.secret_hidden", SHOW), [])

    def test_scram_sha1_ejabberd(self):
        cap = "xmppjs-ejabberd-ws.pcapng"
        rows = {int(r[0]): r[1:] for r in fields(
            cap, ["frame.number", "xmppws.auth.scram.message", "xmppws.auth.username", "xmppws.auth.scram.nonce",
                  "xmppws.auth.scram.iterations", "xmppws.auth.scram.salt", "xmppws.auth.scram.verifier",
                  "xmppws.auth.scram.proof", "xmppws.auth.scram.cbind_flag"],
            "xmppws.auth.scram.message")}
        self.assertEqual(sorted(rows), [13, 14, 16, 17])
        self.assertEqual(rows[13][:2], ["1", "1001"])
        self.assertEqual(rows[13][7], "n")
        self.assertEqual(rows[14][0], "2")
        self.assertTrue(rows[14][2].startswith(rows[13][2]))    # server nonce extends the client nonce
        self.assertEqual(rows[14][3], "4096")
        self.assertTrue(rows[14][4])
        self.assertEqual(rows[16][0], "3")
        self.assertEqual(rows[16][6], "")                       # proof hidden by default
        self.assertEqual(rows[17][0], "4")
        self.assertTrue(rows[17][5])
        proof = fields(cap, ["xmppws.auth.scram.proof"], "frame.number == 16", SHOW)[0][0]
        self.assertEqual(len(base64.b64decode(proof)), 20)      # SHA-1 sized ClientProof

    def test_scram_strophe_prosody(self):
        cap = "finesse-desktop-scram.pcapng"
        rows = fields(cap, ["frame.number", "xmppws.auth.mechanism", "xmppws.auth.scram.message",
                            "xmppws.auth.username"], "xmppws.auth.scram.message")
        self.assertEqual([r[0] for r in rows], ["10", "11", "12", "13"])
        self.assertEqual(rows[0][1:], ["SCRAM-SHA-1", "1", "1002"])
        self.assertEqual([r[2] for r in rows], ["1", "2", "3", "4"])

    def test_failure_is_an_error(self):
        rows = fields("auth-failure.pcapng", ["frame.number", "xmppws.error.condition", "_ws.expert.message"],
                      "xmppws.element == \"failure\"")
        self.assertEqual(rows[0][:2], ["11", "not-authorized"])
        self.assertIn("authentication failed: not-authorized", rows[0][2])


class Secrets(unittest.TestCase):
    """The preference shows passwords. That no secret appears in any output
    without it, on every capture that has one, is test_secrets.py."""

    def test_password_appears_with_the_preference(self):
        for cap, password in CREDENTIALS.items():
            with self.subTest(capture=cap):
                out = run_tshark(["-n", "-r", capture(cap), "-T", "fields", "-e", "xmppws.auth.password"] + SHOW)
                self.assertIn(password, out.split())


class Session(unittest.TestCase):
    def test_bind(self):
        rows = fields(DESKTOP, ["frame.number", "xmppws.bind.resource", "xmppws.bind.jid"],
                      "xmppws.bind.resource || xmppws.bind.jid")
        self.assertEqual(rows, [["14", "desktop", ""], ["15", "", JID_1001]])

    def test_session_jid_selects_the_whole_desktop_conversation(self):
        everything = frames(DESKTOP, "xmppws")
        selected = frames(DESKTOP, 'xmppws.session.jid == "%s"' % JID_1001)
        self.assertEqual(selected, [f for f in everything if f >= 15])
        self.assertEqual(frames(DESKTOP, 'xmppws.session.user == "1001"'), [f for f in everything if f >= 10])
        # Notifications are included.
        self.assertEqual(frames(DESKTOP, 'xmppws.session.jid == "%s" && xmppws.element == "message"' % JID_1001),
                         [31, 33, 35, 37])

    def test_identity_stays_with_its_connection(self):
        cap = "resource-conflict.pcapng"
        rows = fields(cap, ["frame.number", "tcp.stream", "xmppws.session.bound_in"], "xmppws.session.jid")
        by_stream = {}
        for frame, stream, bound_in in rows:
            by_stream.setdefault(stream, set()).add(bound_in.split("|")[0])
        self.assertEqual(by_stream, {"0": {"15"}, "1": {"39"}})
        self.assertEqual(frames(cap, "xmppws && tcp.stream == 1 && frame.number < 39 && xmppws.session.jid"), [])


class Presence(unittest.TestCase):
    def test_initial_presence_with_caps(self):
        rows = fields(DESKTOP, ["frame.number", "xmppws.presence.type", "xmppws.caps.node", "xmppws.caps.hash",
                               "xmppws.caps.ver"], "xmppws.direction == 1 && xmppws.presence.type")
        self.assertEqual(rows[0], ["19", "available", "https://finesse.example.test/desktop", "sha-1",
                                   "+GJ6riUJXAXuwCpqEjP8rxDD8ww="])
        self.assertEqual(rows[1][:2], ["48", "unavailable"])

    def test_ejabberd_caps_and_unavailable_note(self):
        cap = "xmppjs-ejabberd-ws.pcapng"
        rows = fields(cap, ["frame.number", "xmppws.presence.type", "xmppws.caps.node", "_ws.expert.message"],
                      'xmppws.element == "presence"')
        self.assertEqual([r[:3] for r in rows], [["28", "available", "https://github.com/xmppjs/xmpp.js"],
                                                 ["33", "available", "https://github.com/xmppjs/xmpp.js"],
                                                 ["87", "unavailable", ""]])
        self.assertIn("Presence unavailable", rows[2][3].split("|"))
        self.assertEqual(frames(cap, "xmppws.expert.presence_unavailable"), [87])
        # The desktop subscribed to /finesse/api/ nodes: Finesse explains what this starts.
        self.assertEqual(frames(cap, "finesse.expert.desktop_unavailable"), [87])
        self.assertIn("Finesse desktop of agent 1001 goes unavailable: Finesse logs the agent out about 60 s later "
                      "(reason code 255) unless the desktop reconnects", rows[2][3].split("|"))

    def test_own_unavailable_noted_once_peers_noted(self):
        # The desktop's own unavailable (48) is noted; the server handing
        # it back to the desktop (49, from the desktop's own JID) is not.
        self.assertEqual(frames(DESKTOP, 'xmppws.presence.type == "unavailable"'), [48, 49])
        self.assertEqual(frames(DESKTOP, "xmppws.expert.presence_unavailable"), [48])
        # A peer going offline is.
        rows = fields("gen-multi-message-segment.pcap", ["frame.number", "_ws.expert.message"],
                      "xmppws.expert.presence_unavailable")
        self.assertEqual(rows, [["18", "Presence unavailable from 1004@finesse.example.test/desktop"]])

    def test_show_and_status(self):
        rows = fields("gen-multi-message-segment.pcap", ["frame.number", "xmppws.presence.show"],
                      "xmppws.presence.show")
        self.assertIn(["18", "away|xa"], rows)


class Tracking(unittest.TestCase):
    def test_requests_and_responses_are_linked(self):
        rows = fields(DESKTOP, ["frame.number", "xmppws.response_in", "xmppws.response_to"],
                      'xmppws.element == "iq"', ["-2"])
        pairs = {(int(r[0]), int(r[1])) for r in rows if r[1]}
        back = {(int(r[2]), int(r[0])) for r in rows if r[2]}
        self.assertEqual(pairs, back)
        self.assertEqual(sorted(pairs), [(14, 15), (16, 17), (22, 23), (25, 26), (28, 29), (39, 40), (42, 43),
                                         (45, 46)])

    def test_response_time_and_single_pass(self):
        rows = fields(DESKTOP, ["xmppws.response_to", "xmppws.response_time", "frame.time_epoch"],
                      "frame.number == 40")
        request_time = float(fields(DESKTOP, ["frame.time_epoch"], "frame.number == 39")[0][0])
        self.assertEqual(rows[0][0], "39")
        self.assertAlmostEqual(float(rows[0][1]), (float(rows[0][2]) - request_time) * 1000, places=3)
        # One pass knows the request of a response, not yet the response of a request.
        self.assertEqual(fields(DESKTOP, ["xmppws.response_in"], "frame.number == 39"), [[""]])

    def test_ping(self):
        self.assertEqual(frames(DESKTOP, "xmppws.ping", ["-2"]), [39, 40])
        self.assertEqual(frames("xmppjs-ejabberd-ws.pcapng", "xmppws.ping", ["-2"]), [65, 67])

    def test_unanswered_request(self):
        # The client's bind in the second connection is answered only after
        # the conflict; in tcp-rst nothing is left open. gen-mid-session has
        # responses whose requests are not in the capture: no link, no expert.
        self.assertEqual(frames("tcp-rst.pcapng", "xmppws.expert.no_response", ["-2"]), [])
        decode = ["-2", "-d", "tcp.port==7071,websocket"]
        self.assertEqual(frames("gen-mid-session.pcap", "xmppws.response_to", decode), [3])
        unanswered = frames("gen-malformed.pcap", "xmppws.expert.no_response || xmppws.expert.ping_unanswered",
                            ["-2"])
        self.assertEqual(unanswered, [18])



class Lifecycle(unittest.TestCase):
    """A connection that ends (TCP FIN or RST) without <close/>."""

    ENDED = "xmppws.expert.ended_without_close"

    def test_reset_without_close(self):
        rows = fields("tcp-rst.pcapng", ["frame.number", "_ws.expert.message"], self.ENDED, ["-2"])
        self.assertEqual([r[0] for r in rows], ["23"])                    # the last XMPP message before the RST
        self.assertIn("The TCP connection ended after this message without <close/>, user 1001", rows[0][1])
        # What it means for a Finesse desktop is the finesse protocol's to say.
        rows = fields("tcp-rst.pcapng", ["frame.number", "_ws.expert.message"], "finesse.expert.desktop_lost", ["-2"])
        self.assertEqual([r[0] for r in rows], ["23"])
        self.assertIn("Finesse desktop of agent 1001 (agent state not in capture) lost its connection without "
                      "<close/>: Finesse logs the agent out about 60 s later (reason code 255)", rows[0][1])

    def test_fin_after_unanswered_pings(self):
        self.assertEqual(frames("gen-ping-timeout.pcap", self.ENDED, ["-2"]), [36])

    def test_closed_sessions_are_not_flagged(self):
        for cap in ["finesse-desktop-ws.pcapng", "finesse-feeds.pcapng", "resource-conflict.pcapng",
                    "xmppjs-ejabberd-ws.pcapng", "gen-legacy-framing.pcap"]:
            with self.subTest(capture=cap):
                self.assertEqual(frames(cap, self.ENDED, ["-2"]), [])

    def test_needs_the_second_pass(self):
        self.assertEqual(frames("tcp-rst.pcapng", self.ENDED), [])


if __name__ == "__main__":
    unittest.main()
