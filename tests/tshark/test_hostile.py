"""Hostile input: every gen-hostile-*.pcap (test-captures/make/generate_hostile.py)
holds a session with hostile messages between the bind and an ordinary ping
("after-hostile") and its result. For each, tshark -2 -V must finish within a
time bound with nothing on stderr, every hostile message must get a clear
expert (and its raw text), and the ping after it must still be dissected.
Entities are never expanded, and a local file named by an external entity
never appears in any output."""

import base64
import os
import resource
import unittest

from harness import capture, fields, libxml2_reworded, run_tshark, stat_tables

# libxml2's own words for the depth limit (its limit is the same, 256 levels).
TOO_DEEP = ("Excessive depth in document: 257 use XML_PARSE_HUGE option" if libxml2_reworded() else
            "Excessive depth in document: 256")

AFTER = "after-hostile"
XXE_FILE = "/tmp/xmppws-hostile-xxe.txt"          # as in generate_hostile.py
XXE_MARKER = "XMPPWS-XXE-MARKER-4f1c9a"
SASL_PASSWORD = "Hostile-Pa55w0rd!"
SHOW = ["-o", "xmppws.show_secrets:TRUE"]
SANITIZER = bool(os.environ.get("XMPPWS_PRELOAD"))
SECONDS_PER_RUN = 180 if SANITIZER else 60        # a hang or a quadratic blow-up fails
MAX_RSS_MB = 2048 if SANITIZER else 768           # peak of any tshark run in this module

FIELDS = ["frame.number", "xmppws.id", "xmppws.element", "xmppws.text", "finesse.event", "_ws.expert.message"]


def rows(cap, extra=()):
    """One dict per XMPP message frame (-2), fields as above; repeated
    occurrences joined with '|'."""
    args = ["-n", "-2", "-r", capture(cap), "-Y", "xmppws", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-E", "separator=\t"] + list(extra)
    for f in FIELDS:
        args += ["-e", f]
    out = run_tshark(args, timeout=SECONDS_PER_RUN)
    return [dict(zip(FIELDS, line.split("\t"))) for line in out.splitlines()]


def verbose(cap, extra=()):
    return run_tshark(["-n", "-2", "-r", capture(cap), "-V"] + list(extra), timeout=SECONDS_PER_RUN)


def hostile_rows(cap, extra=()):
    """The messages between the bind result and the ping after them."""
    all_rows = rows(cap, extra)
    bound = max(i for i, r in enumerate(all_rows) if r["xmppws.id"] == "bind_1")
    after = min(i for i, r in enumerate(all_rows) if r["xmppws.id"] == AFTER)
    return all_rows[bound + 1:after], all_rows[after:]


class HostileCase(unittest.TestCase):
    def assert_rest_dissected(self, rest):
        self.assertEqual([(r["xmppws.id"], r["xmppws.element"]) for r in rest[:2]],
                         [(AFTER, "iq"), (AFTER, "iq")])
        self.assertIn("close", [r["xmppws.element"] for r in rest])

    def assert_each_has_expert(self, hostile, text, count):
        self.assertEqual(len(hostile), count)
        for r in hostile:
            with self.subTest(frame=r["frame.number"]):
                self.assertIn(text, r["_ws.expert.message"])
                self.assertTrue(r["xmppws.text"] or r["finesse.event"] or text.startswith("Malformed Finesse"))


class Entities(HostileCase):
    @classmethod
    def setUpClass(cls):
        # A local file an external entity names, readable by the user tshark runs as.
        with open(XXE_FILE, "w") as f:
            f.write(XXE_MARKER + "\n")
        os.chmod(XXE_FILE, 0o644)

    def test_billion_laughs_is_not_expanded(self):
        hostile, rest = hostile_rows("gen-hostile-billion-laughs.pcap")
        self.assert_each_has_expert(hostile, "Malformed XML: a DOCTYPE, which XMPP forbids", 1)
        self.assertTrue(hostile[0]["xmppws.text"].startswith("<!DOCTYPE message [<!ENTITY lol "))
        self.assert_rest_dissected(rest)
        self.assertNotIn("lollollol", verbose("gen-hostile-billion-laughs.pcap"))

    def test_external_entity_is_never_read(self):
        cap = "gen-hostile-xxe.pcap"
        hostile, rest = hostile_rows(cap)
        self.assert_each_has_expert(hostile, "a DOCTYPE, which XMPP forbids", 2)
        self.assertEqual(hostile[1]["xmppws.id"], "hostile-2")        # the stanza around it still shown
        self.assert_rest_dissected(rest)
        for fmt in [["-V"], ["-T", "json"], ["-T", "pdml"], ["-T", "ek"]]:
            with self.subTest(output=fmt):
                out = run_tshark(["-n", "-2", "-r", capture(cap)] + fmt, timeout=SECONDS_PER_RUN)
                self.assertNotIn(XXE_MARKER, out)
        self.assertNotIn(XXE_MARKER, verbose("gen-hostile-finesse.pcap"))

    def test_doctype_alone(self):
        hostile, rest = hostile_rows("gen-hostile-doctype.pcap")
        self.assert_each_has_expert(hostile, "a DOCTYPE, which XMPP forbids (RFC 6120 11.1)", 1)
        self.assert_rest_dissected(rest)


class Size(HostileCase):
    def test_deep_nesting(self):
        hostile, rest = hostile_rows("gen-hostile-deep-nesting.pcap")
        self.assert_each_has_expert(hostile, TOO_DEEP, 1)
        self.assertIn("Elements nested deeper than 16 levels are not shown", hostile[0]["_ws.expert.message"])
        self.assertEqual(hostile[0]["xmppws.id"], "hostile-1")
        self.assert_rest_dissected(rest)

    def test_ten_megabyte_message(self):
        cap = "gen-hostile-10mb.pcap"
        hostile, rest = hostile_rows(cap)
        self.assertEqual([(r["xmppws.id"], r["_ws.expert.message"]) for r in hostile], [("hostile-1", "")])
        self.assert_rest_dissected(rest)
        out = run_tshark(["-n", "-2", "-r", capture(cap), "-Y", "len(xmppws.xml.text) == 10485760",
                          "-T", "fields", "-e", "xmppws.id"], timeout=SECONDS_PER_RUN)
        self.assertEqual(out.split(), ["hostile-1"])

    def test_hundred_thousand_attributes(self):
        hostile, rest = hostile_rows("gen-hostile-many-attributes.pcap")
        self.assert_each_has_expert(hostile, "Oversized XML: an element with more than 1000 attributes; "
                                             "the rest is not parsed (at byte 0 of", 1)
        self.assert_rest_dissected(rest)

    def test_two_hundred_thousand_elements(self):
        hostile, rest = hostile_rows("gen-hostile-many-elements.pcap")
        self.assert_each_has_expert(hostile, "Oversized XML: more than 50000 elements in one message", 1)
        self.assertEqual(hostile[0]["xmppws.id"], "hostile-1")
        self.assert_rest_dissected(rest)

    def test_fifty_thousand_top_level_elements(self):
        # Every one dissected (tests/unit/parse_is_linear.py checks that
        # the parse layer's work for 50,000 is 5x that for 10,000), one
        # expert, and the Info column says it once with the count.
        for cap, count in [("gen-hostile-siblings-10k.pcap", 10000), ("gen-hostile-siblings-50k.pcap", 50000)]:
            with self.subTest(capture=cap):
                hostile, rest = hostile_rows(cap)
                self.assertEqual(len(hostile), 1)
                self.assertEqual(hostile[0]["xmppws.element"].split("|"), ["r"] * count)
                self.assertEqual(hostile[0]["_ws.expert.message"],
                                 "This message holds %d top-level elements; RFC 7395 3.3.3 says one" % count)
                self.assert_rest_dissected(rest)
                self.assertEqual(fields(cap, ["_ws.col.Info"], "xmppws.expert.several_elements"),
                                 [["SM r \u00d7%d" % count]])

    def test_megabyte_attribute_value(self):
        cap = "gen-hostile-1mb-attribute.pcap"
        hostile, rest = hostile_rows(cap)
        self.assertEqual([(r["xmppws.element"], r["_ws.expert.message"]) for r in hostile], [("presence", "")])
        self.assert_rest_dissected(rest)
        out = run_tshark(["-n", "-r", capture(cap), "-Y", "len(xmppws.xml.attribute) == 1048576",
                          "-T", "fields", "-e", "xmppws.element"], timeout=SECONDS_PER_RUN)
        self.assertEqual(out.split(), ["presence"])


class Encoding(HostileCase):
    def test_invalid_utf8(self):
        hostile, rest = hostile_rows("gen-hostile-invalid-utf8.pcap")
        self.assertEqual(len(hostile), 5)
        for r in hostile[:4]:
            self.assertIn("Malformed XML: ", r["_ws.expert.message"])
        self.assertIn("Not an XMPP message", hostile[4]["_ws.expert.message"])
        self.assertIn("lone continuation \ufffd byte", hostile[0]["xmppws.text"])
        self.assert_rest_dissected(rest)

    def test_nul_bytes_are_shown_not_cut(self):
        hostile, rest = hostile_rows("gen-hostile-nul.pcap")
        self.assertEqual(len(hostile), 5)
        for r in hostile:
            # libxml2 2.13+ names a NUL in an attribute value without its code.
            self.assertTrue("Malformed XML: Char 0x0" in r["_ws.expert.message"] or
                            "Malformed XML: Invalid character: Char 0x0" in r["_ws.expert.message"] or
                            (libxml2_reworded() and
                             "Malformed XML: invalid character in attribute value" in r["_ws.expert.message"]) or
                            "Not an XMPP message" in r["_ws.expert.message"])
            self.assertNotIn("Trailing stray characters", r["_ws.expert.message"])
        self.assertIn("<body>a\u2400b</body></message>", hostile[1]["xmppws.text"])
        self.assertEqual(hostile[4]["xmppws.text"], "\u2400" * 64)
        self.assert_rest_dissected(rest)

    def test_truncated(self):
        hostile, rest = hostile_rows("gen-hostile-truncated.pcap")
        self.assertEqual([r["xmppws.id"] for r in hostile], ["trunc-1", "", "trunc-3", "", ""])
        for r in hostile[:4]:
            self.assertIn("Malformed XML: ", r["_ws.expert.message"])
        self.assertIn("CData section not finished", hostile[2]["_ws.expert.message"])
        self.assertIn("Not an XMPP message", hostile[4]["_ws.expert.message"])
        self.assertEqual(hostile[4]["xmppws.text"], "<")
        self.assert_rest_dissected(rest)


class Finesse(HostileCase):
    def test_hostile_updates(self):
        hostile, rest = hostile_rows("gen-hostile-finesse.pcap")
        experts = [r["_ws.expert.message"] for r in hostile]
        self.assertEqual(len(experts), 5)
        for e in experts[:2]:
            self.assertIn("Malformed Finesse Update: a DOCTYPE, which XMPP forbids", e)
        self.assertIn("Malformed Finesse Update: " + TOO_DEEP, experts[2])
        self.assertIn("Malformed Finesse Update: Opening and ending tag mismatch", experts[3])
        self.assertIn("Malformed Finesse Update: more than 50000 elements", experts[4])
        self.assert_rest_dissected(rest)

    def test_counts_of_words_a_capture_chooses(self):
        """200 updates, each with its own state and event: the counts table
        keeps 63 rows and counts the rest under "(others)" (each update
        walks the table, so its size is bounded)."""
        tables = stat_tables(run_tshark(["-n", "-q", "-r", capture("gen-hostile-finesse-states.pcap"),
                                         "-z", "finesse,counts"]))
        self.assertEqual(tables["Updates by feed"], [["User", "200"]])
        for title, prefix in (("Agent states", "STATE_"), ("Updates by event", "EV_")):
            rows = tables[title]
            self.assertEqual(len(rows), 64, title)
            self.assertEqual([r[0] for r in rows[:63]], ["%s%03d" % (prefix, i) for i in range(63)])
            self.assertEqual(rows[:63], [[r[0], "1"] for r in rows[:63]])
            self.assertEqual(rows[63], ["(others)", "137"])


class SaslCredentials(HostileCase):
    def test_unparsed_auth_hides_its_text(self):
        cap = "gen-hostile-sasl.pcap"
        hostile, rest = hostile_rows(cap)
        self.assertEqual(len(hostile), 3)
        self.assertTrue(hostile[0]["xmppws.text"].startswith("<hidden: may hold SASL credentials"))
        self.assertEqual([r["xmppws.element"] for r in hostile[1:]], ["auth", "auth"])
        self.assert_rest_dissected(rest)
        shown = hostile_rows(cap, SHOW)[0]
        self.assertIn("mechanism='PLAIN'>AD", shown[0]["xmppws.text"])


    def test_sasl_inside_a_payload_hides_too(self):
        """gen-hostile-finesse-sasl: an Update whose escaped text carries a
        SASL <auth> with a PLAIN password. Neither the generic view of the
        Update, nor the notification's text, nor Follow's unescaped copy
        shows it; with show_secrets on, all of them do."""
        cap = "gen-hostile-finesse-sasl.pcap"
        b64 = base64.b64encode(("\0%s\0%s" % ("1001", SASL_PASSWORD)).encode()).decode()
        base = ["-n", "-2", "-r", capture(cap)]
        follow = ["-q", "-z", "follow,xmppws,ascii,1"]
        for fmt in (["-V"], ["-T", "pdml"], ["-T", "json"], ["-T", "ek"], follow):
            with self.subTest(output=fmt[-1]):
                self.assertNotIn(b64, run_tshark(base + fmt))
                self.assertIn(b64, run_tshark(base + fmt + SHOW))
        self.assertIn("[the update in the message above, unescaped]\n<!-- hidden: this message may hold SASL "
                      "credentials", run_tshark(base + follow))
        self.assertEqual(fields(cap, ["finesse.user.state"], "finesse"), [["READY"]])


class Bounds(unittest.TestCase):
    """Runs -2 -V on every hostile capture within SECONDS_PER_RUN each (or
    TimeoutExpired fails it), then checks the peak memory of all tshark
    runs of this module."""

    def test_every_hostile_capture_in_bounded_time_and_memory(self):
        names = sorted(n for n in os.listdir(os.path.dirname(capture("gen-hostile-10mb.pcap")))
                       if n.startswith("gen-hostile-"))
        self.assertGreaterEqual(len(names), 13)
        for name in names:
            with self.subTest(capture=name):
                self.assertIn(AFTER, verbose(name))
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        self.assertLess(peak_mb, MAX_RSS_MB)


if __name__ == "__main__":
    unittest.main()
