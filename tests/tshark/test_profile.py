"""The "Finesse" configuration profile (profiles/Finesse), installed by
tools/install-profile.sh into the test HOME: tshark -C Finesse loads it
without a message on stderr, its custom columns print the session JID,
agent, state and node, its colouring rules name the Finesse problems, and
every filter button is a valid filter that finds what its label says."""

import os
import re
import shutil
import subprocess
import unittest

import harness
from harness import capture, frames, run_tshark

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FEEDS = "finesse-feeds.pcapng"


def _readable_copy():
    """tools/install-profile.sh and profiles/Finesse, copied where the user
    tshark runs as can read them (a checkout under /root is not)."""
    root = os.path.join(harness._prepare(), "checkout")
    shutil.copytree(os.path.join(TOP, "profiles"), os.path.join(root, "profiles"))
    os.makedirs(os.path.join(root, "tools"))
    shutil.copy(os.path.join(TOP, "tools", "install-profile.sh"), os.path.join(root, "tools"))
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o755 if name.endswith(".sh") else 0o644)
    return os.path.join(root, "tools", "install-profile.sh")


def _install():
    home = os.path.join(harness._prepare(), "home")
    cmd = [_readable_copy()]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home}
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE).stdout.decode()
    return home, out


class FinesseProfile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.home, cls.install_output = _install()
        cls.profile = os.path.join(cls.home, ".config", "wireshark", "profiles", "Finesse")

    def test_install_copies_the_profile(self):
        self.assertEqual(sorted(os.listdir(self.profile)), ["colorfilters", "dfilter_buttons", "preferences", "recent"])
        self.assertIn(self.profile, self.install_output)

    def test_custom_columns_print_values(self):
        # -T tabs prints the profile's columns, tab-separated: No., Time, Source, Protocol, Conn,
        # Direction, Session JID, Agent, State, Pubsub node, Info. (-e _ws.col.<title> names custom
        # columns only up to 4.2.)
        out = run_tshark(["-C", "Finesse", "-n", "-r", capture(FEEDS), "-Y", "frame.number in {15, 28, 34}",
                          "-T", "tabs"])
        columns = [line.split("\t") for line in out.splitlines()]
        self.assertEqual([[c[0].strip()] + c[4:10] for c in columns], [
            ["15", "1", "Server to client", "1001@finesse.example.test/desktop", "", "", ""],
            ["28", "1", "Server to client", "1001@finesse.example.test/desktop", "", "", "/finesse/api/SystemInfo"],
            ["34", "1", "Server to client", "1001@finesse.example.test/desktop", "1001", "READY",
             "/finesse/api/User/1001"],
        ])
        # the connection index tells the two desktops of one JID apart
        out = run_tshark(["-C", "Finesse", "-n", "-r", capture("resource-conflict.pcapng"), "-Y",
                          "frame.number in {15, 39}", "-T", "tabs"])
        self.assertEqual([line.split("\t")[4:7] for line in out.splitlines()],
                         [["1", "Server to client", "1001@finesse.example.test/desktop"],
                          ["2", "Server to client", "1001@finesse.example.test/desktop"]])

    def test_columns_in_the_default_output(self):
        out = run_tshark(["-C", "Finesse", "-n", "-r", capture("finesse-desktop-ws.pcapng"), "-Y", "frame.number == 22"])
        self.assertRegex(out, r"^\s*22 .* XMPP/WS 1 Client to server 1001@finesse\.example\.test/desktop +"
                              r"/finesse/api/User/1001 iq set ")
        # Without the profile those columns are not there.
        plain = run_tshark(["-n", "-r", capture("finesse-desktop-ws.pcapng"), "-Y", "frame.number == 22"])
        self.assertNotIn("1001@finesse.example.test/desktop", plain)

    def test_colouring_rules(self):
        def rules(cap, display_filter, extra=()):
            out = run_tshark(["-C", "Finesse", "--color", "-n", "-r", capture(cap), "-Y", display_filter, "-T", "fields",
                              "-e", "frame.number", "-e", "frame.coloring_rule.name"] + list(extra))
            return [line.split("\t") for line in out.splitlines()]
        self.assertEqual(rules(FEEDS, "frame.number in {28, 30, 34, 52, 54, 76, 86, 91}"), [
            ["28", "Finesse OUT_OF_SERVICE"], ["30", "Finesse IN_SERVICE"], ["34", "Finesse agent state change"],
            ["52", "Finesse apiErrors"], ["54", "Finesse failed call"],
            ["76", "TCP"],      # a Team update is not one agent's state change
            ["86", "Finesse logout or desktop unavailable"], ["91", "Finesse logout or desktop unavailable"]])
        self.assertEqual(rules("auth-failure.pcapng", "frame.number == 11"), [["11", "XMPP failed login"]])
        self.assertEqual(rules("resource-conflict.pcapng", "frame.number == 36"), [["36", "XMPP resource conflict"]])
        self.assertEqual(rules("subscribe-item-not-found.pcapng", "frame.number == 23"), [["23", "XMPP errors"]])
        self.assertEqual(rules("gen-ping-timeout.pcap", "frame.number in {34, 36}", ["-2"]),
                         [["34", "XMPP keepalive or disconnect problems"], ["36", "XMPP keepalive or disconnect problems"]])

    def test_filter_buttons(self):
        with open(os.path.join(self.profile, "dfilter_buttons"), encoding="utf-8") as f:
            buttons = [re.findall(r'"((?:[^"\\]|\\.)*)"', line) for line in f if line.startswith('"')]
        found = {label: expr.replace("\\x22", '"') for enabled, label, expr, comment in buttons}
        expected = {
            "Failed login": ("auth-failure.pcapng", [11]),
            "Conflict": ("resource-conflict.pcapng", [36]),
            "Errors": (FEEDS, [52, 54]),
            "Out of service": (FEEDS, [28]),
            "Agent states": (FEEDS, [32, 34, 38, 42, 48, 50, 86]),
            "Subscriptions": ("finesse-desktop-ws.pcapng", [22, 25, 42, 45]),
            "Disconnects": ("gen-ping-timeout.pcap", [34, 36]),
            # the messages behind the views: opens, binds, the conflict and the closes of both connections
            "Sessions": ("resource-conflict.pcapng", [8, 9, 12, 13, 15, 29, 30, 33, 34, 36, 39, 51, 52]),
            "iq times": ("finesse-desktop-ws.pcapng", [15, 17, 23, 26, 29, 40, 43, 46]),
            "Dialogs": (FEEDS, [36, 40, 44, 46, 54]),
        }
        self.assertEqual(sorted(found), sorted(expected))
        for label, (cap, want) in expected.items():
            with self.subTest(button=label):
                self.assertEqual(frames(cap, found[label], ["-2", "-C", "Finesse"]), want)


if __name__ == "__main__":
    unittest.main()
