"""Chromium NetLog files: Wireshark 4.6 opens them (wiretap/netlog.c) and
writes each TLS connection's decrypted bytes as a TCP stream of its own,
on server port 44380; the plugin must decode every XMPP message of that
stream, with no key log. test-captures/har-wss.netlog.json is Chromium's
NetLog (--log-net-log, --net-log-capture-mode=Everything) of the session in
har-wss.pcapng (see test-captures/make/har-netlog/NOTES.md): they must give
the same XMPP, Finesse and REST fields. Wireshark 4.0 and 4.4 do not read
NetLog files at all.

Wireshark 4.6.9's reader ends the file at the first socket read of zero
bytes (Chromium logs SSL_SOCKET_BYTES_RECEIVED {byte_count: 0}, without
"bytes", when a server closes a TLS connection; here prosody closing the
WebSocket): what the browser did after that, here the BOSH session, is in
the NetLog but not in what Wireshark shows. The tests assert that too, so
they fail, and get updated, when a release reads past it.
"""

import base64
import json
import unittest

import harness
from test_har import REQUEST_IDS, keys, messages, rest_puts

NETLOG = "har-wss.netlog.json"
DECRYPTED_PORT = "44380"
WIRE = ("har-wss.pcapng",)


def wire_keys():
    return keys("har-wss.keys")


class NetLog(unittest.TestCase):

    def test_before_4_6_tshark_refuses_a_netlog(self):
        if harness.wireshark_at_least(4, 6):
            self.assertTrue(harness.run_tshark(["-r", harness.capture(NETLOG), "-c", "1"]))
            return
        with self.assertRaisesRegex(AssertionError, "isn't a capture file in a format TShark understands"):
            harness.run_tshark(["-r", harness.capture(NETLOG)])

    def test_every_websocket_message_as_on_the_wire(self):
        if not harness.wireshark_at_least(4, 6):
            self.skipTest("NetLog files open from Wireshark 4.6 (test_before_4_6_tshark_refuses_a_netlog)")
        got = messages(NETLOG, (), "websocket && xmppws")
        want = messages("har-wss.pcapng", wire_keys(), "websocket && xmppws")
        self.assertEqual(len(got), 28)
        for direction in ("1", "2"):
            g = [m for m in got if dict(m)["xmppws.direction"] == (direction,)]
            w = [m for m in want if dict(m)["xmppws.direction"] == (direction,)]
            self.assertEqual(g, w, "direction %s" % direction)

    def test_decrypted_stream_port(self):
        if not harness.wireshark_at_least(4, 6):
            self.skipTest("NetLog files open from Wireshark 4.6")
        ports = harness.fields(NETLOG, ["tcp.srcport", "tcp.dstport"], "xmppws")
        self.assertEqual(len(ports), 25)  # 28 messages; prosody's <open/> and features share a read thrice
        self.assertTrue(all(DECRYPTED_PORT in row for row in ports))
        # Without a key log the TLS records themselves stay encrypted.
        self.assertTrue(harness.frames(NETLOG, "tls.app_data"))

    def test_finesse_updates_and_rest_calls(self):
        if not harness.wireshark_at_least(4, 6):
            self.skipTest("NetLog files open from Wireshark 4.6")
        updates = harness.fields(NETLOG, ["finesse.user.state", "finesse.request_id"], "finesse.feed == 1")
        self.assertEqual(updates, [["READY", REQUEST_IDS[0]], ["", REQUEST_IDS[1]]])
        self.assertEqual(rest_puts(NETLOG), rest_puts("har-wss.pcapng", wire_keys()))
        links = harness.fields(NETLOG, ["finesse.request_id", "finesse.rest_request_in"], "finesse.rest_request_in",
                               extra=["-2"])
        self.assertEqual([link[0] for link in links], REQUEST_IDS)

    def test_the_reader_stops_at_the_first_empty_read(self):
        """The NetLog holds the 9 BOSH requests; Wireshark 4.6.9 shows none."""
        with open(harness.capture(NETLOG), encoding="utf-8") as f:
            netlog = json.load(f)
        names = {v: k for k, v in netlog["constants"]["logEventTypes"].items()}
        sent = [base64.b64decode(e["params"]["bytes"]) for e in netlog["events"]
                if names[e["type"]] == "SSL_SOCKET_BYTES_SENT" and "bytes" in e.get("params", {})]
        self.assertEqual(len([b for b in sent if b.startswith(b"POST /http-bind/")]), 9)
        empty = [e for e in netlog["events"] if names[e["type"]] == "SSL_SOCKET_BYTES_RECEIVED"
                 and "bytes" not in e.get("params", {})]
        self.assertEqual(len(empty), 1)
        if harness.wireshark_at_least(4, 6):
            self.assertEqual(harness.frames(NETLOG, "xmppws.bosh.rid || http.request.uri contains \"http-bind\""), [])


if __name__ == "__main__":
    unittest.main()
