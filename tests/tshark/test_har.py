"""xmppws-har and HAR files: real HARs recorded by Playwright driving
Chromium (test-captures/har-*.har, made with the same session captured on
the wire, see test-captures/make/har-netlog/NOTES.md) must give the same
XMPP, Finesse and REST fields as the wire capture, message for message;
broken and hostile HARs get a clear error and exit status. On 4.6 the
wiretap plugin opens the HARs directly and must give the converter's
packets.

The converter is taken from the build tree: <build>/har/xmppws-har, next
to the plugins folder the harness gets (XMPPWS_PLUGIN_DIR), or from
XMPPWS_HAR_CONVERTER.
"""

import json
import os
import subprocess
import unittest

import harness

# Per message: the XMPP fields that the HAR and the wire must agree on.
XMPP_FIELDS = (
    "xmppws.direction", "xmppws.element", "xmppws.id", "xmppws.type", "xmppws.from", "xmppws.to",
    "xmppws.auth.mechanism", "xmppws.auth.username", "xmppws.bind.jid", "xmppws.session.jid",
    "xmppws.pubsub.action", "xmppws.pubsub.node", "xmppws.pubsub.jid", "xmppws.event.node",
    "xmppws.event.item_id", "xmppws.presence.type", "xmppws.bosh.rid", "xmppws.bosh.sid",
    "xmppws.bosh.type",
)
FINESSE_FIELDS = (
    "finesse.event", "finesse.request_id", "finesse.user.id", "finesse.user.state",
    "finesse.error.type", "finesse.dialog.id", "finesse.dialog.state", "finesse.team.id",
)
REQUEST_IDS = ["c0ffee00-0000-4000-8000-0000000000a1", "c0ffee00-0000-4000-8000-0000000000a2"]
WSS_KEYS = ["-o", "tls.keylog_file:%s"]
WARNING = 6291456  # PI_WARN


def converter():
    path = os.environ.get("XMPPWS_HAR_CONVERTER") or os.path.join(
        os.path.dirname(os.environ["XMPPWS_PLUGIN_DIR"]), "har", "xmppws-har")
    if not os.access(path, os.X_OK):
        raise AssertionError("xmppws-har is not built: %s (add_subdirectory(har))" % path)
    return path


def run_converter(*args):
    return subprocess.run([converter()] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=120)


def captures_dir():
    return os.path.dirname(harness.capture("har-ws.har"))


def convert(har_name, out_name=None):
    """Converts a HAR of the readable captures copy next to it; returns the
    capture's name and the converter's standard output."""
    src = os.path.join(captures_dir(), har_name)
    out_name = out_name or har_name + ".pcapng"
    out = os.path.join(captures_dir(), out_name)
    proc = run_converter(src, out)
    if proc.returncode != 0 or proc.stderr:
        raise AssertionError("xmppws-har %s failed (%d): %s" % (har_name, proc.returncode, proc.stderr))
    os.chmod(out, 0o644)
    return out_name, proc.stdout


def write_har(name, har):
    """A HAR made by a test, in the readable captures copy."""
    path = os.path.join(captures_dir(), name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(har if isinstance(har, str) else json.dumps(har))
    os.chmod(path, 0o644)
    return path


def keys(name):
    return [WSS_KEYS[0], WSS_KEYS[1] % harness.capture(name)]


def messages(capture_name, extra=(), display_filter="xmppws"):
    """Every XMPP message (xmppws layer) in order, as a tuple of
    (field, values) with its Finesse fields."""
    result = []
    for packet in harness.pdml(capture_name, display_filter, extra):
        for proto in packet.iter("proto"):
            if proto.get("name") == "xmppws":
                result.append({f: [x.get("show") for x in harness.pdml_fields(proto, f)] for f in XMPP_FIELDS})
            elif proto.get("name") == "finesse" and result:
                for f in FINESSE_FIELDS:
                    result[-1][f] = [x.get("show") for x in harness.pdml_fields(proto, f)]
    return [tuple(sorted((k, tuple(v)) for k, v in m.items() if v)) for m in result]


def rest_puts(capture_name, extra=()):
    return harness.fields(capture_name, ["http.request.uri", "finesse.rest.request_id", "http.file_data"],
                          'http.request.method == "PUT"', extra)


class RealHars(unittest.TestCase):
    """The Playwright HARs of test-captures/make/har-netlog against the wire."""

    def assert_same_messages(self, converted, wire, wire_extra=()):
        """Message for message, each direction in its order. (Across the
        two directions the order may differ: BOSH runs two requests at
        once, and a HAR times a response by its entry's millisecond
        timings, so a response and the next request can swap places.)"""
        got, want = messages(converted), messages(wire, wire_extra)
        self.assertEqual(len(got), len(want))
        for direction in ("1", "2"):
            g = [m for m in got if dict(m)["xmppws.direction"] == (direction,)]
            w = [m for m in want if dict(m)["xmppws.direction"] == (direction,)]
            self.assertEqual(len(g), len(w))
            for i, (a, b) in enumerate(zip(g, w)):
                self.assertEqual(a, b, "direction %s, message %d" % (direction, i + 1))
        return got

    def test_ws_har_gives_the_wire_messages(self):
        converted, out = convert("har-ws.har")
        self.assertIn("14 HTTP and 1 WebSocket entries, 28 WebSocket messages, times in milliseconds", out)
        got = self.assert_same_messages(converted, "har-ws.pcapng")
        # 28 WebSocket messages and the BOSH session's 9 requests and 9
        # responses (the plugin shows the <body/> of each, with its stanzas).
        self.assertEqual(len(got), 28 + 18)
        self.assertEqual(len([m for m in got if "xmppws.bosh.rid" in dict(m)]), 9)
        self.assertEqual([dict(m).get("xmppws.auth.username") for m in got].count(("1001",)), 2)

    def test_devtools_layout_gives_the_same(self):
        converted, out = convert("har-ws-devtools.har")
        self.assertIn("(WebInspector 537.36)", out)
        self.assertIn("28 WebSocket messages, times in seconds;", out)
        self.assert_same_messages(converted, "har-ws.pcapng")

    def test_wss_har_gives_the_decrypted_wire_messages(self):
        converted, out = convert("har-wss.har")
        self.assertIn("28 WebSocket messages", out)
        self.assert_same_messages(converted, "har-wss.pcapng", keys("har-wss.keys"))

    def test_finesse_updates_and_rest_calls(self):
        converted, _ = convert("har-ws.har")
        updates = harness.fields(converted, ["finesse.user.state", "finesse.request_id", "finesse.error.type"],
                                 "finesse.feed == 1")
        self.assertEqual(updates, [["READY", REQUEST_IDS[0], ""], ["", REQUEST_IDS[1], "Invalid State"],
                                   ["NOT_READY", "", ""]])
        self.assertEqual(rest_puts(converted), rest_puts("har-ws.pcapng"))
        self.assertEqual([r[1] for r in rest_puts(converted)], REQUEST_IDS)

    def test_rest_link_points_at_the_put(self):
        converted, _ = convert("har-ws.har")
        puts = {int(f[0]): f[1] for f in harness.fields(converted, ["frame.number", "finesse.rest.request_id"],
                                                          'http.request.method == "PUT"')}
        links = harness.fields(converted, ["finesse.request_id", "finesse.rest_request_in"],
                               "finesse.rest_request_in", extra=["-2"])
        self.assertEqual(len(links), 2)
        for request_id, frame in links:
            self.assertEqual(puts[int(frame)], request_id)

    def test_times_come_from_the_har(self):
        converted, _ = convert("har-ws.har")
        flt = 'websocket.opcode == 1'
        got = harness.fields(converted, ["frame.time_epoch"], flt)
        want = harness.fields("har-ws.pcapng", ["frame.time_epoch"], flt)
        # One frame per HAR message; on the wire some segments hold two.
        self.assertEqual(len(got), 28)
        self.assertLess(len(want), 28)
        # Browser clock (ms) and capture clock agree to a few ms on one machine.
        self.assertLess(abs(float(got[0][0]) - float(want[0][0])), 0.05)
        self.assertLess(abs(float(got[-1][0]) - float(want[-1][0])), 0.05)
        times = [float(r[0]) for r in harness.fields(converted, ["frame.time_epoch"])]
        self.assertEqual(times, sorted(times))

    def test_websocket_upgrade_and_frames_as_on_the_wire(self):
        converted, _ = convert("har-ws.har")
        upgrade = harness.fields(converted, ["http.response.code", "http.upgrade", "http.sec_websocket_protocol"],
                                 "http.response.code == 101")
        self.assertEqual(upgrade, [["101", "websocket", "xmpp"]])
        masks = harness.fields(converted, ["xmppws.direction", "websocket.mask"], "websocket.opcode == 1")
        self.assertEqual({tuple(r) for r in masks}, {("1", harness.shown_boolean(True)),
                                                     ("2", harness.shown_boolean(False))})

    def test_http_bodies_and_lengths(self):
        """Every response with a body (the page, BOSH) has the wire's
        Content-Length and type: the HAR's decoded bodies, length made right."""
        converted, _ = convert("har-ws.har")
        cols = ["http.response.code", "http.content_type", "http.content_length"]
        flt = "http.response && http.content_length > 0"
        got = harness.fields(converted, cols, flt)
        self.assertEqual(len(got), 3 + 9)
        self.assertEqual(sorted(got), sorted(harness.fields("har-ws.pcapng", cols, flt)))

    def test_no_tcp_or_http_problem_in_the_converted_capture(self):
        """No TCP analysis flag (but the comment packets' window updates),
        nothing malformed, and the same warnings as on the wire: those of
        xmppws and finesse about the traffic itself."""
        for har, wire, extra in (("har-ws.har", "har-ws.pcapng", []),
                                 ("har-wss.har", "har-wss.pcapng", keys("har-wss.keys"))):
            converted, _ = convert(har)
            self.assertEqual(harness.frames(converted, "tcp.analysis.flags && !tcp.analysis.window_update"), [])
            self.assertEqual(harness.frames(converted, "_ws.malformed"), [])
            flt = "(xmppws || finesse) && _ws.expert.severity >= %d" % WARNING
            got = harness.fields(converted, ["_ws.expert.message"], flt)
            want = harness.fields(wire, ["_ws.expert.message"], flt, extra)
            self.assertEqual(sorted(got), sorted(want))
            self.assertEqual(len(got), 2)


class SyntheticHars(unittest.TestCase):
    """What real browsers write less often: DevTools errors, HTTP/2, IPv6,
    permessage-deflate, base64 binary frames, hostile headers."""

    def har(self, entries):
        return {"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}}

    def ws_entry(self, messages, response_headers=(), url="wss://finesse.example.test:8445/ws/", ip="127.0.0.1"):
        return {
            "startedDateTime": "2026-01-02T03:04:05.000Z", "_resourceType": "websocket", "serverIPAddress": ip,
            "request": {"method": "GET", "url": url, "httpVersion": "HTTP/1.1",
                        "headers": [{"name": "Sec-WebSocket-Protocol", "value": "xmpp"}]},
            "response": {"status": 101, "statusText": "Switching Protocols", "httpVersion": "HTTP/1.1",
                         "headers": [{"name": "Sec-WebSocket-Protocol", "value": "xmpp"}] + list(response_headers),
                         "content": {"size": 0, "mimeType": "x-unknown"}},
            "timings": {"send": 0, "wait": 1, "receive": 0},
            "_webSocketMessages": messages,
        }

    def msgs(self, t0=1767323045.5):
        return [
            {"type": "send", "time": t0, "opcode": 1,
             "data": "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='finesse.example.test' version='1.0'/>"},
            {"type": "receive", "time": t0 + 0.01, "opcode": 1,
             "data": "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='finesse.example.test' id='s1' version='1.0'/>"},
            {"type": "send", "time": t0 + 0.02, "opcode": 1,
             "data": "<iq type='get' id='ping-1' to='finesse.example.test'><ping xmlns='urn:xmpp:ping'/></iq>"},
            {"type": "error", "time": t0 + 0.03, "opcode": -1, "data": "net::ERR_CONNECTION_RESET"},
            {"type": "receive", "time": t0 + 0.04, "opcode": 2, "data": "AAEC/w=="},
        ]

    def test_devtools_error_is_an_expert_comment(self):
        write_har("t-error.har", self.har([self.ws_entry(self.msgs())]))
        converted, out = convert("t-error.har")
        self.assertIn("1 WebSocket entries, 5 WebSocket messages, times in seconds", out)
        rows = harness.fields(converted, ["frame.comment", "_ws.expert.message"], "frame.comment")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], "HAR: WebSocket error recorded by the browser: net::ERR_CONNECTION_RESET")
        self.assertIn(rows[0][0], rows[0][1].split("|"))
        self.assertEqual(harness.fields(converted, ["xmppws.element", "xmppws.id"], "xmppws.element"),
                         [["open", ""], ["open", "s1"], ["iq", "ping-1"]])
        binary = harness.fields(converted, ["websocket.opcode", "websocket.payload_length"], "websocket.opcode == 2")
        self.assertEqual(binary, [["2", "4"]])
        # Seconds: the first message at 2026-01-02T03:04:05.5Z.
        first = harness.fields(converted, ["frame.time_epoch"], "websocket.opcode == 1")[0][0]
        self.assertAlmostEqual(float(first), 1767323045.5, places=3)

    def test_permessage_deflate_is_compressed_again(self):
        entry = self.ws_entry(self.msgs()[:3], [{"name": "Sec-WebSocket-Extensions",
                                                 "value": "permessage-deflate; client_max_window_bits=12"}])
        write_har("t-deflate.har", self.har([entry]))
        converted, _ = convert("t-deflate.har")
        self.assertEqual(harness.fields(converted, ["websocket.pmc"], "websocket.opcode == 1"),
                         [[harness.shown_boolean(True)]] * 3)
        self.assertEqual(harness.fields(converted, ["xmppws.element", "xmppws.id"], "xmppws"),
                         [["open", ""], ["open", "s1"], ["iq", "ping-1"]])

    def test_ipv6_http2_and_hostile_headers(self):
        entry = {
            "startedDateTime": "2026-01-02T03:04:05.000+01:00", "serverIPAddress": "[::1]",
            "request": {"method": "PUT", "url": "https://finesse.example.test/finesse/api/User/1001?x=1#frag",
                        "httpVersion": "h2",
                        "headers": [{"name": ":authority", "value": "finesse.example.test"},
                                    {"name": ":method", "value": "PUT"},
                                    {"name": "requestId", "value": "id-1\r\nX-Injected: yes"},
                                    {"name": "Bad Name", "value": "dropped"},
                                    {"name": "Content-Length", "value": "99999"}],
                        "postData": {"mimeType": "application/xml", "text": "<User><state>READY</state></User>"}},
            "response": {"status": 202, "statusText": "Accepted", "httpVersion": "h2",
                         "headers": [{"name": "content-encoding", "value": "gzip"}],
                         "content": {"size": 12, "mimeType": "text/plain", "encoding": "base64",
                                     "text": "aGVsbG8gd29ybGQh"}},
            "timings": {"blocked": 1, "dns": 2, "connect": 3, "send": 1, "wait": 5, "receive": 1},
        }
        write_har("t-h2.har", self.har([entry]))
        converted, _ = convert("t-h2.har")
        req = harness.fields(converted, ["ipv6.dst", "tcp.dstport", "http.request.uri", "http.host",
                                         "http.content_length", "frame.comment"], "http.request")
        self.assertEqual(req, [["::1", "443", "/finesse/api/User/1001?x=1", "finesse.example.test", "33",
                                "HAR: the browser used h2 here; written as HTTP/1.1"]])
        lines = harness.fields(converted, ["http.request.line"], "http.request")[0][0].split("|")
        self.assertIn("requestId: id-1  X-Injected: yes\\r\\n", lines)
        self.assertFalse([line for line in lines if line.startswith(("X-Injected", "Bad Name", ":"))])
        resp = harness.fields(converted, ["http.response.code", "http.content_length", "http.file_data"],
                              "http.response")
        # http.file_data is a string up to 4.2, bytes (hex in -T fields) from 4.4.
        body = "68656c6c6f20776f726c6421" if harness.wireshark_at_least(4, 4) else "hello world!"
        self.assertEqual(resp, [["202", "12", body]])
        self.assertEqual(harness.frames(converted, "http.content_encoding"), [])
        syn = harness.fields(converted, ["frame.time_epoch"], "tcp.flags.syn == 1 && tcp.flags.ack == 0")
        # 03:04:05+01:00 plus blocked 1 ms and dns 2 ms
        self.assertAlmostEqual(float(syn[0][0]), 1767319445.003, places=4)


class ConverterErrors(unittest.TestCase):
    """Broken, non-HAR and hostile input: a message and an exit status."""

    def expect(self, content, status, message, name="t-bad.har"):
        path = write_har(name, content) if content is not None else os.path.join(captures_dir(), "missing.har")
        out = os.path.join(captures_dir(), "t-bad.pcapng")
        proc = run_converter(path, out)
        self.assertEqual(proc.returncode, status, proc.stderr)
        self.assertIn(message, proc.stderr)
        self.assertTrue(proc.stderr.startswith("xmppws-har: "))
        self.assertFalse(os.path.exists(out))

    def test_usage(self):
        proc = run_converter()
        self.assertEqual(proc.returncode, 2)
        self.assertIn("usage: xmppws-har", proc.stderr)
        self.assertEqual(run_converter("--help").returncode, 0)

    def test_missing_file(self):
        self.expect(None, 3, "cannot read")

    def test_truncated(self):
        with open(harness.capture("har-ws.har"), encoding="utf-8") as f:
            text = f.read()
        self.expect(text[: len(text) // 2], 5, "truncated")

    def test_not_json(self):
        with open(harness.capture("har-ws.pcapng"), "rb") as f:
            data = f.read(4096)
        self.expect(data.decode("latin-1"), 4, "not JSON")
        self.expect("", 4, "empty")
        self.expect("{\"log\": [1, 2", 5, "truncated")

    def test_not_a_har(self):
        self.expect("[1, 2, 3]", 6, "the JSON is not an object")
        self.expect("{\"constants\": {}}", 6, "no \"log\" object")
        self.expect("{\"log\": {\"version\": \"1.2\"}}", 6, "no \"log.entries\" array")

    def test_nothing_to_convert(self):
        har = {"log": {"entries": [{"request": {"url": "data:text/plain,x"}}, 7,
                                   {"request": {"url": "http://h/"}, "startedDateTime": "yesterday"}]}}
        self.expect(json.dumps(har), 8, "no entry with an http, https, ws or wss URL")
        proc = run_converter(write_har("t-bad.har", json.dumps(har)), os.path.join(captures_dir(), "t.pcapng"))
        self.assertIn("entry 1 skipped: no http, https, ws or wss URL", proc.stderr)
        self.assertIn("entry 2 skipped: not a JSON object", proc.stderr)
        self.assertIn("entry 3 skipped: no valid startedDateTime", proc.stderr)

    def test_too_deep(self):
        self.expect("{\"log\": " + "[" * 100 + "]" * 100 + "}", 7, "nested more than 64 levels")

    def test_unwritable_output(self):
        path = write_har("t-ok.har", json.dumps({"log": {"entries": [
            {"request": {"url": "http://h/"}, "startedDateTime": "2026-01-01T00:00:00Z"}]}}))
        proc = run_converter(path, "/nonexistent-dir/out.pcapng")
        self.assertEqual(proc.returncode, 3)
        self.assertIn("cannot create /nonexistent-dir/out.pcapng", proc.stderr)

    def test_unreadable_messages_are_left_out(self):
        entry = SyntheticHars().ws_entry([
            {"type": "receive", "time": 1767323045.5, "opcode": 2, "data": "not base64!"},
            {"type": "send", "time": 1767323045.6, "opcode": 1, "data": 42},
            {"type": "sideways", "time": 1767323045.7, "opcode": 1, "data": "x"},
            {"type": "send", "time": 1767323045.8, "opcode": 1, "data": "<presence/>"},
        ])
        write_har("t-msgs.har", {"log": {"entries": [entry]}})
        proc = run_converter(os.path.join(captures_dir(), "t-msgs.har"), os.path.join(captures_dir(), "t-msgs.pcapng"))
        self.assertEqual(proc.returncode, 0)
        self.assertIn("entry 1: 3 WebSocket messages unreadable, left out", proc.stderr)
        os.chmod(os.path.join(captures_dir(), "t-msgs.pcapng"), 0o644)
        self.assertEqual(harness.fields("t-msgs.pcapng", ["xmppws.element"], "xmppws"), [["presence"]])


class OpenHarDirectly(unittest.TestCase):
    """The wiretap plugin: 4.6 opens .har files; 4.0 and 4.4 cannot (no
    wiretap/wtap_module.h in their SDK), there xmppws-har converts."""

    def test_tshark_reads_a_har(self):
        if not harness.wireshark_at_least(4, 6):
            with self.assertRaisesRegex(AssertionError, "isn't a capture file in a format TShark understands"):
                harness.run_tshark(["-r", harness.capture("har-ws.har")])
            return
        converted, _ = convert("har-ws.har")
        cols = ["frame.time_epoch", "frame.len", "frame.comment", "tcp.stream", "xmppws.element"]
        self.assertEqual(harness.fields("har-ws.har", cols), harness.fields(converted, cols))
        self.assertEqual(messages("har-ws.har"), messages(converted))

    def test_save_as_writes_pcapng(self):
        """4.6: tshark -w saves the opened HAR as pcapng; before, the
        converter writes the pcapng."""
        if harness.wireshark_at_least(4, 6):
            saved = os.path.join(os.path.dirname(captures_dir()), "home", "saved.pcapng")
            harness.run_tshark(["-r", harness.capture("har-wss.har"), "-w", saved])
        else:
            saved = os.path.join(captures_dir(), convert("har-wss.har")[0])
        with open(saved, "rb") as f:
            self.assertEqual(f.read(4), b"\x0a\x0d\x0d\x0a")
        self.assertEqual(messages(os.path.relpath(saved, captures_dir())), messages(convert("har-wss.har")[0]))

    def test_broken_har_gets_the_reader_error(self):
        write_har("t-trunc.har", "{\"log\": {\"entries\": [")
        error = "HAR: truncated" if harness.wireshark_at_least(4, 6) else "isn't a capture file"
        with self.assertRaisesRegex(AssertionError, error):
            harness.run_tshark(["-r", harness.capture("t-trunc.har")])


if __name__ == "__main__":
    unittest.main()
