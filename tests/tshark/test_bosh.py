"""XMPP over BOSH (XEP-0124/XEP-0206): body attributes, the stanzas inside
them (the same fields as over WebSocket), session state that follows the
BOSH sid across TCP connections, experts, and HTTP XML bodies that are not
BOSH left to Wireshark's XML dissector.

Captures (real traffic made by test-captures/make/prosody-strophe-bosh/
make-captures.sh: prosody 0.12 mod_bosh, Strophe.js 5.0.0 under node with
xhr2 as XMLHttpRequest; frame numbers in that folder's NOTES.md):
  finesse-desktop-bosh.pcapng         the desktop lifecycle on http://…:7071/http-bind/
  finesse-desktop-bosh-tls.pcapng     the same on https://…:7443/http-bind/ (+ .keys)
  ws-and-bosh.pcapng                  the same session over WebSocket, then over BOSH
  bosh-bad-sid.pcapng                 Strophe attach() with a sid prosody does not know
  bosh-improper-addressing.pcapng     a session request for an unknown domain
  bosh-rid-gap.pcapng                 Strophe skips two rids; prosody ends the session
  bosh-conflict.pcapng                a second session binds the same resource
Generated: gen-http-xml-not-bosh.pcap (make/prosody-strophe-bosh/gen-http-xml-not-bosh.py).
"""

import base64
import unittest

from harness import capture, fields, frames, run_tshark, shown_boolean, wireshark_at_least

DESKTOP = "finesse-desktop-bosh.pcapng"
TLS = "finesse-desktop-bosh-tls.pcapng"
BOTH = "ws-and-bosh.pcapng"
NOT_BOSH = "gen-http-xml-not-bosh.pcap"
JID = "1001@finesse.example.test/desktop"
SID = "4da96238-6856-413f-9507-8dc0bf081185"
PASSWORD = "Desk-Pa55w0rd!1001"
C2S, S2C = "1", "2"
TLS_KEYS = ["-o", "tls.keylog_file:" + capture("finesse-desktop-bosh-tls.keys")]

# What a desktop session reads as, independent of transport and of ids.
SESSION_FIELDS = ["xmppws.type", "xmppws.auth.mechanism", "xmppws.auth.username", "xmppws.bind.resource",
                  "xmppws.bind.jid", "xmppws.caps.ver", "xmppws.presence.type", "xmppws.pubsub.action",
                  "xmppws.pubsub.node", "xmppws.pubsub.jid", "xmppws.event.node", "finesse.event",
                  "finesse.feed", "finesse.user.id", "finesse.user.state", "finesse.user.reason_code_id",
                  "finesse.team.name", "finesse.dialog.id", "finesse.dialog.state",
                  "finesse.dialog.from_address", "finesse.dialog.to_address"]


def column(rows, i):
    """One field's values over all packets, repeated occurrences flattened."""
    return [v for r in rows for v in r[i].split("|") if v]


def by_frame(rows):
    return {int(r[0]): r[1:] for r in rows}


def session_reading(cap, transport_filter, extra=()):
    """(direction, stanza elements) per message, then each SESSION_FIELDS
    column: what the session reads as, without stream framing and ids."""
    rows = fields(cap, ["xmppws.direction", "xmppws.element", "xmppws.session.jid"] + SESSION_FIELDS,
                  "xmppws.element && (%s)" % transport_filter, extra)
    messages = []
    for r in rows:
        elements = [e for e in r[1].split("|") if e not in ("open", "close")]
        if elements:
            messages.append((r[0].split("|")[0], elements, r[2].split("|")[0]))
    return messages, [column(rows, 3 + i) for i in range(len(SESSION_FIELDS))]


class BodyAttributes(unittest.TestCase):
    BODY = ["xmppws.bosh.rid", "xmppws.bosh.sid", "xmppws.bosh.to", "xmppws.bosh.from", "xmppws.bosh.wait",
            "xmppws.bosh.hold", "xmppws.bosh.ver", "xmppws.bosh.xmpp_version", "xmppws.bosh.content",
            "xmppws.bosh.lang", "xmppws.bosh.requests", "xmppws.bosh.inactivity", "xmppws.bosh.polling",
            "xmppws.bosh.authid", "xmppws.bosh.secure", "xmppws.bosh.restart", "xmppws.bosh.type",
            "xmppws.bosh.condition", "xmppws.bosh.stanzas"]

    def body(self, cap, frame, extra=()):
        row = fields(cap, self.BODY, "frame.number == %d" % frame, extra)[0]
        return dict(zip(self.BODY, row))

    def test_session_request(self):
        b = self.body(DESKTOP, 4)
        self.assertEqual((b["xmppws.bosh.rid"], b["xmppws.bosh.sid"], b["xmppws.bosh.to"]),
                         ("3585948077", "", "finesse.example.test"))
        self.assertEqual((b["xmppws.bosh.wait"], b["xmppws.bosh.hold"], b["xmppws.bosh.ver"]), ("10", "1", "1.6"))
        self.assertEqual((b["xmppws.bosh.xmpp_version"], b["xmppws.bosh.content"], b["xmppws.bosh.lang"]),
                         ("1.0", "text/xml; charset=utf-8", "en"))
        self.assertEqual(b["xmppws.bosh.stanzas"], "0")

    def test_session_creation_response(self):
        b = self.body(DESKTOP, 6)
        self.assertEqual((b["xmppws.bosh.sid"], b["xmppws.bosh.authid"], b["xmppws.bosh.from"]),
                         (SID, SID, "finesse.example.test"))
        self.assertEqual([b["xmppws.bosh." + k] for k in ("requests", "inactivity", "polling", "wait", "hold")],
                         ["2", "60", "5", "10", "1"])
        self.assertEqual((b["xmppws.bosh.secure"], b["xmppws.bosh.rid"]), ("true", ""))

    def test_restart_and_terminate(self):
        self.assertEqual(self.body(DESKTOP, 11)["xmppws.bosh.restart"], shown_boolean(True))
        self.assertEqual(frames(DESKTOP, "xmppws.bosh.restart"), [11])
        self.assertEqual(frames(DESKTOP, 'xmppws.bosh.type == "terminate"'), [121, 123, 125])
        self.assertEqual(frames(DESKTOP, "xmppws.bosh.condition"), [])

    def test_rids_follow_each_other(self):
        rids = [int(r[1]) for r in fields(DESKTOP, ["frame.number", "xmppws.bosh.rid"], "xmppws.bosh.rid")]
        self.assertEqual(rids, list(range(3585948077, 3585948096)))
        self.assertEqual(frames(DESKTOP, "xmppws.bosh.rid_check != 0"), [])

    def test_info_column(self):
        info = by_frame(fields(DESKTOP, ["frame.number", "_ws.col.Protocol", "_ws.col.Info"], "xmppws"))
        self.assertEqual(info[4], ["XMPP/BOSH", "BOSH session request to=finesse.example.test"])
        self.assertEqual(info[6][1], "BOSH session created sid=%s: features (mechanisms)" % SID)
        self.assertEqual(info[8][1], "BOSH SASL auth PLAIN 1001")
        self.assertEqual(info[11][1], "BOSH restart")
        self.assertEqual(info[20][1], "BOSH empty")
        self.assertEqual(info[41][1], "BOSH Finesse User 1001 NOT_READY (Break)")  # the reason label (issue 17)
        self.assertEqual(info[121][1], "BOSH terminate: presence unavailable")
        self.assertEqual(info[125][1], "BOSH terminate")

    def test_empty_long_poll_answer_after_wait(self):
        rows = fields(DESKTOP, ["frame.number", "xmppws.bosh.stanzas", "frame.time_relative"],
                      "frame.number == 57 || frame.number == 95")
        self.assertEqual([r[:2] for r in rows], [["57", "0"], ["95", "0"]])
        self.assertGreaterEqual(float(rows[1][2]) - float(rows[0][2]), 10.0)     # wait = 10 s

    def test_direction_from_http(self):
        rows = by_frame(fields(DESKTOP, ["frame.number", "xmppws.direction", "xmppws.direction.source",
                                         "xmppws.framing", "http.request"], "xmppws"))
        for frame, (direction, source, framing, request) in rows.items():
            with self.subTest(frame=frame):
                self.assertEqual(direction, C2S if request else S2C)
                self.assertEqual((source, framing), ("5", "3"))


class Stanzas(unittest.TestCase):
    """The stanzas inside the bodies get the WebSocket fields."""

    def test_login(self):
        rows = by_frame(fields(DESKTOP, ["frame.number", "xmppws.auth.mechanism", "xmppws.auth.username",
                                         "xmppws.auth.password", "xmppws.bind.jid", "xmppws.element"],
                               "xmppws.auth.mechanism || xmppws.bind.jid || xmppws.element == \"success\""))
        self.assertEqual(rows, {8: ["PLAIN", "1001", "", "", "auth"], 9: ["", "", "", "", "success"],
                                15: ["", "", "", JID, "iq"]})
        self.assertEqual(frames(DESKTOP, "xmppws.auth.secret_hidden"), [8])

    def test_pubsub_and_finesse(self):
        rows = fields(DESKTOP, ["frame.number", "xmppws.pubsub.action", "xmppws.pubsub.node"],
                      "xmppws.pubsub.action")
        self.assertEqual([r[1] for r in rows], ["subscribe", "subscription", "subscribe", "subscription",
                                                "subscriptions", "subscriptions", "unsubscribe", "subscription",
                                                "unsubscribe", "subscription"])
        events = fields(DESKTOP, ["frame.number", "xmppws.event.node", "finesse.event", "finesse.user.state",
                                  "finesse.user.previous_state", "finesse.dialog.state"], "finesse")
        self.assertEqual(events, [
            ["41", "/finesse/api/User/1001", "PUT", "NOT_READY", "", ""],
            ["45", "/finesse/api/User/1001", "PUT", "READY", "NOT_READY", ""],
            ["49", "/finesse/api/Team/1/Users", "PUT", "READY|NOT_READY", "", ""],
            ["55", "/finesse/api/User/1001/Dialogs", "POST", "", "", "ALERTING"],
        ])

    def test_caps_and_ping(self):
        self.assertEqual(fields(DESKTOP, ["frame.number", "xmppws.caps.ver"], "xmppws.caps.ver && xmppws.direction == 1"),
                         [["25", "+GJ6riUJXAXuwCpqEjP8rxDD8ww="]])
        self.assertEqual(frames(DESKTOP, "xmppws.ping", ["-2"]), [109, 111])

    def test_tls_with_key_log(self):
        self.assertEqual(frames(TLS, "xmppws"), [])                      # encrypted without the key log
        self.assertEqual(frames(TLS, "xmppws.bind.jid", TLS_KEYS), [21])
        self.assertEqual(fields(TLS, ["finesse.user.state"], "finesse.user.id", TLS_KEYS),
                         [["NOT_READY"], ["READY"], ["READY|NOT_READY"]])

    def test_tls_reads_like_plain_http(self):
        self.assertEqual(session_reading(TLS, "xmppws.bosh.body", TLS_KEYS),
                         session_reading(DESKTOP, "xmppws.bosh.body"))


class SessionAcrossConnections(unittest.TestCase):
    """Identity and iq tracking follow the sid, not the TCP connection."""

    def test_one_session_over_two_connections(self):
        rows = fields(DESKTOP, ["frame.number", "tcp.stream", "xmppws.bosh.session_sid", "xmppws.session.jid"],
                      "xmppws")
        self.assertEqual({r[1] for r in rows}, {"0", "1"})
        self.assertEqual({r[2] for r in rows if int(r[0]) > 4}, {SID})           # request 4 has no sid yet
        self.assertEqual([int(r[0]) for r in rows if r[3] == JID], [int(r[0]) for r in rows if int(r[0]) >= 15])
        self.assertEqual(fields(DESKTOP, ["xmppws.bosh.session_sid"], "frame.number == 4", ["-2"]), [[SID]])

    def test_responses_without_sid_take_the_requests_session(self):
        rows = by_frame(fields("bosh-conflict.pcapng", ["frame.number", "tcp.stream", "xmppws.bosh.sid",
                                                        "xmppws.bosh.session_sid", "xmppws.session.jid",
                                                        "xmppws.session.bound_in"], "xmppws"))
        first, second = rows[6][2], rows[31][2]
        self.assertNotEqual(first, second)
        self.assertEqual(rows[25][:2], ["1", first])                            # the first session's held request
        self.assertEqual(rows[40], ["1", "", first, JID, "15"])                 # answered on that connection
        self.assertEqual(rows[42][2:], [second, JID, "42"])
        self.assertEqual(rows[53][:3], ["1", "", second])

    def test_iq_tracking_across_connections(self):
        rows = by_frame(fields(DESKTOP, ["frame.number", "tcp.stream", "xmppws.response_to", "xmppws.response_in"],
                               "xmppws.response_to || xmppws.response_in", ["-2"]))
        self.assertEqual(rows[29], ["0", "", "31"])
        self.assertEqual(rows[31], ["1", "29", ""])
        self.assertEqual(rows[109], ["1", "", "111"])
        self.assertEqual(rows[111], ["0", "109", ""])
        self.assertEqual(frames(DESKTOP, "xmppws.expert.no_response || xmppws.expert.ping_unanswered", ["-2"]), [])

    def test_no_end_of_connection_expert(self):
        # BOSH TCP connections come and go; only the WebSocket expert exists.
        self.assertEqual(frames(DESKTOP, "xmppws.expert.ended_without_close", ["-2"]), [])


class Experts(unittest.TestCase):
    def expert(self, cap, frame):
        return fields(cap, ["_ws.expert.message"], "frame.number == %d" % frame)[0][0]

    def test_bad_sid(self):
        cap = "bosh-bad-sid.pcapng"
        rows = fields(cap, ["frame.number", "xmppws.bosh.sid", "xmppws.bosh.session_sid", "xmppws.bosh.type",
                            "xmppws.bosh.condition", "_ws.col.Info"], "xmppws")
        sid = "c0ffee00-dead-beef-0000-000000000000"
        self.assertEqual(rows, [["4", sid, sid, "", "", "BOSH empty"],
                                ["6", "", sid, "terminate", "item-not-found", "BOSH terminate item-not-found"]])
        self.assertIn("BOSH session terminated: item-not-found (unknown sid", self.expert(cap, 6))
        self.assertEqual(frames(cap, "http.response.code == 404"), [])   # prosody answers 200, not 404

    def test_improper_addressing(self):
        cap = "bosh-improper-addressing.pcapng"
        self.assertEqual(frames(cap, "xmppws.expert.bosh_terminate"), [6])
        self.assertEqual(fields(cap, ["xmppws.bosh.to"], "frame.number == 4"), [["unknown.example.test"]])
        self.assertIn("improper-addressing", self.expert(cap, 6))

    def test_rid_gap(self):
        cap = "bosh-rid-gap.pcapng"
        self.assertEqual(frames(cap, "xmppws.expert.bosh_rid_gap"), [67])
        self.assertEqual(fields(cap, ["xmppws.bosh.rid", "xmppws.bosh.rid_check"], "frame.number == 67"),
                         [["3306678211", "1"]])
        self.assertIn("rid 3306678211, expected 3306678209", self.expert(cap, 67))
        self.assertEqual(frames(cap, 'xmppws.bosh.condition == "item-not-found"'), [69])
        self.assertEqual(fields(cap, ["xmppws.bosh.session_sid"], "frame.number == 69"),
                         fields(cap, ["xmppws.bosh.sid"], "frame.number == 67"))

    def test_conflict_is_a_stream_error_inside_terminate(self):
        cap = "bosh-conflict.pcapng"
        self.assertEqual(frames(cap, "xmppws.expert.bosh_terminate"), [40])
        self.assertEqual(fields(cap, ["xmppws.bosh.condition", "xmppws.error.condition", "xmppws.error.text"],
                                "frame.number == 40"),
                         [["remote-stream-error", "conflict", "Replaced by new connection"]])


class NotBosh(unittest.TestCase):
    """Other XML over HTTP keeps Wireshark's XML dissector."""

    def test_only_httpbind_bodies_are_claimed(self):
        self.assertEqual(frames(NOT_BOSH, "xmppws"), [8, 9, 12, 13])
        self.assertEqual(frames(NOT_BOSH, "xml"), [4, 5, 7, 10])
        self.assertEqual(fields(NOT_BOSH, ["xml.tag"], "frame.number == 5"),
                         [['<body>|<agent id="1001">']])

    def test_application_xml_bosh(self):
        rows = fields(NOT_BOSH, ["frame.number", "xmppws.direction", "xmppws.bosh.rid", "xmppws.bosh.session_sid",
                                 "xmppws.element"], "xmppws")
        self.assertEqual(rows[:2], [["8", C2S, "1000", "gen-sid-1", ""], ["9", S2C, "", "gen-sid-1", "message"]])

    def test_malformed_body(self):
        rows = by_frame(fields(NOT_BOSH, ["frame.number", "xmppws.bosh.rid", "xmppws.bosh.session_sid",
                                          "xmppws.bosh.condition", "_ws.col.Info"], "frame.number >= 12"))
        self.assertEqual(rows[12][:2], ["1001", "gen-sid-1"])
        self.assertEqual(rows[12][3], "BOSH malformed XML iq get p1 (ping)")
        self.assertEqual(frames(NOT_BOSH, "xmppws.expert.malformed"), [12])
        self.assertEqual(rows[13], ["", "gen-sid-1", "bad-request", "BOSH terminate bad-request"])


class SameSessionOverWebSocketAndBosh(unittest.TestCase):
    """One capture, one scenario run twice: over WebSocket, then over BOSH."""

    def test_reads_the_same(self):
        ws = session_reading(BOTH, "websocket")
        bosh = session_reading(BOTH, "xmppws.bosh.body")
        self.assertEqual(len(ws[0]), 28)
        self.assertEqual(ws[0], bosh[0])
        for name, a, b in zip(SESSION_FIELDS, ws[1], bosh[1]):
            with self.subTest(field=name):
                self.assertEqual(a, b)
        self.assertIn("NOT_READY", bosh[1][SESSION_FIELDS.index("finesse.user.state")])

    def test_two_sessions(self):
        rows = fields(BOTH, ["xmppws.framing", "xmppws.bosh.session_sid"], "xmppws")
        self.assertEqual({f for r in rows for f in r[0].split("|")}, {"1", "3"})  # RFC 7395, BOSH
        self.assertEqual(len({r[1] for r in rows if r[0] == "3" and r[1]}), 1)   # one sid (request 59 has none yet)


class Secrets(unittest.TestCase):
    CAPTURES = [DESKTOP, "bosh-rid-gap.pcapng", "bosh-conflict.pcapng", BOTH]
    PLAIN_B64 = base64.b64encode(("\0%s\0%s" % ("1001", PASSWORD)).encode()).decode()

    def test_no_password_from_xmppws(self):
        for cap in self.CAPTURES:
            for fmt in ["pdml", "json", "ek"]:
                with self.subTest(capture=cap, output=fmt):
                    out = run_tshark(["-n", "-2", "-r", capture(cap), "-T", fmt, "-j", "xmppws finesse"])
                    self.assertNotIn(PASSWORD, out)
                    self.assertNotIn(self.PLAIN_B64, out)
                    self.assertNotIn(self.PLAIN_B64.encode().hex(), out)
            with self.subTest(capture=cap, output="-V"):
                out = run_tshark(["-n", "-2", "-r", capture(cap), "-V"])
                self.assertNotIn(PASSWORD, out)
                self.assertNotIn(self.PLAIN_B64, out)

    def test_http_layer_still_holds_the_body(self):
        # Documented limitation: Wireshark's HTTP layer keeps the raw body.
        out = fields(DESKTOP, ["http.file_data"], "frame.number == 8")[0][0]
        if wireshark_at_least(4, 4):        # http.file_data became a bytes field
            out = bytes.fromhex(out).decode("utf-8")
        self.assertIn(self.PLAIN_B64, out)

    def test_password_with_the_preference(self):
        self.assertEqual(fields(DESKTOP, ["xmppws.auth.password"], "xmppws.auth.mechanism",
                                ["-o", "xmppws.show_secrets:TRUE"]), [[PASSWORD]])


if __name__ == "__main__":
    unittest.main()
