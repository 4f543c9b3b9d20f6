"""SASL DIGEST-MD5 (RFC 2831, RFC 6120 §6) and the Finesse keepalive failure
loop (XEP-0199 pings every 10 s, two unanswered, TCP drop, reconnect), on
two generated captures (test-captures/make/generate_edge_cases.py; frame by
frame in test-captures/make/EDGE-CASES.md):

  gen-sasl-digest.pcap   auth 14, challenge 16, response 18, challenge
                         (rspauth) 20, empty response 22, success 24,
                         restart, bind result 34, presence, close
  gen-ping-timeout.pcap  connection 1 (tcp.stream 0): bind result 26, pings
                         at 10 s (30, answered by 32), 20 s (34) and 30 s
                         (36) unanswered, FIN at 40 s (38) without <close/>;
                         connection 2 (tcp.stream 1) from 42 s (41): bind
                         result 66, ping at 52 s (70, answered by 72), close
"""

import base64
import hashlib
import re
import unittest

from harness import capture, fields, frames, pdml, pdml_fields, run_tshark

DIGEST = "gen-sasl-digest.pcap"
PINGS = "gen-ping-timeout.pcap"
SHOW = ["-o", "xmppws.show_secrets:TRUE"]
JID_1001 = "1001@finesse.example.test/desktop"

DOMAIN = "finesse.example.test"
PASSWORD = "Digest-Pa55w0rd!"
NONCE = "OA6MG9tEQGm2hh"
CNONCE = "OA6MHXh6VqTrRk"
URI = "xmpp/finesse.example.test"


def digest_md5(user, realm, password, nonce, cnonce, nc, uri):
    """RFC 2831 §2.1.2.1 response and §2.1.3 rspauth, qop=auth, no authzid."""
    def h(b):
        return hashlib.md5(b).digest()
    a1 = h(("%s:%s:%s" % (user, realm, password)).encode()) + (":%s:%s" % (nonce, cnonce)).encode()

    def kd(a2):
        return hashlib.md5(("%s:%s:%s:%s:auth:%s" % (h(a1).hex(), nonce, nc, cnonce,
                                                     h(a2.encode()).hex())).encode()).hexdigest()
    return kd("AUTHENTICATE:" + uri), kd(":" + uri)


RESPONSE, RSPAUTH = digest_md5("1001", DOMAIN, PASSWORD, NONCE, CNONCE, "00000001", URI)
RESPONSE_DATA = ('username="1001",realm="%s",nonce="%s",cnonce="%s",nc=00000001,qop=auth,'
                 'digest-uri="%s",response=%s,charset=utf-8' % (DOMAIN, NONCE, CNONCE, URI, RESPONSE))

UNCLAIMED_MESSAGES = "websocket.opcode < 8 && websocket.fin == 1 && !xmppws"


def by_frame(cap, names, display_filter, extra=()):
    return {int(r[0]): r[1:] for r in fields(cap, ["frame.number"] + names, display_filter, extra)}


class DigestValues(unittest.TestCase):
    def test_rfc2831_example_and_capture_values(self):
        # RFC 2831 §4 (IMAP example): checks the helper the other tests use.
        self.assertEqual(digest_md5("chris", "elwood.innosoft.com", "secret", NONCE, CNONCE, "00000001",
                                    "imap/elwood.innosoft.com"),
                         ("d388dad90d4bbd760a152321f2143af7", "ea40f60335c427b5527b84dbabcdfffd"))
        self.assertEqual((RESPONSE, RSPAUTH),
                         ("8038c03998c9eab8befb7389a85303d6", "75682905c27a7aefeb83a59fea238302"))


class SaslDigest(unittest.TestCase):
    def test_all_messages_claimed(self):
        self.assertEqual(frames(DIGEST, UNCLAIMED_MESSAGES), [])

    def test_exchange_order(self):
        rows = fields(DIGEST, ["frame.number", "xmppws.element", "xmppws.direction"],
                      'xmppws.namespace == "urn:ietf:params:xml:ns:xmpp-sasl"')
        self.assertEqual(rows, [["14", "auth", "1"], ["16", "challenge", "2"], ["18", "response", "1"],
                                ["20", "challenge", "2"], ["22", "response", "1"], ["24", "success", "2"]])

    def test_mechanism(self):
        self.assertEqual(fields(DIGEST, ["frame.number", "xmppws.auth.mechanism"], "xmppws.auth.mechanism"),
                         [["14", "DIGEST-MD5"]])

    def test_info_names_the_user_where_it_was_sent(self):
        # DIGEST-MD5 sends the user name in its first response; PLAIN and
        # SCRAM in <auth>.
        rows = fields(DIGEST, ["frame.number", "_ws.col.Info"], 'xmppws.namespace == "urn:ietf:params:xml:ns:xmpp-sasl"')
        self.assertEqual(rows, [["14", "SASL auth DIGEST-MD5"], ["16", "SASL challenge"], ["18", "SASL response 1001"],
                                ["20", "SASL challenge"], ["22", "SASL response"], ["24", "SASL success"]])
        for cap, frame, info in [("finesse-desktop-scram.pcapng", "10", "SASL auth SCRAM-SHA-1 1002"),
                                 ("xmppjs-ejabberd-ws.pcapng", "13", "SASL auth SCRAM-SHA-1 1001"),
                                 ("auth-failure.pcapng", "10", "SASL auth PLAIN 1001")]:
            with self.subTest(capture=cap):
                self.assertEqual(fields(cap, ["_ws.col.Info"], "frame.number == " + frame), [[info]])

    def test_challenge_directives(self):
        rows = by_frame(DIGEST, ["xmppws.auth.digest.realm", "xmppws.auth.digest.nonce", "xmppws.auth.digest.qop",
                                 "xmppws.auth.digest.directive", "xmppws.auth.digest.cnonce",
                                 "xmppws.auth.username"], 'xmppws.element == "challenge"')
        self.assertEqual(rows, {16: [DOMAIN, NONCE, "auth", "utf-8|md5-sess", "", ""],
                                20: ["", "", "", "", "", ""]})
        # The directive field's value is the value; the key is in the item's text.
        packet = pdml(DIGEST, "frame.number == 16")[0]
        self.assertEqual([(f.get("show"), f.get("showname")) for f in
                          pdml_fields(packet, "xmppws.auth.digest.directive")],
                         [("utf-8", "charset=utf-8"), ("md5-sess", "algorithm=md5-sess")])

    def test_response_directives(self):
        rows = by_frame(DIGEST, ["xmppws.auth.username", "xmppws.auth.digest.realm", "xmppws.auth.digest.nonce",
                                 "xmppws.auth.digest.cnonce", "xmppws.auth.digest.qop", "xmppws.auth.digest.uri",
                                 "xmppws.auth.digest.directive"], 'xmppws.element == "response"')
        self.assertEqual(rows, {18: ["1001", DOMAIN, NONCE, CNONCE, "auth", URI, "00000001|utf-8"],
                                22: ["", "", "", "", "", "", ""]})     # the empty <response/>

    def test_response_hash_hidden_by_default(self):
        self.assertEqual(frames(DIGEST, "xmppws.auth.secret_hidden"), [18])
        self.assertEqual(frames(DIGEST, "xmppws.auth.digest.response"), [])
        packet = pdml(DIGEST, "frame.number == 18")[0]
        self.assertEqual([f.get("showname") for f in pdml_fields(packet, "xmppws.auth.secret_hidden")],
                         ["Response: <hidden> (Preferences > Protocols > XMPP/WS > Show passwords and SASL proofs)"])

    def test_response_hash_shown_with_the_preference(self):
        self.assertEqual(fields(DIGEST, ["frame.number", "xmppws.auth.digest.response"],
                                "xmppws.auth.digest.response", SHOW), [["18", RESPONSE]])
        self.assertEqual(frames(DIGEST, "xmppws.auth.secret_hidden", SHOW), [])

    def test_rspauth(self):
        self.assertEqual(fields(DIGEST, ["frame.number", "xmppws.auth.digest.rspauth"], "xmppws.auth.digest.rspauth"),
                         [["20", RSPAUTH]])

    def test_success(self):
        rows = fields(DIGEST, ["frame.number", "_ws.expert.message"], 'xmppws.element == "success"')
        self.assertEqual(rows, [["24", "SASL authentication succeeded"]])

    def test_session_user_and_jid(self):
        everything = frames(DIGEST, "xmppws")
        # The user name is in the response (no initial response in <auth>).
        self.assertEqual(frames(DIGEST, 'xmppws.session.user == "1001"'), [f for f in everything if f >= 18])
        self.assertEqual(frames(DIGEST, "xmppws.session.user"), [f for f in everything if f >= 18])
        rows = fields(DIGEST, ["frame.number", "xmppws.session.jid", "xmppws.session.bound_in"], "xmppws.session.jid")
        self.assertEqual(rows, [[str(f), JID_1001, "34"] for f in everything if f >= 34])

    def test_no_secret_in_any_output_by_default(self):
        path = capture(DIGEST)
        needles = [PASSWORD, RESPONSE, base64.b64encode(RESPONSE_DATA.encode()).decode()]
        outputs = {"-V": ["-V"], "json": ["-T", "json"], "pdml": ["-T", "pdml"], "ek": ["-T", "ek"]}
        for passes in ([], ["-2"]):
            for name, args in outputs.items():
                out = run_tshark(["-n", "-r", path] + passes + args)
                for needle in needles:
                    with self.subTest(output=name, passes=passes, needle=needle):
                        self.assertNotIn(needle, out)
        # The same search finds the hash once the preference is on.
        self.assertIn(RESPONSE, run_tshark(["-n", "-r", path, "-V"] + SHOW))

    def test_no_secret_in_pdml_field_bytes(self):
        # PDML's value="..." is the hex of each field's bytes: no field may
        # cover the <response> text, whose base64 holds response=<hash>.
        out = run_tshark(["-n", "-r", capture(DIGEST), "-T", "pdml"])
        # Wireshark 4.6's own websocket.payload holds the message's bytes (test_secrets.WebSocketPayload).
        out = re.sub(r'<field name="websocket\.payload"[^>]*>', "", out)
        self.assertNotIn(base64.b64encode(RESPONSE_DATA.encode()).hex(), out)


class PingTimeout(unittest.TestCase):
    REQUESTS = [30, 34, 36, 70]

    def test_all_messages_claimed(self):
        self.assertEqual(frames(PINGS, UNCLAIMED_MESSAGES), [])

    def test_pings_every_10_s_and_the_reconnect(self):
        rows = fields(PINGS, ["frame.number", "frame.time_relative", "tcp.stream", "xmppws.id"],
                      'xmppws.ping && xmppws.type == "get"', ["-2"])
        self.assertEqual([(int(r[0]), float(r[1]), r[2]) for r in rows],
                         [(30, 10.0, "0"), (34, 20.0, "0"), (36, 30.0, "0"), (70, 52.0, "1")])
        ids = [r[3] for r in rows]
        for iid in ids:
            self.assertRegex(iid, r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:ping$")
        self.assertEqual(len(set(ids)), 4)
        # Connection 1 ends with the client's FIN at 40 s (20 s after the
        # first unanswered ping), with no <close/> and no WebSocket Close;
        # connection 2's SYN comes 2 s later.
        fin = fields(PINGS, ["frame.number", "frame.time_relative", "tcp.srcport"], "tcp.flags.fin == 1")
        self.assertEqual([(int(r[0]), float(r[1])) for r in fin][:2], [(38, 40.0), (39, 40.01)])
        self.assertNotEqual(fin[0][2], "7071")                         # from the client
        syn = fields(PINGS, ["frame.number", "frame.time_relative", "tcp.stream"],
                     "tcp.flags.syn == 1 && tcp.flags.ack == 0")
        self.assertEqual([(int(r[0]), float(r[1]), r[2]) for r in syn], [(1, 0.0, "0"), (41, 42.0, "1")])
        self.assertEqual(frames(PINGS, 'tcp.stream == 0 && (xmppws.element == "close" || websocket.opcode == 8)'),
                         [])

    def test_ping_requests_and_replies(self):
        self.assertEqual(frames(PINGS, "xmppws.ping", ["-2"]), [30, 32, 34, 36, 70, 72])
        self.assertEqual(frames(PINGS, "xmppws.ping"), [30, 32, 34, 36, 70, 72])    # one pass too

    def test_answered_pings_are_linked(self):
        rows = by_frame(PINGS, ["xmppws.response_in", "xmppws.response_to", "xmppws.response_time"],
                        "xmppws.ping", ["-2"])
        self.assertEqual({f: r[:2] for f, r in rows.items()},
                         {30: ["32", ""], 32: ["", "30"], 34: ["", ""], 36: ["", ""], 70: ["72", ""], 72: ["", "70"]})
        self.assertAlmostEqual(float(rows[32][2]), 20.0, places=3)
        self.assertAlmostEqual(float(rows[72][2]), 20.0, places=3)

    def test_unanswered_pings_need_the_second_pass(self):
        self.assertEqual(frames(PINGS, "xmppws.expert.ping_unanswered", ["-2"]), [34, 36])
        self.assertEqual(frames(PINGS, "xmppws.expert.no_response", ["-2"]), [])
        rows = fields(PINGS, ["frame.number", "_ws.expert.message"], "xmppws.expert.ping_unanswered", ["-2"])
        for r in rows:
            self.assertIn("XEP-0199 ping without a reply", r[1])
        # One pass: the end of the capture is not known yet, so no expert and no link.
        self.assertEqual(frames(PINGS, "xmppws.expert.ping_unanswered || xmppws.expert.no_response"), [])
        self.assertEqual(frames(PINGS, "xmppws.response_in"), [])

    def test_each_connection_has_its_own_identity(self):
        rows = fields(PINGS, ["frame.number", "tcp.stream", "xmppws.session.jid", "xmppws.session.bound_in"],
                      "xmppws.session.jid", ["-2"])
        by_stream = {}
        for frame, stream, jid, bound_in in rows:
            self.assertEqual(jid, JID_1001)
            by_stream.setdefault(stream, set()).add(bound_in)
        self.assertEqual(by_stream, {"0": {"26"}, "1": {"66"}})
        self.assertEqual(frames(PINGS, "tcp.stream == 1 && xmppws.session.jid && frame.number < 66", ["-2"]), [])
        # The SASL user too: none in connection 2 before its own <auth>.
        self.assertEqual(frames(PINGS, "tcp.stream == 1 && xmppws.session.user", ["-2"])[0], 54)
        self.assertEqual(fields(PINGS, ["frame.number", "xmppws.bind.jid"], "xmppws.bind.jid", ["-2"]),
                         [["26", JID_1001], ["66", JID_1001]])

    def test_nothing_unanswered_in_connection_2(self):
        self.assertEqual(frames(PINGS, "tcp.stream == 1 && (xmppws.expert.ping_unanswered || "
                                       "xmppws.expert.no_response)", ["-2"]), [])
        self.assertEqual(frames(PINGS, "tcp.stream == 1 && _ws.expert.severity >= 6291456", ["-2"]), [])


if __name__ == "__main__":
    unittest.main()
