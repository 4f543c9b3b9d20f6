#!/usr/bin/env python3
"""Times tshark with the xmppws plugin against tshark without it and
against tshark's built-in XMPP dissector, on captures from generate.py.

Called by bench/run.sh (which builds and generates first). Every timed run
is tshark as the unprivileged user (Wireshark ignores plugin folders for
root), with an empty HOME and extcap folder; "without the plugin" is the
same command with WIRESHARK_PLUGIN_DIR on an empty folder. The three
configurations run alternately (ABCABC...) within each mode, so machine
load drifts hit them alike; ratios are the medians of the per-round
ratios. Times are CPU seconds (user + system, from /usr/bin/time), which
other processes on the machine disturb less than wall-clock time.

  plugin     PREFIX-ws.pcap, plugin loaded
  no-plugin  PREFIX-ws.pcap, no plugin (the WebSocket text only)
  built-in   PREFIX-tcp.pcap (the same stanzas on TCP 5222), built-in xmpp

With --floors, the summary pass of the small capture also times the three
floor plugins of bench/floorplugin.c on PREFIX-ws.pcap in the same rounds:
what tshark costs when a plugin only takes the messages, when it also
parses them whole with libxml2, and when it does the least a libxml2-based
decoder of the Finesse payload can do (bench/floorplugin.c, level 2). They
bound what such a plugin can reach.
"""

import argparse
import os
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile

CONFIGS = ["plugin", "no-plugin", "built-in"]      # + "before" with --before

# bench/floorplugin.c's FLOOR_LEVEL 0, 1, 2 (folders under --floors).
FLOORS = [("floor-claim", "takes the messages, nothing else"),
          ("floor-libxml2", "+ libxml2 SAX parse of each whole message"),
          ("floor-finesse", "+ libxml2: stanza less payload, then payload")]

# -T fields: the plugin's fields; without the plugin they do not exist, so
# the nearest existing ones (two per message, as cheap to find).
FIELDS = {
    "plugin": ["-e", "finesse.user.state", "-e", "xmppws.pubsub.node"],
    "before": ["-e", "finesse.user.state", "-e", "xmppws.pubsub.node"],
    "no-plugin": ["-e", "websocket.opcode", "-e", "websocket.payload_length"],
    "built-in": ["-e", "xmpp.type", "-e", "xmpp.from"],
}

MODES = {
    "summary": lambda cfg: [],
    "-V": lambda cfg: ["-V"],
    "-2": lambda cfg: ["-2"],
    "fields": lambda cfg: ["-T", "fields"] + FIELDS[cfg],
}

# (mode, numerator, denominator, limit): the targets.
TARGETS = [
    ("summary", "plugin", "no-plugin", 1.5),
    ("summary", "plugin", "built-in", 0.75),
    ("-V", "plugin", "built-in", 1.0),
    ("fields", "plugin", "no-plugin", 1.6),
]
RSS_TARGET = 1.15
SCALING_TARGET = 1.1


class Runner:
    """Runs tshark as nobody on hard links of the captures in a folder
    that user can read."""

    def __init__(self, plugin_so, before_so, floors_dir, data_dir, abi):
        self.work = tempfile.mkdtemp(prefix="xmppws-bench-")
        os.chmod(self.work, 0o755)
        self.plugin_dirs = {}
        plugins = [("plugin", plugin_so), ("before", before_so)]
        if floors_dir:
            plugins += [(name, os.path.join(floors_dir, name + ".so")) for name, _ in FLOORS]
        for config, so in plugins:
            if so:
                self.plugin_dirs[config] = os.path.join(self.work, "plugins-" + config)
                os.makedirs(os.path.join(self.plugin_dirs[config], abi, "epan"))
                shutil.copy(so, os.path.join(self.plugin_dirs[config], abi, "epan", os.path.basename(so)))
        for sub in ("no-plugins", "home", "no-extcap", "data"):
            os.makedirs(os.path.join(self.work, sub))
        for root, dirs, files in os.walk(self.work):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        os.chmod(os.path.join(self.work, "home"), 0o777)
        self.data_dir = data_dir

    def capture(self, name):
        """A path to the capture that nobody can read."""
        link = os.path.join(self.work, "data", name)
        if not os.path.exists(link):
            src = os.path.join(self.data_dir, name)
            os.chmod(src, 0o644)
            try:
                os.link(src, link)
            except OSError:
                shutil.copy(src, link)
        return link

    def run(self, config, capture, args):
        """One tshark run; returns (cpu seconds, wall seconds, peak RSS kB)."""
        plugin_dir = self.plugin_dirs.get(config, os.path.join(self.work, "no-plugins"))
        env = ["PATH=/usr/bin:/bin", "HOME=" + os.path.join(self.work, "home"),
               "WIRESHARK_PLUGIN_DIR=" + plugin_dir,
               "WIRESHARK_EXTCAP_DIR=" + os.path.join(self.work, "no-extcap"), "LANG=C.UTF-8"]
        tshark = ["tshark", "-n", "-r", capture] + args
        if os.geteuid() == 0:
            tshark = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "-i"] + env + tshark
        timefile = os.path.join(self.work, "time.txt")
        cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timefile] + tshark
        with open(os.devnull, "wb") as null:
            proc = subprocess.run(cmd, stdout=null, stderr=subprocess.PIPE,
                                  env=None if os.geteuid() == 0 else dict(e.split("=", 1) for e in env))
        err = proc.stderr.decode("utf-8", "replace").strip()
        if proc.returncode != 0 or err:
            sys.exit("tshark failed (%s %s, exit %d): %s" % (config, " ".join(args), proc.returncode, err[:2000]))
        with open(timefile) as f:
            wall, user, system, rss = f.read().split()[-4:]
        return float(user) + float(system), float(wall), int(rss)

    def cleanup(self):
        shutil.rmtree(self.work, True)


def read_info(data_dir, prefix):
    with open(os.path.join(data_dir, prefix + "-info.txt")) as f:
        return {k: int(v) for k, v in (line.split() for line in f)}


def measure(runner, prefix, modes, reps, log, floors=False):
    """{mode: {config: [(cpu, wall, rss), ...]}}, configs alternating. The
    summary pass also times the floor plugins (with `floors`) and each of
    CONFIGS' start-up on an empty capture in the same round
    (results["start-up"], which only the time per message uses)."""
    results = {}
    empty = runner.capture("empty.pcap")
    for mode in modes:
        configs = CONFIGS + ([name for name, _ in FLOORS] if floors and mode == "summary" else [])
        results[mode] = {c: [] for c in configs}
        if mode == "summary":
            results["start-up"] = {c: [] for c in CONFIGS}
        for r in range(reps):
            for config in configs:
                cap = runner.capture(prefix + ("-tcp.pcap" if config == "built-in" else "-ws.pcap"))
                res = runner.run(config, cap, MODES[mode](config))
                results[mode][config].append(res)
                log("  %-8s %-10s round %d: %.2f s CPU, %.2f s wall, %d MB" %
                    (mode, config, r + 1, res[0], res[1], res[2] // 1024))
                if mode == "summary" and config in CONFIGS:
                    results["start-up"][config].append(runner.run(config, empty, []))
    return results


def median_ratio(a, b, idx=0):
    """Median of per-round ratios a[i]/b[i]."""
    return statistics.median(x[idx] / y[idx] for x, y in zip(a, b))


def med(runs, idx=0):
    return statistics.median(r[idx] for r in runs)


def print_table(title, info, results):
    before = "before" in CONFIGS
    print("\n%s: %d WebSocket messages (%.1f MB of XML), %d desktops; %d frames (WebSocket), %d frames (TCP 5222)"
          % (title, info["messages"], info["xml_bytes"] / 1e6, info["desktops"], info["ws_frames"],
             info["tcp_frames"]))
    print("  %-8s %8s %9s %8s   %8s %8s %8s   %9s %9s" % (
        "mode", "plugin", "no-plug", "built-in", "p/no-p", "p/b-in", "no-p/b-in", "RSS p/no-p", "RSS p/b-in")
          + ("   %8s %8s %8s" % ("before", "b/no-p", "p/before") if before else ""))
    for mode, res in results.items():
        print("  %-8s %7.2fs %8.2fs %7.2fs   %7.2fx %7.2fx %8.2fx   %9.2fx %9.2fx" % (
            mode, med(res["plugin"]), med(res["no-plugin"]), med(res["built-in"]),
            median_ratio(res["plugin"], res["no-plugin"]), median_ratio(res["plugin"], res["built-in"]),
            median_ratio(res["no-plugin"], res["built-in"]),
            median_ratio(res["plugin"], res["no-plugin"], 2), median_ratio(res["plugin"], res["built-in"], 2))
              + ("   %7.2fs %7.2fx %7.2fx" % (med(res["before"]), median_ratio(res["before"], res["no-plugin"]),
                                             median_ratio(res["plugin"], res["before"])) if before else ""))
    print("  (median CPU seconds, user + system; ratios: median of per-round ratios; RSS: peak resident size;")
    print("   start-up: the same tshark on an empty capture%s)"
          % ("; before: the --before plugin, p/before: this one against it" if before else ""))


def print_floors(summary, n):
    """The floor plugins against the built-in dissector and the plugin,
    summary pass, same rounds."""
    print("  floors, summary pass (bench/floorplugin.c in tshark, same rounds):")
    for name, what in FLOORS:
        print("    %-15s %-46s %6.2fs  %5.2fx built-in" % (name, what, med(summary[name]),
                                                          median_ratio(summary[name], summary["built-in"])))
    own = (med(summary["plugin"]) - med(summary["floor-finesse"])) / n * 1e6
    print("    xmppws over floor-finesse (its own code): %.1f us/message; floor-finesse over floor-claim: "
          "%.1f us/message" % (own, (med(summary["floor-finesse"]) - med(summary["floor-claim"])) / n * 1e6))


def per_message(results, config, n):
    """Median per-round CPU less the same round's start-up, per message."""
    return statistics.median(r[0] - s[0] for r, s in zip(results["summary"][config], results["start-up"][config])) \
        / n * 1e6


def scaling(small, large, info_small, info_large):
    """Per-message CPU of the summary pass at both sizes."""
    print("\nTime per message, summary pass (CPU less start-up on an empty capture, same round):")
    rows = {}
    for name, res, info in (("small", small, info_small), ("large", large, info_large)):
        n = info["messages"]
        rows[name] = {c: per_message(res, c, n) for c in CONFIGS}
        print("  %7d messages: plugin %.1f us, no-plugin %.1f us, built-in %.1f us; plugin's own %.1f us%s" % (
            n, rows[name]["plugin"], rows[name]["no-plugin"], rows[name]["built-in"],
            rows[name]["plugin"] - rows[name]["no-plugin"],
            "; before %.1f us, its own %.1f us" % (rows[name]["before"], rows[name]["before"] - rows[name]["no-plugin"])
            if "before" in rows[name] else ""))
    ratio = rows["large"]["plugin"] / rows["small"]["plugin"]
    base = rows["large"]["no-plugin"] / rows["small"]["no-plugin"]
    print("  large/small per message: plugin %.2fx, no-plugin %.2fx, built-in %.2fx" % (
        ratio, base, rows["large"]["built-in"] / rows["small"]["built-in"]))
    return ratio


def print_targets(small, large, scaling_ratio, a):
    """The issue's targets, for the modes that were timed; TRUE when all
    of them are met. Where a floor plugin was timed against the same
    denominator, its ratio is printed beside the target."""
    print("\nTargets:")
    ok = True
    for mode, num, den, limit in TARGETS:
        if mode not in small:
            continue
        r = median_ratio(small[mode][num], small[mode][den])
        ok &= r <= limit
        floor = ("; floor-finesse/%s = %.2fx" % (den, median_ratio(small[mode]["floor-finesse"], small[mode][den]))
                 if "floor-finesse" in small[mode] else "")
        print("  %-4s %-8s %s/%s = %.2fx (target <= %.2fx%s)" % ("PASS" if r <= limit else "MISS", mode, num,
                                                               den, r, limit, floor))
    rss = max(median_ratio(small[m]["plugin"], small[m]["no-plugin"], 2) for m in small if m in MODES)
    if large:
        rss = max(rss, median_ratio(large["summary"]["plugin"], large["summary"]["no-plugin"], 2))
    ok &= rss <= RSS_TARGET
    print("  %-4s peak RSS plugin/no-plugin, worst mode = %.2fx (target <= %.2fx)"
          % ("PASS" if rss <= RSS_TARGET else "MISS", rss, RSS_TARGET))
    if scaling_ratio is not None:
        ok &= scaling_ratio <= SCALING_TARGET
        print("  %-4s time per message, %s vs %s = %.2fx (target <= %.2fx)"
              % ("PASS" if scaling_ratio <= SCALING_TARGET else "MISS", a.large, a.small, scaling_ratio,
                 SCALING_TARGET))
    return ok


def write_empty_pcap(data_dir):
    with open(os.path.join(data_dir, "empty.pcap"), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True, help="the built xmppws.so")
    ap.add_argument("--abi", required=True, help="the plugin folder of the installed Wireshark (4.0, 4.4, 4.6)")
    ap.add_argument("--before", help="another xmppws.so timed alongside (before/after comparisons)")
    ap.add_argument("--floors", help="folder with floor-claim.so, floor-libxml2.so, floor-finesse.so "
                    "(bench/floorplugin.c)")
    ap.add_argument("--data", required=True, help="folder with generate.py's output")
    ap.add_argument("--small", required=True, help="prefix of the capture timed in every mode")
    ap.add_argument("--large", help="prefix of the capture timed in the summary pass (none: no scaling check)")
    ap.add_argument("--modes", default=",".join(MODES), help="modes timed on the small capture (default: all)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--large-reps", type=int, default=2)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()

    def log(text):
        if not a.quiet:
            print(text, file=sys.stderr, flush=True)

    write_empty_pcap(a.data)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))     # so the work folder is removed
    if a.before:
        CONFIGS.append("before")
    runner = Runner(a.plugin, a.before, a.floors, a.data, a.abi)
    try:
        modes = a.modes.split(",")
        info_s = read_info(a.data, a.small)
        log("== %s, %s, %d rounds" % (a.small, " ".join(modes), a.reps))
        small = measure(runner, a.small, modes, a.reps, log, floors=bool(a.floors))
        large = None
        if a.large and a.large_reps:
            log("== %s, summary pass, %d rounds" % (a.large, a.large_reps))
            large = measure(runner, a.large, ["summary"], a.large_reps, log)

        print_table(a.small, info_s, small)
        if a.floors and "summary" in small:
            print_floors(small["summary"], info_s["messages"])
        if large:
            info_l = read_info(a.data, a.large)
            print_table(a.large, info_l, large)
        ok = print_targets(small, large, scaling(small, large, info_s, info_l) if large and "summary" in small
                           else None, a)
    finally:
        runner.cleanup()
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
