"""No SASL secret in any output with default preferences, on every capture
that carries one -- found by content, so captures added later (BOSH, TLS
with a key log beside the capture as NAME.keys, hostile ones) are covered
without a change here.

For each capture in test-captures/, a run with xmppws.show_secrets on
collects its secrets: PLAIN passwords, SCRAM client proofs, DIGEST-MD5
responses, and the base64 text of every <auth> and <response> that holds
one. Then, with default preferences, none of them (nor the hex of the
base64, which PDML shows for an item's bytes) may appear in -V, -z expert,
-T fields with every xmppws and finesse field plus the Info column and the
expert messages, -T json, -T ek or -T pdml. (The preference's other
direction is test_session.Secrets.test_password_appears_with_the_preference.)

The tshark runs go to a pool of two workers (the test machines have two
cores; each run costs about a second, nearly all of it tshark's start-up).
Under the sanitizer build ($XMPPWS_PRELOAD set) -T json and -T ek are left
out: that pass exists to catch memory errors in the plugin, and the
dissection, which every output format runs the same way, is still made for
-V, -T fields and -T pdml; the normal build checks every format.
"""

import base64
import concurrent.futures
import os
import re
import unittest

from harness import capture, run_tshark, wireshark_at_least

SHOW = ["-o", "xmppws.show_secrets:TRUE"]
# The sanitizer build (see the module's docstring).
SANITIZED = bool(os.environ.get("XMPPWS_PRELOAD"))
_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2)


def start(args):
    """Starts a tshark run in the pool: a future of its output (run_tshark)."""
    return _pool.submit(run_tshark, list(args))

SECRET_FIELDS = ["xmppws.auth.password", "xmppws.auth.scram.proof", "xmppws.auth.digest.response"]
SECRET_FILTER = " || ".join(SECRET_FIELDS)

# Left out of the check, because they are not the plugin's and it cannot
# take them back: Wireshark's HTTP dissector puts a whole BOSH request body,
# <auth> and all, in its field http.file_data (JSON, EK, PDML; not -V), PDML
# gives tcp.payload's bytes in hex (the packet itself, as -x shows it), and
# from Wireshark 4.6 on, websocket.payload is a bytes field, so PDML gives
# the unmasked WebSocket message in hex too (WebSocketPayload.test below
# asserts that, per release). Documented in docs/robustness.md.
NOT_OURS = re.compile(r'"http(?:_http)?[._]file_data":\s*"(?:[^"\\]|\\.)*"'
                      r'|<field name="(?:http\.file_data|tcp\.payload|websocket\.payload)"[^>]*>')


def without_other_dissectors_bytes(text):
    return NOT_OURS.sub("", text)


def capture_names():
    folder = os.path.dirname(capture("finesse-desktop-ws.pcapng"))
    return sorted(n for n in os.listdir(folder) if n.endswith((".pcap", ".pcapng")))


def plugin_fields():
    """Every field of the two protocols (tshark -G fields)."""
    out = run_tshark(["-G", "fields"])
    names = [line.split("\t")[2] for line in out.splitlines() if line.startswith("F\t")]
    return [n for n in names if n.startswith(("xmppws.", "finesse."))]


def keys_for(cap):
    """-o tls.keylog_file for a capture with a key log beside it (NAME.keys)."""
    keys = os.path.splitext(capture(cap))[0] + ".keys"
    return ["-o", "tls.keylog_file:" + keys] if os.path.exists(keys) else []


def secrets_of(cap):
    """The secrets a capture holds, as shown when the preference is on: a
    future of the set."""
    args = ["-n", "-2", "-r", capture(cap), "-Y", SECRET_FILTER, "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=\x01", "-E", "separator=\x01"] + SHOW + keys_for(cap)
    for f in SECRET_FIELDS + ["xmppws.xml.text", "xmppws.text"]:
        args += ["-e", f]

    def found(out):
        return {v for line in out.splitlines() for v in line.split("\x01") if len(v) >= 8}
    return _pool.submit(lambda: found(run_tshark(args)))


def outputs(cap, fields):
    """[(format, future of the output)], all started at once."""
    base = ["-n", "-2", "-r", capture(cap)] + keys_for(cap)
    args = base + ["-T", "fields", "-e", "_ws.col.Info", "-e", "_ws.expert.message"]
    for f in fields:
        args += ["-e", f]
    runs = [("-V -z expert", start(base + ["-V", "-z", "expert"])), ("fields", start(args))]
    return runs + [(fmt, start(base + ["-T", fmt])) for fmt in (["pdml"] if SANITIZED else ["json", "ek", "pdml"])]


class Secrets(unittest.TestCase):
    def test_no_secret_in_any_output_with_default_preferences(self):
        fields = plugin_fields()
        self.assertIn("xmppws.auth.username", fields)
        with_secrets = {}
        for cap, future in [(cap, secrets_of(cap)) for cap in capture_names()]:
            found = future.result()
            if found:
                with_secrets[cap] = found
        # The captures known to carry credentials must be found (PLAIN,
        # SCRAM from two servers, DIGEST-MD5, an unparsable <auth>, BOSH,
        # BOSH in TLS).
        for cap in ["finesse-desktop-ws.pcapng", "finesse-desktop-scram.pcapng", "xmppjs-ejabberd-ws.pcapng",
                    "gen-sasl-digest.pcap", "gen-hostile-sasl.pcap", "finesse-desktop-bosh.pcapng",
                    "finesse-desktop-bosh-tls.pcapng"]:
            self.assertIn(cap, with_secrets)
        self.assertIn("Desk-Pa55w0rd!1001", with_secrets["finesse-desktop-ws.pcapng"])
        runs = {cap: outputs(cap, fields) for cap in sorted(with_secrets)}
        for cap, found in sorted(with_secrets.items()):
            hexes = {s.encode().hex() for s in found if len(s) >= 16}
            for name, future in runs.pop(cap):
                with self.subTest(capture=cap, output=name):
                    out = without_other_dissectors_bytes(future.result())
                    leaked = [s for s in found if s in out] + [h for h in hexes if h in out]
                    self.assertEqual(leaked, [])



class WebSocketPayload(unittest.TestCase):
    """What the WebSocket dissector's own field shows of a PLAIN <auth>, per
    release: an FT_NONE item up to 4.4, the unmasked message's bytes in 4.6."""

    def test_websocket_payload_in_pdml(self):
        plain_b64 = base64.b64encode(b"\x001001\x00Desk-Pa55w0rd!1001").decode()
        out = run_tshark(["-n", "-r", capture("finesse-desktop-ws.pcapng"), "-Y", "xmppws.auth.mechanism",
                          "-T", "pdml"])
        payload = re.findall(r'<field name="websocket\.payload"[^>]*>', out)
        self.assertEqual(len(payload), 1)
        if wireshark_at_least(4, 6):
            self.assertIn(plain_b64.encode().hex(), payload[0])
        else:
            self.assertNotIn(plain_b64.encode().hex(), out)


if __name__ == "__main__":
    unittest.main()
