"""The analysis views on the "xmppws" tap, asserted on real-server
captures (prosody 0.12 with Strophe.js, ejabberd 23.01 with @xmpp/client):
the connection index (xmppws.connection), the sessions table
(-z xmppws,sessions), iq response times (-z xmppws,srt) and Follow XMPP/WS
Stream (-z follow,xmppws,...)."""

import base64
import re
import unittest

from harness import fields, frames, run_tshark, capture, statistics_title

CONFLICT = "resource-conflict.pcapng"
JID_1001 = "1001@finesse.example.test/desktop"

SESSION_COLUMNS = ["Conn", "Client", "Server", "Start", "End", "SASL user", "Mechanism", "Bound JID",
                   "Bind frame", "Ended", "End frame", "Stanzas", "Updates", "Errors", "Unanswered iqs",
                   "Last state"]


def sessions(capture_name, extra=(), filter_text=None, tz="UTC"):
    """The rows of -z xmppws,sessions[,FILTER], each a dict by column name."""
    z = "xmppws,sessions" + ("," + filter_text if filter_text else "")
    out = run_tshark(["-q", "-n", "-r", capture(capture_name), "-z", z] + list(extra), tz=tz)
    assert statistics_title("Sessions") + ":" in out, out
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("Conn |"))
    columns = [c.strip() for c in header.split("|")[:-1]]
    assert columns == SESSION_COLUMNS, columns
    rows = []
    for line in lines[lines.index(header) + 1:]:
        if line.endswith(" |") and line[0].isdigit():
            rows.append(dict(zip(columns, [c.strip() for c in line.split("|")[:-1]])))
    return rows


class ConnectionIndex(unittest.TestCase):
    def test_two_desktops_of_one_jid_are_two_connections(self):
        rows = fields(CONFLICT, ["frame.number", "xmppws.connection", "tcp.stream"], "xmppws")
        by_stream = {}
        for frame, conns, stream in rows:
            by_stream.setdefault(stream, set()).update(conns.split("|"))
        self.assertEqual(sorted(map(sorted, by_stream.values())), [["1"], ["2"]])
        first = {int(r[0]): r[1] for r in rows}
        self.assertEqual((first[8], first[29], first[35], first[36], first[39]), ("1", "2", "2", "1|1", "2"))
        self.assertEqual(frames(CONFLICT, "xmppws.connection == 1 && xmppws.error.condition == \"conflict\""),
                         [36])

    def test_stable_on_redissection(self):
        cols = ["frame.number", "xmppws.connection"]
        self.assertEqual(fields(CONFLICT, cols, "xmppws"), fields(CONFLICT, cols, "xmppws", ["-2"]))

    def test_bosh_session_is_one_connection_across_tcp_connections(self):
        rows = fields("ws-and-bosh.pcapng", ["xmppws.connection", "tcp.stream", "xmppws.framing"], "xmppws")
        streams = {}
        for conn, stream, framing in rows:
            streams.setdefault(conn.split("|")[0], set()).add(stream)
        self.assertEqual(sorted(streams), ["1", "2"])
        self.assertEqual(len(streams["1"]), 1)                 # the WebSocket connection
        self.assertGreater(len(streams["2"]), 1)               # the BOSH session, several TCP connections
        self.assertEqual({r[2] for r in rows if r[0].startswith("2")}, {"3"})    # BOSH framing

    def test_on_every_message(self):
        self.assertEqual(frames(CONFLICT, "xmppws && !xmppws.connection"), [])


class Sessions(unittest.TestCase):
    def test_resource_conflict_gives_two_rows_first_ending_in_conflict(self):
        first, second = sessions(CONFLICT)
        self.assertEqual([first["Conn"], second["Conn"]], ["1", "2"])
        for row in (first, second):
            self.assertEqual(row["Bound JID"], JID_1001)
            self.assertEqual((row["SASL user"], row["Mechanism"]), ("1001", "PLAIN"))
            self.assertEqual(row["Server"], "127.0.0.1:7071")
        self.assertEqual(first["Client"], "127.0.0.1:34514")
        self.assertEqual(second["Client"], "127.0.0.1:34520")
        self.assertEqual((first["Ended"], first["End frame"], first["Bind frame"]),
                         ("stream error conflict", "36", "15"))
        self.assertEqual((second["Ended"], second["End frame"], second["Bind frame"]), ("<close/>", "51", "39"))
        self.assertEqual((first["Stanzas"], first["Errors"]), ("6", "1"))
        self.assertEqual((first["Start"], first["End"]),
                         ("2026-11-23 22:31:48.508376 UTC", "2026-11-23 22:31:48.947955 UTC"))
        self.assertEqual(second["Start"], "2026-11-23 22:31:48.936213 UTC")

    def test_times_in_the_users_time_format(self):
        """Start and End follow -t: UTC for the UTC formats, local time
        with its zone otherwise (here TZ=XST-3), seconds for epoch."""
        starts = {fmt: sessions(CONFLICT, ["-t", fmt], tz="XST-3")[0]["Start"] for fmt in ("ud", "u", "ad", "e")}
        self.assertEqual(starts, {"ud": "2026-11-23 22:31:48.508376 UTC", "u": "22:31:48.508376 UTC",
                                  "ad": "2026-11-24 01:31:48.508376 XST", "e": "1795473108.508376"})

    def test_tcp_rst_without_close(self):
        (row,) = sessions("tcp-rst.pcapng")
        self.assertEqual((row["Ended"], row["End frame"]), ("RST without <close/>", "25"))
        self.assertEqual(frames("tcp-rst.pcapng", "tcp.flags.reset == 1")[0], 25)

    def test_fin_without_close_and_unanswered_pings(self):
        first, second = sessions("gen-ping-timeout.pcap")
        self.assertEqual((first["Ended"], first["End frame"], first["Unanswered iqs"]),
                         ("FIN without <close/>", "38", "2"))
        self.assertEqual(len(frames("gen-ping-timeout.pcap", "xmppws.expert.ping_unanswered", ["-2"])), 2)
        self.assertEqual((second["Ended"], second["Unanswered iqs"]), ("<close/>", "0"))

    def test_finesse_updates_and_last_agent_state(self):
        (row,) = sessions("finesse-desktop-ws.pcapng")
        self.assertEqual((row["Stanzas"], row["Updates"], row["Last state"], row["Bind frame"]),
                         ("24", "4", "READY", "15"))
        (row,) = sessions("finesse-feeds.pcapng")
        self.assertEqual((row["Updates"], row["Last state"], row["Ended"], row["End frame"]),
                         ("20", "LOGOUT", "<close/>", "92"))

    def test_scram_on_ejabberd(self):
        (row,) = sessions("xmppjs-ejabberd-ws.pcapng")
        self.assertEqual((row["Mechanism"], row["SASL user"], row["Bound JID"], row["Ended"]),
                         ("SCRAM-SHA-1", "1001", JID_1001, "<close/>"))
        (row,) = sessions("xmppjs-ejabberd-auth-failure.pcapng")
        self.assertEqual((row["Bound JID"], row["Errors"]), ("-", "1"))

    def test_bosh_sessions(self):
        first, second = sessions("bosh-conflict.pcapng")
        self.assertEqual((first["Ended"], first["End frame"]), ("stream error conflict", "40"))
        self.assertEqual((second["Ended"], second["End frame"]), ("BOSH terminate", "49"))
        ws, bosh = sessions("ws-and-bosh.pcapng")
        self.assertEqual((ws["Ended"], bosh["Ended"]), ("<close/>", "BOSH terminate"))

    def test_same_with_two_passes(self):
        self.assertEqual(sessions(CONFLICT), sessions(CONFLICT, ["-2"]))

    def test_filter(self):
        (row,) = sessions(CONFLICT, filter_text="xmppws.connection == 2")
        self.assertEqual((row["Conn"], row["Bind frame"]), ("2", "39"))


DESKTOP = "finesse-desktop-ws.pcapng"
PASSWORD = "Desk-Pa55w0rd!1001"


def message_count(capture_name, display_filter="xmppws"):
    """XMPP messages (one xmppws.connection per message) in the matching frames."""
    return sum(len(r[0].split("|")) for r in fields(capture_name, ["xmppws.connection"], display_filter))


class ResponseTimes(unittest.TestCase):
    def srt_rows(self, capture_name):
        out = run_tshark(["-q", "-n", "-r", capture(capture_name), "-z", "xmppws,srt"])
        self.assertIn("XMPP/WS SRT Statistics:", out)
        rows = {}
        for line in out.splitlines():
            m = re.match(r"\s*\d+\s+(.+?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line)
            if m:
                rows[m.group(1)] = (int(m.group(2)),) + tuple(float(v) for v in m.group(3, 4, 5))
        return rows

    def test_per_iq_kind_matches_the_response_times_of_the_tree(self):
        times = {int(f): float(t) / 1000 for f, t in fields(DESKTOP, ["frame.number", "xmppws.response_time"],
                                                             "xmppws.response_time")}
        kinds = {"bind": [15], "session": [17], "pubsub subscribe": [23, 26], "pubsub subscriptions": [29],
                 "ping": [40], "pubsub unsubscribe": [43, 46]}
        rows = self.srt_rows(DESKTOP)
        self.assertEqual(sorted(rows), sorted(kinds))
        self.assertEqual(sorted(f for v in kinds.values() for f in v), sorted(times))
        for kind, response_frames in kinds.items():
            values = [times[f] for f in response_frames]
            calls, low, high, avg = rows[kind]
            self.assertEqual(calls, len(values), kind)
            self.assertAlmostEqual(low, min(values), places=6, msg=kind)
            self.assertAlmostEqual(high, max(values), places=6, msg=kind)
            self.assertAlmostEqual(avg, sum(values) / len(values), places=6, msg=kind)

    def test_unanswered_pings_are_not_counted(self):
        rows = self.srt_rows("gen-ping-timeout.pcap")
        self.assertEqual((rows["bind"][0], rows["ping"][0]), (2, 2))
        self.assertEqual(len(frames("gen-ping-timeout.pcap", "xmppws.ping && xmppws.type == \"get\"")), 4)


class FollowStream(unittest.TestCase):
    def follow(self, capture_name, connection, mode="ascii", extra=()):
        return run_tshark(["-q", "-n", "-r", capture(capture_name), "-z",
                           "follow,xmppws,%s,%d" % (mode, connection)] + list(extra))

    def test_messages_in_order_with_direction_and_unescaped_updates(self):
        out = self.follow(DESKTOP, 1)
        self.assertIn("Filter: xmppws.connection == 1", out)
        heads = re.findall(r"^\[frame (\d+), (client to server|server to client), (.*) UTC\]$", out, re.M)
        self.assertEqual(len(heads), message_count(DESKTOP))
        self.assertEqual([int(h[0]) for h in heads], sorted(int(h[0]) for h in heads))
        self.assertEqual(heads[0], ("8", "client to server", "2026-11-23 22:31:21.006499"))
        self.assertEqual(heads[1][:2], ("9", "server to client"))
        self.assertIn("&lt;state&gt;READY&lt;/state&gt;", out)         # the message as sent
        self.assertIn("<state>READY</state>", out)                       # its update, unescaped
        self.assertEqual(out.count("[the update in the message above, unescaped and indented]"), 4)

    def test_updates_are_indented(self):
        """gen-multi-message-segment sends its Update as one line of escaped
        text; Follow shows it one element per line, two spaces a level."""
        out = self.follow("gen-multi-message-segment.pcap", 1)
        self.assertIn("&lt;Update&gt;&lt;data&gt;&lt;user&gt;", out)              # as sent
        self.assertIn("[the update in the message above, unescaped and indented]\n<Update>\n  <data>\n"
                      "    <user>\n      <dialogs>/finesse/api/User/1001/Dialogs</dialogs>\n", out)

    def test_malformed_update_as_it_is(self):
        """gen-finesse-forms frame 38: an Update that is not well-formed
        XML is shown unescaped but not re-indented, and says so."""
        out = self.follow("gen-finesse-forms.pcap", 1)
        record = out[out.index("[frame 38,"):]
        record = record[:record.index("\n[frame ")]
        self.assertIn("[the update in the message above, unescaped; not well-formed XML]\n"
                      "<Update><event>PUT</event><data><user>", record)
        self.assertEqual(out.count("unescaped and indented]"), 5)

    def test_credentials_hidden_as_in_the_tree(self):
        plain = base64.b64encode(b"\x001001\x00" + PASSWORD.encode()).decode()
        for mode in ("ascii", "yaml", "raw"):
            out = self.follow(DESKTOP, 1, mode)
            self.assertNotIn(PASSWORD, out)
            self.assertNotIn(plain, out)
            self.assertNotIn(PASSWORD.encode().hex(), out)
        out = self.follow(DESKTOP, 1)
        self.assertIn("[frame 10, client to server", out)
        self.assertIn("<!-- hidden: this message may hold SASL credentials", out)
        self.assertIn(plain, self.follow(DESKTOP, 1, extra=["-o", "xmppws.show_secrets:TRUE"]))

    def test_one_connection_of_two_desktops(self):
        first, second = self.follow(CONFLICT, 1), self.follow(CONFLICT, 2)
        self.assertIn("<conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>", first)
        self.assertNotIn("xmpp-streams", second)
        self.assertIn("Node 0: 127.0.0.1:34520", second)
        frames_2 = [int(f) for f in re.findall(r"^\[frame (\d+),", second, re.M)]
        self.assertEqual(frames_2[0], 29)
        self.assertNotIn(36, frames_2)


class FlowGraph(unittest.TestCase):
    """Wireshark's own "any" flow (Statistics > Flow Graph, All Flows,
    limited to the display filter xmppws) labels each message's arrow with
    its Info text: SASL, bind, subscribe and agent states read as the
    desktop's story. (A flow type of the plugin's own needs
    epan/sequence_analysis.h, which the SDK does not install.)"""

    def test_arrows_carry_the_info_text(self):
        # 4.0's tshark prints GLib warnings of its own for this table (also without the plugin)
        out = run_tshark(["-q", "-n", "-r", capture(DESKTOP), "-z", "flow,any,standard,xmppws"], check_stderr=False)
        comments = [line.split("|XMPP/WS: ", 1)[1] for line in out.splitlines() if "|XMPP/WS: " in line]
        # one arrow per frame with XMPP; a frame that ends with a WebSocket close frame is labelled WebSocket's
        self.assertEqual(len(comments), len(frames(DESKTOP, "xmppws && !(websocket.opcode == 8)")))
        for label in ["SASL auth PLAIN 1001", "iq set _bind_auth_2 (bind)",
                      "iq set 02937819-2b67-4af0-95ef-b9a7da74def0:subscribenode "
                      "(pubsub subscribe /finesse/api/User/1001)",
                      "Finesse User 1001 NOT_READY (Break)", "Finesse User 1001 READY (was NOT_READY)"]:
            self.assertIn(label, comments)
        self.assertLess(comments.index("SASL auth PLAIN 1001"), comments.index("iq set _bind_auth_2 (bind)"))


if __name__ == "__main__":
    unittest.main()
