"""The Cisco Finesse Notification protocol: the <Update> envelope, its own
data source, the User and Team data, and the per-agent state history, on
real prosody + Strophe.js and ejabberd + xmpp.js captures and on generated
ones; the Info column of every kind of Update. (One protocol layer per
Update in -T json, nothing dropped, Dialog, SystemInfo, Queue, Media, TeamMessage and
apiErrors: test_finesse_data.py.)

gen-finesse-payloads.pcap (test-captures/make/generate_finesse_payloads.py)
carries 19 Finesse 12.5 payloads, one event each, in frames
32 36 38 40 44 48 54 58 64 68 72 74 78 80 82 84 88 90 92."""

import unittest

from harness import capture, fields, frames, pdml, pdml_fields, run_tshark, stat_tables, statistics_title

DESKTOP = "finesse-desktop-ws.pcapng"
FEEDS = "finesse-feeds.pcapng"
PAYLOADS = "gen-finesse-payloads.pcap"


class Envelope(unittest.TestCase):
    def test_every_event_of_the_desktop_is_decoded(self):
        self.assertEqual(frames(DESKTOP, "xmppws.event.node"), [31, 33, 35, 37])
        self.assertEqual(frames(DESKTOP, "finesse"), [31, 33, 35, 37])
        rows = fields(DESKTOP, ["frame.number", "finesse.event", "finesse.source", "finesse.node", "finesse.feed",
                                "finesse.data"], "finesse")
        self.assertEqual(rows, [
            ["31", "PUT", "/finesse/api/User/1001", "/finesse/api/User/1001", "1", "user"],
            ["33", "PUT", "/finesse/api/User/1001", "/finesse/api/User/1001", "1", "user"],
            ["35", "PUT", "/finesse/api/Team/1", "/finesse/api/Team/1/Users", "5", "team"],
            ["37", "POST", "/finesse/api/User/1001/Dialogs", "/finesse/api/User/1001/Dialogs", "2", "dialogs"],
        ])

    def test_fields_highlight_the_unescaped_update(self):
        # The fields live in the "Finesse Update" data source: their bytes
        # are the unescaped XML, so each covers exactly its own text.
        packet = pdml(DESKTOP, "frame.number == 33")[0]
        for name in ["finesse.event", "finesse.source", "finesse.user.id", "finesse.user.state",
                     "finesse.user.first_name", "finesse.user.state_change_time", "finesse.user.role"]:
            for f in pdml_fields(packet, name):
                self.assertEqual(bytes.fromhex(f.get("value")).decode("utf-8"), f.get("show"), name)
        data = pdml_fields(packet, "finesse.data")[0]
        self.assertTrue(bytes.fromhex(data.get("value")).decode().startswith("<data>"))

    def test_update_is_its_own_data_source(self):
        packet = pdml(DESKTOP, "frame.number == 33")[0]
        state = pdml_fields(packet, "finesse.user.state")[0]
        xmpp = [p for p in packet.iter("proto") if p.get("name") == "xmppws"][0]
        # Offsets are within the Update, far smaller than within the frame.
        self.assertLess(int(state.get("pos")), int(xmpp.get("size")))


class DisabledInEnabledProtocols(unittest.TestCase):
    """With "finesse" disabled (Analyze > Enabled Protocols) the XMPP layer
    stands alone: the events and their payloads stay, nothing of Finesse."""

    OFF = ["--disable-protocol", "finesse"]

    def test_events_stay_generic(self):
        rows = fields(DESKTOP, ["frame.number", "_ws.col.Info", "xmppws.event.payload_length", "finesse.event"],
                      "xmppws.event.node", self.OFF)
        self.assertEqual(rows, [
            ["31", "message headline from pubsub.finesse.example.test (event /finesse/api/User/1001)", "1297", ""],
            ["33", "message headline from pubsub.finesse.example.test (event /finesse/api/User/1001)", "1066", ""],
            ["35", "message headline from pubsub.finesse.example.test (event /finesse/api/Team/1/Users)", "1366", ""],
            ["37", "message headline from pubsub.finesse.example.test (event /finesse/api/User/1001/Dialogs)", "2058",
             ""],
        ])
        self.assertEqual(frames(DESKTOP, "finesse", self.OFF), [])

    def test_only_the_generic_expert_remains(self):
        experts = fields(DESKTOP, ["frame.number", "_ws.expert.message"], "frame.number == 48")
        self.assertIn("Finesse desktop of agent 1001 goes unavailable", experts[0][1])
        self.assertEqual(fields(DESKTOP, ["frame.number", "_ws.expert.message"], "frame.number == 48", self.OFF),
                         [["48", "Presence unavailable"]])


class Users(unittest.TestCase):
    def test_user_fields(self):
        rows = fields(DESKTOP, ["frame.number", "finesse.user.id", "finesse.user.login_name",
                                "finesse.user.first_name", "finesse.user.last_name", "finesse.user.extension",
                                "finesse.user.state", "finesse.user.reason_code_id", "finesse.reason_code.code",
                                "finesse.reason_code.label", "finesse.reason_code.category", "finesse.user.team_id",
                                "finesse.user.team_name", "finesse.user.role"], "finesse.feed == 1")
        self.assertEqual(rows, [
            ["31", "1001", "agent1001", "Alice", "Agent", "1001", "NOT_READY", "12", "12", "Break", "NOT_READY", "1",
             "Team One", "Agent"],
            ["33", "1001", "agent1001", "Alice", "Agent", "1001", "READY", "-1", "", "", "", "1", "Team One", "Agent"],
        ])

    def test_info_column_and_previous_state(self):
        rows = fields(DESKTOP, ["frame.number", "_ws.col.Info", "finesse.user.previous_state"], "finesse.feed == 1")
        self.assertEqual(rows, [["31", "Finesse User 1001 NOT_READY (Break)", ""],
                                ["33", "Finesse User 1001 READY (was NOT_READY)", "NOT_READY"]])
        # The same in the GUI's second pass.
        self.assertEqual(fields(DESKTOP, ["finesse.user.previous_state"], "frame.number == 33", ["-2"]),
                         [["NOT_READY"]])

    def test_ejabberd_notification_without_namespace(self):
        cap = "xmppjs-ejabberd-ws.pcapng"
        rows = fields(cap, ["frame.number", "_ws.col.Info", "finesse.user.state"], "finesse")
        self.assertEqual(rows, [["54", "Finesse User 1001 NOT_READY", "NOT_READY"],
                                ["60", "Finesse User 1001 READY (was NOT_READY)", "READY"]])

    def test_display_filters(self):
        self.assertEqual(frames(DESKTOP, 'finesse.user.state == "NOT_READY"'), [31, 35])
        self.assertEqual(frames(DESKTOP, 'finesse.user.state == "READY" && finesse.user.previous_state == "NOT_READY"'),
                         [33])
        self.assertEqual(frames(DESKTOP, 'finesse.reason_code.label == "Break"'), [31, 35])   # Bob, in the team update

    def test_team(self):
        row = fields(DESKTOP, ["_ws.col.Info", "finesse.team.id", "finesse.team.name", "finesse.user.id",
                               "finesse.user.state"], "frame.number == 35")[0]
        self.assertEqual(row, ['Finesse Team 1 "Team One" (2 users)', "1", "Team One", "1001|1002",
                               "READY|NOT_READY"])

    def test_team_update_over_64k(self):
        row = fields("gen-large-message.pcap", ["_ws.col.Info", "finesse.source", "finesse.feed", "finesse.user.id"],
                     "frame.number == 173")[0]
        # A bare <users> list: the team is named from the node.
        self.assertEqual(row[:3], ["Finesse Team 10 (400 users)", "/finesse/api/Team/10/Users", "5"])
        self.assertEqual(len(row[3].split("|")), 400)

    def test_several_messages_in_a_frame(self):
        row = fields("gen-multi-message-segment.pcap", ["_ws.col.Info"], "frame.number == 21")[0]
        self.assertEqual(row, ["Finesse User 1001 READY | presence dnd"])



class AgentTimeline(unittest.TestCase):
    """finesse-feeds.pcapng: one agent through a whole call (make/prosody-strophe/NOTES.md)."""

    def test_state_history(self):
        rows = fields(FEEDS, ["frame.number", "_ws.col.Info", "finesse.user.previous_state"], "finesse.feed == 1 && finesse.user.state")
        self.assertEqual(rows, [
            ["32", "Finesse User 1001 NOT_READY (Break)", ""],
            ["34", "Finesse User 1001 READY (was NOT_READY)", "NOT_READY"],
            ["38", "Finesse User 1001 RESERVED (was READY)", "READY"],
            ["42", "Finesse User 1001 TALKING (was RESERVED)", "RESERVED"],
            ["48", "Finesse User 1001 WORK (was TALKING)", "TALKING"],
            ["50", "Finesse User 1001 NOT_READY (was WORK)", "WORK"],
            ["86", "Finesse User 1001 LOGOUT (Forced logout; was NOT_READY)", "NOT_READY"],
        ])

    def test_forced_logout_expert(self):
        rows = fields(FEEDS, ["frame.number", "_ws.expert.message", "finesse.user.reason_code_id",
                              "finesse.reason_code.label"], "finesse.expert.logout")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], "86")
        self.assertIn("Agent 1001 logged out (was NOT_READY): reason code 255", rows[0][1])
        self.assertEqual(rows[0][2:], ["255", "Forced logout"])

    def test_non_ascii_names(self):
        row = fields(FEEDS, ["finesse.user.first_name", "finesse.user.last_name", "finesse.user.team_name",
                             "finesse.user.role", "finesse.user.extension"], "frame.number == 32")[0]
        self.assertEqual(row, ["José", "Müller", "Team Ünïcode", "Agent|Supervisor", "5001"])

    def test_large_team_update(self):
        row = fields(FEEDS, ["_ws.col.Info", "finesse.team.name", "finesse.user.id", "websocket.payload_length_ext_64"],
                     "frame.number == 76")[0]
        self.assertEqual(row[:2], ['Finesse Team 1 "Team Ünïcode" (250 users)', "Team Ünïcode"])
        self.assertEqual(len(row[2].split("|")), 250)

    def test_team_message(self):
        row = fields(FEEDS, ["_ws.col.Info", "finesse.data", "finesse.team_message.id",
                             "finesse.team_message.created_by.id", "finesse.team_message.created_by.last_name",
                             "finesse.team_message.duration", "finesse.team_message.content",
                             "finesse.team_message.team"], "frame.number == 84")[0]
        self.assertEqual(row, ['Finesse TeamMessage POST from 1099 to team 1: "Hello"', "TeamMessage",
                               "3c1f6d2a-9b7e-4f0a-8d15-6a2e9c4b7f10", "1099", "Søberg", "300", "Hello", "1"])


class Payloads(unittest.TestCase):
    """gen-finesse-payloads.pcap: the User and Team payloads of Finesse 12.5
    (S38's captured ones and Cisco's samples, see the generator)."""

    def test_info_of_every_update(self):
        rows = fields(PAYLOADS, ["frame.number", "_ws.col.Info"], "finesse")
        self.assertEqual(rows, [
            ["32", "Finesse User 1001 LOGOUT"],
            ["36", "Finesse User 1001 NOT_READY (was LOGOUT)"],
            ["38", "Finesse apiErrors Invalid State (CF_INVALID_OBJECT_STATE)"],
            ["40", "Finesse apiErrors Invalid Device (CF_INVALID_LOGON_DEVICE_SPECIFIED)"],
            ["44", "Finesse User 1001 READY (was NOT_READY)"],
            ["48", "Finesse User 1001 NOT_READY (Team Meeting; was READY)"],
            ["54", "Finesse Dialogs POST Dialog 16777300 ACTIVE 2830 \u2192 2000"],
            ["58", "Finesse User 1001 TALKING (pending LOGOUT; was NOT_READY)"],
            ["64", "Finesse Dialog 16777300 ACTIVE 2830 \u2192 2000"],
            ["68", "Finesse Dialogs POST Dialog 1234_5423_1 OFFERED"],
            ["72", "Finesse Media 5002 NOT_READY"],
            ["74", "Finesse apiErrors Agent already logged into MRD (E_ARM_STAT_AGENT_ALREADY_LOGGED_IN)"],
            ["78", 'Finesse Team 1004 "Shiny" (2 users)'],
            ["80", "Finesse Team 1004 user 9876 READY"],
            ["82", "Finesse Queue Sales 1 call"],
            ["84", 'Finesse TeamMessage POST from 1001 to teams 5005, 1004: "Huddle at 10:30"'],
            ["88", "Finesse SystemInfo IN_SERVICE"],
            ["90", "Finesse User 1001 READY (was TALKING)"],
            ["92", "Finesse FutureObject POST"],
        ])

    def test_user_of_finesse_12_5(self):
        """S38's User: dialogs, mediaType, settings, teams, uri, wrapUpTimer."""
        row = fields(PAYLOADS, ["finesse.user.dialogs", "finesse.user.media_type", "finesse.user.reason_code_id",
                                "finesse.user.settings.wrap_up_on_incoming",
                                "finesse.user.settings.wrap_up_on_outgoing", "finesse.user.teams.id",
                                "finesse.user.teams.name", "finesse.user.teams.uri", "finesse.user.uri",
                                "finesse.user.wrap_up_timer", "finesse.user.role"], "frame.number == 36")[0]
        self.assertEqual(row, ["/finesse/api/User/1001/Dialogs", "1", "-1", "OPTIONAL", "OPTIONAL", "5005", "Support",
                               "/finesse/api/Team/5005", "/finesse/api/User/1001", "7200", "Agent|Supervisor"])

    def test_supervisor_and_every_user_child(self):
        """S21's User: three supervised teams, the whole ReasonCode, the
        mobile agent, device selection, skill target id."""
        row = fields(PAYLOADS, ["finesse.user.teams.id", "finesse.user.teams.name", "finesse.reason_code.category",
                                "finesse.reason_code.code", "finesse.reason_code.label", "finesse.reason_code.for_all",
                                "finesse.reason_code.system_code", "finesse.reason_code.id",
                                "finesse.reason_code.uri", "finesse.user.settings.device_selection",
                                "finesse.user.mobile_agent.mode", "finesse.user.mobile_agent.dial_number",
                                "finesse.user.skill_target_id", "finesse.user.wrap_up_timer"], "frame.number == 48")[0]
        self.assertEqual(row, ["2001|2002|2003", "First Line Support|Second Line Support|Third Line Support",
                               "NOT_READY", "10", "Team Meeting", "true", "false", "16", "/finesse/api/ReasonCode/16",
                               "enabled", "CALL_BY_CALL", "4085551234", "6067", "30"])
        self.assertEqual(frames(PAYLOADS, 'finesse.user.teams.name == "Second Line Support"'), [48, 58])

    def test_meanings_in_the_tree(self):
        out = run_tshark(["-n", "-r", capture(PAYLOADS), "-Y", "frame.number == 48", "-O", "finesse", "-V"])
        self.assertIn("Wrap-up on outgoing: NOT_ALLOWED (no wrap-up when a call ends)", out)
        self.assertIn('Team 2002 "Second Line Support"', out)
        self.assertIn('Reason code 10 "Team Meeting"', out)
        self.assertIn("For all: true (global: offered to every team)", out)

    def test_pending_state(self):
        self.assertEqual(fields(PAYLOADS, ["finesse.user.state", "finesse.user.pending_state"], "frame.number == 58"),
                         [["TALKING", "LOGOUT"]])

    def test_team_and_its_users(self):
        row = fields(PAYLOADS, ["finesse.team.id", "finesse.team.name", "finesse.team.uri", "finesse.user.id",
                                "finesse.user.uri", "finesse.user.dialogs", "finesse.user.state",
                                "finesse.reason_code.label"], "frame.number == 78")[0]
        self.assertEqual(row, ["1004", "Shiny", "/finesse/api/Team/1004", "1234|9876",
                               "/finesse/api/User/1234|/finesse/api/User/9876", "/finesse/api/User/1234/Dialogs",
                               "LOGOUT|NOT_READY", "Team Meeting"])

    def test_users_in_the_tree(self):
        out = run_tshark(["-n", "-r", capture(PAYLOADS), "-Y", "frame.number == 78", "-O", "finesse", "-V"])
        self.assertIn("Users (2)", out)
        self.assertIn("User 9876 NOT_READY", out)

    def test_a_team_members_update_names_the_team(self):
        """On a Team feed, a <user> is a team member's, not the agent's own:
        the desktop's agent stays 1001."""
        self.assertEqual(fields(PAYLOADS, ["finesse.feed", "finesse.source", "finesse.user.id"], "frame.number == 80"),
                         [["5", "/finesse/api/User/9876", "9876"]])


class Statistics(unittest.TestCase):
    def stat(self, cap, z, extra=(), tz="UTC"):
        return run_tshark(["-n", "-q", "-r", capture(cap), "-z", z] + list(extra), tz=tz)

    def test_agent_timeline(self):
        out = self.stat(FEEDS, "finesse,agents")
        self.assertIn(statistics_title("Finesse Agent State Timeline") + ":", out)
        self.assertIn("Time |Frame |Agent |Name |State |Was |Pending |Reason code id |Reason code |", out)
        rows = stat_tables(out)["Agent 1001"]
        # every row names the agent (the GUI shows no title over a single table)
        self.assertEqual({tuple(r[2:4]) for r in rows}, {("1001", "Jos\u00e9 M\u00fcller")})
        # frame, state, was, pending, reasonCodeId, the reason code's code (label)
        self.assertEqual([[r[1]] + r[4:] for r in rows], [
            ["32", "NOT_READY", "-", "-", "12", "12 (Break)"],
            ["34", "READY", "NOT_READY", "-", "-", "-"],
            ["38", "RESERVED", "READY", "-", "-", "-"],
            ["42", "TALKING", "RESERVED", "-", "-", "-"],
            ["48", "WORK", "TALKING", "-", "-", "-"],
            ["50", "NOT_READY", "WORK", "-", "-", "-"],
            ["86", "LOGOUT", "NOT_READY", "-", "255", "255 (Forced logout)"],
        ])
        # absolute times of the frames (tshark's default format gives local time: UTC here)
        self.assertEqual(fields(FEEDS, ["frame.time_epoch"], "frame.number == 32")[0][0][:17], "1795475067.669475")
        self.assertEqual(rows[0][0], "2026-11-23 23:04:27.669475 UTC")
        self.assertEqual(rows[-1][0], "2026-11-23 23:04:31.229751 UTC")

    def test_reason_code_id_and_code_differ(self):
        """Finesse 12.5's own User (gen-finesse-payloads frame 48): reasonCodeId
        16 is the database id of reason code 10, "Team Meeting"."""
        rows = stat_tables(self.stat(PAYLOADS, "finesse,agents"))["Agent 1001"]
        row = next(r for r in rows if r[1] == "48")
        self.assertEqual(row[2:], ["1001", "Alice Agent", "NOT_READY", "READY", "-", "16", "10 (Team Meeting)"])
        self.assertEqual(fields(PAYLOADS, ["finesse.user.reason_code_id", "finesse.reason_code.code"],
                                "frame.number == 48"), [["16", "10"]])
        # a Team member's update names that member
        self.assertEqual(stat_tables(self.stat(PAYLOADS, "finesse,agents"))["Agent 9876"][0][2:5],
                         ["9876", "Jack Brown", "READY"])

    def test_times_follow_the_time_format(self):
        """-t picks the zone and the date part; epoch gives seconds; other
        formats give local time with its zone (TZ)."""
        first = {}
        for fmt, tz in (("ud", "XST-3"), ("u", "UTC"), ("ad", "XST-3"), ("a", "XST-3"), ("r", "XST-3"),
                        ("udoy", "UTC"), ("e", "XST-3")):
            out = self.stat(FEEDS, "finesse,agents", ["-t", fmt], tz=tz)
            first[fmt] = stat_tables(out)["Agent 1001"][0][0]
        self.assertEqual(first, {
            "ud": "2026-11-23 23:04:27.669475 UTC", "u": "23:04:27.669475 UTC",
            "ad": "2026-11-24 02:04:27.669475 XST", "a": "02:04:27.669475 XST",
            "r": "2026-11-24 02:04:27.669475 XST", "udoy": "2026/327 23:04:27.669475 UTC",
            "e": "1795475067.669475"})

    def test_agent_timeline_with_a_filter(self):
        out = self.stat(FEEDS, 'finesse,agents,finesse.user.state == "NOT_READY"')
        self.assertIn('Filter for statistics: finesse.user.state == "NOT_READY"', out)
        self.assertEqual([r[1] for r in stat_tables(out)["Agent 1001"]], ["32", "50"])

    def test_two_agents_of_the_desktop_capture(self):
        out = self.stat(DESKTOP, "finesse,agents")
        # the team update is not an agent's own update
        self.assertEqual([[r[1], r[4]] for r in stat_tables(out)["Agent 1001"]], [["31", "NOT_READY"], ["33", "READY"]])

    def test_tables_of_a_capture_without_finesse(self):
        # No agent, no dialog, no update: the tables' list is empty, not
        # absent (the GUI and tshark walk it; it used to be a NULL dereference).
        for z in ("finesse,agents", "finesse,dialogs", "finesse,counts"):
            out = self.stat("gen-non-xmpp.pcap", z)
            self.assertIn("Filter for statistics:", out)
            self.assertEqual(stat_tables(out), {})

    def test_dialog_lifecycle(self):
        out = self.stat(FEEDS, "finesse,dialogs")
        self.assertIn(statistics_title("Finesse Dialog Lifecycle") + ":", out)
        self.assertIn("Time |Frame |Agent |Name |Event |State |From |To |Participants |Call variables |", out)
        tables = stat_tables(out)
        self.assertEqual(list(tables), ["Dialog 16777217", "Dialog 16777218"])
        # the agent is the user whose Dialogs node the update came on, named by its User updates
        self.assertEqual({tuple(r[2:4]) for t in tables.values() for r in t}, {("1001", "Jos\u00e9 M\u00fcller")})
        variables = 'callVariable1=Order <12345> & "VIP"; user.crm.id=CRM-77'
        self.assertEqual([[r[1]] + r[4:] for r in tables["Dialog 16777217"]], [
            ["36", "POST", "ALERTING", "5551234", "5001", "5551234 ACTIVE, 5001 ALERTING", variables],
            ["40", "PUT", "ACTIVE", "5551234", "5001", "5551234 ACTIVE, 5001 ACTIVE", variables],
            ["44", "PUT", "DROPPED", "5551234", "5001", "5551234 DROPPED, 5001 DROPPED", variables],
            ["46", "DELETE", "DROPPED", "5551234", "5001", "5551234 DROPPED, 5001 DROPPED", variables],
        ])
        self.assertEqual([[r[0], r[1]] + r[4:] for r in tables["Dialog 16777218"]],
                         [["2026-11-23 23:04:29.949638 UTC", "54", "PUT", "FAILED", "5001", "5559876", "5001 FAILED",
                           "-"]])

    def test_counts(self):
        out = self.stat(FEEDS, "finesse,counts")
        self.assertIn(statistics_title("Finesse Notifications") + ":", out)
        self.assertIn("Value |Updates |", out)
        tables = {title: dict(rows) for title, rows in stat_tables(out).items()}
        self.assertEqual(tables["Updates by feed"], {"SystemInfo": "2", "User": "8", "Dialogs": "5", "Team": "2",
                                                     "Queue": "1", "User Queues": "1", "Media": "1"})
        self.assertEqual(tables["Updates by event"], {"PUT": "16", "POST": "3", "DELETE": "1"})
        self.assertEqual(tables["Agent states"], {"NOT_READY": "2", "READY": "1", "RESERVED": "1", "TALKING": "1",
                                                  "WORK": "1", "LOGOUT": "1"})
        # the filter applies: the Dialogs feed alone
        out = self.stat(FEEDS, "finesse,counts,finesse.feed == 2")
        self.assertEqual(dict(stat_tables(out)["Updates by feed"]), {"Dialogs": "5"})


if __name__ == "__main__":
    unittest.main()
