#!/usr/bin/env python3
"""Checks a BOSH capture against the bodies the client recorded.

Usage: verify-bosh.py <capture.pcapng> <bosh.jsonl> [tls-keylog]

Every body Strophe.js sent (C->S) must be the body of an HTTP request in
the capture, and every response body it received (S->C) the body of an
HTTP response, counted with multiplicity (tshark's http.file_data; with the
key log for https). Prints a one-line summary; exits 1 on a mismatch.
"""
import collections
import json
import os
import subprocess
import sys


def captured_bodies(pcap, keylog):
    args = ["tshark", "-r", pcap, "-Y", "http.file_data", "-T", "json",
            "-e", "http.request", "-e", "http.response", "-e", "http.file_data"]
    if keylog and os.path.getsize(keylog):
        args[1:1] = ["-o", "tls.keylog_file:" + keylog]
    out = subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    bodies = {"C->S": collections.Counter(), "S->C": collections.Counter()}
    for pkt in json.loads(out or b"[]"):
        layers = pkt["_source"]["layers"]
        direction = "C->S" if "http.request" in layers else "S->C"
        for text in layers["http.file_data"]:
            bodies[direction][text] += 1
    return bodies


def main():
    pcap, log = sys.argv[1], sys.argv[2]
    keylog = sys.argv[3] if len(sys.argv) > 3 else None
    recorded = {"C->S": collections.Counter(), "S->C": collections.Counter()}
    with open(log, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            recorded[rec["dir"]][rec["text"]] += 1
    captured = captured_bodies(pcap, keylog)
    ok = True
    for direction in ("C->S", "S->C"):
        missing = recorded[direction] - captured[direction]
        if missing:
            ok = False
            for text, n in missing.items():
                print("missing %s body (x%d): %.200s" % (direction, n, text))
    print("verify-bosh: %d request and %d response bodies recorded, %d and %d in the capture%s"
          % (sum(recorded["C->S"].values()), sum(recorded["S->C"].values()),
             sum(captured["C->S"].values()), sum(captured["S->C"].values()), "" if ok else ": MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
