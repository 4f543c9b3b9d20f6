"""Transports: XMPP over wss:// decrypted with a TLS key log, and a capture
that starts in the middle of a session.

Captures (made by test-captures/make/wss-tls/make-captures.sh, real
traffic: prosody 0.12 with mod_websocket over TLS on 127.0.0.1:8445):
  wss-chromium.pcapng + .keys   Debian's headless Chromium running Strophe.js
                                in a page, key log from --ssl-key-log-file
  wss-node.pcapng + .keys       Strophe.js under node, key log from
                                node --tls-keylog
  mid-session-ws.pcapng         ws:// on 7075, dumpcap started after login,
                                bind and subscribe
Frame numbers are in make/wss-tls/NOTES.md.
"""

import unittest

from harness import capture, fields, frames, run_tshark

JID = "1001@finesse.example.test/desktop"
PASSWORD = "Desk-Pa55w0rd!1001"
USER_NODE = "/finesse/api/User/1001"
TEAM_NODE = "/finesse/api/Team/1/Users"
DIALOGS_NODE = "/finesse/api/User/1001/Dialogs"
MID = "mid-session-ws.pcapng"
MID_PORT = "7075"
C2S, S2C = "1", "2"   # xmppws.direction

# What a desktop session reads as, message by message, in both wss captures.
SESSION_FIELDS = ["xmppws.direction", "xmppws.element", "xmppws.pubsub.action", "xmppws.pubsub.node",
                  "xmppws.event.node", "finesse.event", "finesse.user.state", "xmppws.ping"]


def keylog(name):
    return ["-o", "tls.keylog_file:" + capture(name.replace(".pcapng", ".keys"))]


def column(rows, i=0):
    """One field's values over all packets, repeated occurrences flattened."""
    return [v for r in rows for v in r[i].split("|") if v]


class WssSession:
    """The same Finesse desktop session over wss://, read from one capture."""
    CAPTURE = None
    AUTH_FRAME = BIND_FRAME = BIND_RESULT_FRAME = TEAM_FRAME = PING_FRAME = PONG_FRAME = None
    HINT_FRAMES = None      # the first TLS frame of each connection

    def fields(self, names, display_filter=None, extra=()):
        return fields(self.CAPTURE, names, display_filter, keylog(self.CAPTURE) + list(extra))

    def frames(self, display_filter):
        return frames(self.CAPTURE, display_filter, keylog(self.CAPTURE))

    def test_upgrade_negotiates_xmpp_and_no_compression(self):
        rows = self.fields(["http.sec_websocket_protocol", "http.sec_websocket_extensions"],
                           "http.response.code == 101")
        self.assertEqual(rows, [["xmpp", ""]])

    def test_sasl_plain(self):
        rows = self.fields(["frame.number", "xmppws.auth.mechanism", "xmppws.auth.username"],
                           "xmppws.auth.mechanism")
        self.assertEqual(rows, [[str(self.AUTH_FRAME), "PLAIN", "1001"]])

    def test_password_not_shown(self):
        text = run_tshark(["-n", "-r", capture(self.CAPTURE), "-V"] + keylog(self.CAPTURE))
        self.assertIn("SASL auth PLAIN", text)
        self.assertNotIn(PASSWORD, text)

    def test_bind_and_session_identity(self):
        rows = self.fields(["frame.number", "xmppws.bind.resource", "xmppws.bind.jid"],
                           "xmppws.bind.resource || xmppws.bind.jid")
        self.assertEqual(rows, [[str(self.BIND_FRAME), "desktop", ""],
                                [str(self.BIND_RESULT_FRAME), "", JID]])
        jids = self.fields(["xmppws.session.jid"], "xmppws")
        self.assertEqual(set(column(jids)), {JID})
        # Every message from the bind result on carries it, none before.
        self.assertEqual(min(self.frames("xmppws.session.jid")), self.BIND_RESULT_FRAME)
        self.assertEqual(self.frames("xmppws.session.not_in_capture"), [])

    def test_pubsub_subscriptions(self):
        rows = self.fields(["xmppws.pubsub.action", "xmppws.pubsub.node"], "xmppws.pubsub.node")
        self.assertEqual(rows, [["subscribe", USER_NODE], ["subscription", USER_NODE],
                                ["subscribe", TEAM_NODE], ["subscription", TEAM_NODE]])

    def test_finesse_events(self):
        rows = self.fields(["xmppws.direction", "xmppws.event.node", "finesse.event", "_ws.col.Info"],
                           "xmppws.event.node")
        self.assertEqual([r[:3] for r in rows], [
            [S2C, USER_NODE, "PUT"], [S2C, USER_NODE, "PUT"], [S2C, TEAM_NODE, "PUT"], [S2C, DIALOGS_NODE, "POST"]])
        self.assertEqual(rows[0][3], "Finesse User 1001 NOT_READY (Break)")     # the reason label (issue 17)
        self.assertEqual(rows[1][3], "Finesse User 1001 READY (was NOT_READY)")
        self.assertEqual(rows[3][3], "Finesse Dialogs POST Dialog 16777217 ALERTING 5551234 \u2192 5001")

    def test_user_states(self):
        rows = self.fields(["finesse.user.state", "finesse.user.previous_state"], "finesse.feed == 1")
        self.assertEqual(rows, [["NOT_READY", ""], ["READY", "NOT_READY"]])

    def test_team_update_over_64k(self):
        rows = self.fields(["frame.number", "finesse.team.id", "finesse.team.name", "finesse.user.id",
                            "websocket.payload_length_ext_64", "_ws.col.Info"], "finesse.team.id")
        self.assertEqual(len(rows), 1)
        frame, team_id, name, users, length, info = rows[0]
        self.assertEqual([frame, team_id, name], [str(self.TEAM_FRAME), "1", "Team \u00dcn\u00efcode"])
        self.assertEqual(users.split("|"), [str(1001 + i) for i in range(250)])
        self.assertGreater(int(length), 65536)
        self.assertEqual(info, 'Finesse Team 1 "Team \u00dcn\u00efcode" (250 users)')

    def test_ping_answered(self):
        rows = self.fields(["frame.number", "xmppws.direction", "xmppws.response_to"], "xmppws.ping")
        self.assertEqual(rows, [[str(self.PING_FRAME), C2S, ""],
                                [str(self.PONG_FRAME), S2C, str(self.PING_FRAME)]])

    def test_closed_by_both_sides(self):
        rows = self.fields(["xmppws.direction", "xmppws.element"], 'xmppws.element == "close"')
        self.assertEqual(rows, [[C2S, "close"], [S2C + "|" + S2C, "presence|close"]])

    def test_without_the_key_log_nothing_is_xmppws(self):
        self.assertEqual(frames(self.CAPTURE, "xmppws || websocket || finesse || http"), [])
        self.assertGreater(len(frames(self.CAPTURE, "tls.app_data")), 20)

    def test_without_the_key_log_a_hint_on_each_connection(self):
        hint = "xmppws.expert.tls_not_decrypted"
        first_tls = {}
        for frame, stream in fields(self.CAPTURE, ["frame.number", "tcp.stream"], "tls"):
            first_tls.setdefault(stream, int(frame))
        rows = fields(self.CAPTURE, ["frame.number", "_ws.expert.message"], hint, ["-2"])
        self.assertEqual([int(r[0]) for r in rows], sorted(first_tls.values()))
        self.assertEqual([int(r[0]) for r in rows], self.HINT_FRAMES)
        self.assertIn("TLS on XMPP port 8445, nothing decrypted: give Wireshark the browser's TLS key log "
                      "(tls.keylog_file); a connection whose handshake is not in the capture cannot be decrypted",
                      rows[0][1].split("|"))
        self.assertEqual(frames(self.CAPTURE, hint, ["-2"] + keylog(self.CAPTURE)), [])
        self.assertEqual(frames(self.CAPTURE, hint), [])        # needs the whole capture
        self.assertEqual(frames(self.CAPTURE, hint, ["-2", "-o", "xmppws.tls_ports:443"]), [])
        # TLS is not "no TLS": the other note stays off
        self.assertEqual(frames(self.CAPTURE, "xmppws.expert.mid_connection", ["-2"]), [])


class WssChromium(WssSession, unittest.TestCase):
    CAPTURE = "wss-chromium.pcapng"
    AUTH_FRAME, BIND_FRAME, BIND_RESULT_FRAME, TEAM_FRAME, PING_FRAME, PONG_FRAME = 70, 74, 75, 114, 118, 120
    HINT_FRAMES = [4, 11, 57]

    def test_browser_offered_deflate(self):
        rows = self.fields(["http.sec_websocket_extensions", "http.user_agent"], "http.request.uri == \"/ws/\"")
        self.assertEqual(rows[0][0], "permessage-deflate; client_max_window_bits")
        self.assertIn("HeadlessChrome/", rows[0][1])

    def test_page_loaded_over_the_same_port(self):
        rows = self.fields(["http.request.uri"], "http.request")
        self.assertEqual(column(rows), ["/desk/desktop.html", "/desk/desktop-page.js", "/desk/strophe.umd.min.js",
                                        "/ws/"])


class WssNode(WssSession, unittest.TestCase):
    CAPTURE = "wss-node.pcapng"
    AUTH_FRAME, BIND_FRAME, BIND_RESULT_FRAME, TEAM_FRAME, PING_FRAME, PONG_FRAME = 15, 19, 20, 53, 57, 58
    HINT_FRAMES = [4]


class ChromiumAndNodeReadTheSame(unittest.TestCase):
    def session(self, name):
        rows = fields(name, SESSION_FIELDS, "xmppws", keylog(name))
        return [column(rows, i) for i in range(len(SESSION_FIELDS))]

    def test_same_stanza_sequence(self):
        chromium, node = self.session("wss-chromium.pcapng"), self.session("wss-node.pcapng")
        self.assertEqual(len(chromium[1]), 28)                   # XMPP messages
        for name, a, b in zip(SESSION_FIELDS, chromium, node):
            with self.subTest(field=name):
                self.assertEqual(a, b)


class MidSession(unittest.TestCase):
    """mid-session-ws.pcapng: no SYN, no upgrade, no <open/>, auth or bind."""
    ROW = ["frame.number", "xmppws.direction", "xmppws.direction.source", "xmppws.element",
           "xmppws.event.node", "finesse.user.state", "xmppws.response_to"]
    DECODE_AS = ["-d", "tcp.port==%s,websocket" % MID_PORT]
    PREF = ["-o", "xmppws.ws_ports:" + MID_PORT]

    def test_nothing_without_decode_as(self):
        self.assertEqual(frames(MID, "xmppws || websocket"), [])
        self.assertEqual(frames(MID, "tcp.flags.syn == 1 || http"), [])

    def test_every_stanza_with_decode_as(self):
        rows = fields(MID, self.ROW[:5], "xmppws", self.DECODE_AS)
        self.assertEqual(rows, [
            ["1", S2C, "4", "message", USER_NODE],
            ["3", S2C, "4", "message", USER_NODE],
            ["25", S2C, "4", "message", TEAM_NODE],
            ["27", S2C, "4", "message", DIALOGS_NODE],
            ["29", C2S, "4", "iq", ""],
            ["30", S2C, "4", "iq", ""],
            ["32", C2S, "4", "presence", ""],
            ["33", C2S, "4", "close", ""],
            ["35", "2|2", "4|4", "presence|close", ""],
        ])

    def test_preference_gives_the_same_as_decode_as(self):
        with_pref = fields(MID, self.ROW, "xmppws || finesse", self.PREF)
        self.assertEqual(with_pref, fields(MID, self.ROW, "xmppws || finesse", self.DECODE_AS))
        self.assertEqual(len(with_pref), 9)

    def test_hint_when_an_xmpp_port_shows_no_upgrade(self):
        """With the port among xmppws.tls_ports (the ports XMPP is expected
        on), the connection's first frame of data gets a note saying what to
        do (here another dissector, Nano, claims port 7075: that is no
        reading of XMPP); not once the port is read as WebSocket, nor off
        those ports."""
        hint = "xmppws.expert.mid_connection"
        ports = ["-o", "xmppws.tls_ports:" + MID_PORT]
        rows = fields(MID, ["frame.number", "_ws.expert.message"], hint, ["-2"] + ports)
        self.assertEqual(rows, [["1", "TCP data on XMPP port %s and no TLS, HTTP or WebSocket: the capture starts "
                                      "mid-connection. Plain WebSocket: set xmppws.ws_ports (or Decode As "
                                      "WebSocket); TLS cannot be decrypted without its handshake" % MID_PORT]])
        self.assertEqual(frames(MID, hint, ["-2"] + ports + self.PREF), [])
        self.assertEqual(frames(MID, hint, ["-2"]), [])                  # 7075 is not among the default ports
        self.assertEqual(frames(MID, hint, ports), [])                   # needs the whole capture

    def test_preference_takes_a_range(self):
        self.assertEqual(len(frames(MID, "xmppws", ["-o", "xmppws.ws_ports:80,7000-7100"])), 9)
        self.assertEqual(frames(MID, "xmppws", ["-o", "xmppws.ws_ports:7076-7100"]), [])

    def test_finesse_fields(self):
        rows = fields(MID, ["frame.number", "finesse.user.state", "finesse.team.id", "finesse.dialog.state"],
                      "finesse", self.PREF)
        self.assertEqual([r[0] for r in rows], ["1", "3", "25", "27"])
        self.assertEqual(rows[0][1:], ["NOT_READY", "", ""])
        self.assertEqual(rows[1][1:], ["READY", "", ""])
        self.assertEqual(rows[2][2], "1")
        self.assertEqual(len(rows[2][1].split("|")), 250)
        self.assertEqual(rows[3][3], "ALERTING")

    def test_ping_tracked(self):
        rows = fields(MID, ["frame.number", "xmppws.response_to"], "xmppws.ping", self.PREF)
        self.assertEqual(rows, [["29", ""], ["30", "29"]])

    def test_identity_not_guessed(self):
        rows = fields(MID, ["xmppws.session.jid", "xmppws.session.user", "xmppws.framing"], "xmppws", self.PREF)
        self.assertEqual(column(rows, 0) + column(rows, 1), [])
        self.assertEqual(set(column(rows, 2)), {"0"})
        self.assertEqual(frames(MID, "xmppws.session.not_in_capture", self.PREF), [1, 3, 25, 27, 29, 30, 32, 33, 35])
        # The JID is there, in the stanzas' own "to" attributes, but only there.
        self.assertEqual(frames(MID, 'xmppws.to == "%s"' % JID, self.PREF), [1, 3, 25, 30])


if __name__ == "__main__":
    unittest.main()
