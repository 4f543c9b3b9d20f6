"""Run the stock tshark with the plugin from the build tree and read back
what it dissected.

Wireshark ignores WIRESHARK_PLUGIN_DIR and personal plugin folders when run
as root, so as root tshark runs as nobody (setpriv) on world-readable
copies of the plugin and the captures. Every run gets an empty HOME, so no
personal preferences or plugins leak in, and an empty extcap folder. Any output on stderr fails the
test: that is where plugin load errors and dissector bugs show up.

Environment (set by tests/CMakeLists.txt):
  XMPPWS_PLUGIN_DIR   build/plugins (holding <major.minor>/epan/xmppws.so)
  XMPPWS_RELEASE_ENV  build/wireshark-release.env: the Wireshark release the
                      plugin was built for, and the plugin's version
  XMPPWS_CAPTURES     the test-captures folder
  XMPPWS_PRELOAD      optional LD_PRELOAD (the sanitizer build's runtime)

Where Wireshark releases truly differ, a test asserts each release's
behaviour, chosen with wireshark_at_least().
"""

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

_workdir = None


def release():
    """What CMake found (tests/CMakeLists.txt): {"XMPPWS_WIRESHARK_VERSION": "4.0.17", ...}."""
    with open(os.environ["XMPPWS_RELEASE_ENV"]) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


def wireshark_version():
    """The Wireshark release the plugin is built for and tested with, as (major, minor)."""
    major, minor = release()["XMPPWS_WIRESHARK_VERSION"].split(".")[:2]
    return int(major), int(minor)


def wireshark_at_least(major, minor):
    return wireshark_version() >= (major, minor)


def statistics_title(name):
    """The title of one of the plugin's statistics tables as tshark prints it:
    from 4.6 "XMPP over WebSocket/NAME" (4.6's GUI makes the '/' a submenu),
    on 4.0 and 4.4 "XMPP/WS NAME"."""
    return ("XMPP over WebSocket/" if wireshark_at_least(4, 6) else "XMPP/WS ") + name


def libxml2_version():
    """The libxml2 the plugin was built with, as (major, minor)."""
    major, minor = release()["XMPPWS_LIBXML2_VERSION"].split(".")[:2]
    return int(major), int(minor)


def libxml2_reworded():
    """libxml2 2.13 reworded its error messages (measured: 2.9.14 in Debian
    12 and 13, 2.15.4 in sid); the plugin shows them as they are."""
    return libxml2_version() >= (2, 13)


def shown_boolean(value):
    """How tshark -T fields prints an FT_BOOLEAN field: 1/0 up to 4.2,
    True/False from 4.4 on."""
    if wireshark_at_least(4, 4):
        return "True" if value else "False"
    return "1" if value else "0"


def project_version():
    """The plugin's version (project() in CMakeLists.txt)."""
    return release()["XMPPWS_VERSION"]


def _prepare():
    """Copies plugin and captures to a folder the unprivileged user can read."""
    global _workdir
    if _workdir:
        return _workdir
    _workdir = tempfile.mkdtemp(prefix="xmppws-test-")
    atexit.register(shutil.rmtree, _workdir, True)
    os.chmod(_workdir, 0o755)
    shutil.copytree(os.environ["XMPPWS_PLUGIN_DIR"], os.path.join(_workdir, "plugins"))
    shutil.copytree(os.environ["XMPPWS_CAPTURES"], os.path.join(_workdir, "captures"),
                    ignore=shutil.ignore_patterns("make", "*.md"))
    os.makedirs(os.path.join(_workdir, "home"))
    os.makedirs(os.path.join(_workdir, "no-extcap"))
    os.makedirs(os.path.join(_workdir, "no-plugins"))
    for root, dirs, files in os.walk(_workdir):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
    os.chmod(os.path.join(_workdir, "home"), 0o777)
    return _workdir


def capture(name):
    """Path of a test capture in the readable copy."""
    path = os.path.join(_prepare(), "captures", name)
    if not os.path.exists(path):
        raise FileNotFoundError(path)
    return path


def run_tshark(args, check_stderr=True, timeout=600, plugin=True, tz="UTC"):
    """Runs tshark with the plugin loaded (with plugin=False: with an empty
    plugin folder, i.e. the stock dissectors alone) in the time zone `tz`
    (a POSIX TZ value; local times in the output depend on it); returns
    stdout as text. Taking longer than `timeout` seconds fails
    (subprocess.TimeoutExpired)."""
    work = _prepare()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(work, "home"),
        "WIRESHARK_PLUGIN_DIR": os.path.join(work, "plugins" if plugin else "no-plugins"),
        # No extcap tools: tshark would run each of them at start-up (slow,
        # and they hang under the sanitizer runtime's LD_PRELOAD).
        "WIRESHARK_EXTCAP_DIR": os.path.join(work, "no-extcap"),
        "LANG": "C.UTF-8",
        "TZ": tz,
    }
    if os.environ.get("XMPPWS_PRELOAD"):
        env["LD_PRELOAD"] = os.environ["XMPPWS_PRELOAD"]
        env["ASAN_OPTIONS"] = "detect_leaks=0:abort_on_error=1"
        env["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1"
        env["WIRESHARK_DEBUG_WMEM_OVERRIDE"] = "strict"
    cmd = ["tshark"] + list(args)
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env"] + \
              ["%s=%s" % kv for kv in env.items()] + cmd
        env = None
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or (check_stderr and err.strip()):
        raise AssertionError("tshark %s failed (exit %d):\n%s" % (" ".join(args), proc.returncode, err))
    return out


def fields(capture_name, field_names, display_filter=None, extra=(), plugin=True):
    """Rows of -T fields output, one list of values per packet (occurrences
    of a repeated field are joined with '|'). plugin=False: without the
    plugin (see run_tshark)."""
    args = ["-n", "-r", capture(capture_name), "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-E", "separator=\t"] + list(extra)
    if display_filter:
        args += ["-Y", display_filter]
    for f in field_names:
        args += ["-e", f]
    out = run_tshark(args, plugin=plugin)
    return [line.split("\t") for line in out.splitlines()]


def frames(capture_name, display_filter, extra=(), plugin=True):
    """Frame numbers matching a display filter."""
    return [int(r[0]) for r in fields(capture_name, ["frame.number"], display_filter, extra, plugin)]


def pdml(capture_name, display_filter=None, extra=()):
    """The PDML tree of the matching packets: a list of <packet> elements."""
    args = ["-n", "-r", capture(capture_name), "-T", "pdml"] + list(extra)
    if display_filter:
        args += ["-Y", display_filter]
    return ET.fromstring(run_tshark(args)).findall("packet")


def json_packets(capture_name, display_filter=None, extra=()):
    args = ["-n", "-r", capture(capture_name), "-T", "json", "--no-duplicate-keys"] + list(extra)
    if display_filter:
        args += ["-Y", display_filter]
    return json.loads(run_tshark(args))


def pdml_fields(packet, name):
    """All <field> elements with that name in a PDML packet, in tree order."""
    return [f for f in packet.iter("field") if f.get("name") == name]


def stat_tables(out):
    """The tables of a Wireshark stat-tap-table printout (-z finesse,agents,
    -z xmppws,sessions, ...): {title: [[cell, ...], ...]} in order of
    appearance. After the column header, a line without '|' is a table's
    title and each line ending " |" a row of it."""
    tables, current, header_seen = {}, None, False
    for line in out.splitlines():
        if not line or line.startswith("="):
            header_seen, current = False, None
        elif line.endswith(" |") and not header_seen:
            header_seen = True                      # the column names
        elif line.endswith(" |") and current is not None:
            current.append([cell.strip() for cell in line.split("|")[:-1]])
        elif header_seen and "|" not in line:
            current = tables.setdefault(line, [])
    return tables
