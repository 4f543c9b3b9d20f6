#!/usr/bin/env python3
"""Checks the HTTP Archive written by har.mjs against what the desktop's
own recorders logged (../prosody-strophe/lib.mjs: WebSocket messages,
../prosody-strophe-bosh/bosh-lib.mjs: BOSH bodies).

Usage: check-har.py <file.har> <ws.jsonl> <bosh.jsonl>

Every WebSocket connection's messages, in order and direction, must be one
entry's _webSocketMessages; every BOSH body sent must be an entry's
request.postData.text and every body received an entry's
response.content.text (counted with multiplicity). Exits 1 on a mismatch.
"""
import collections
import json
import sys


def jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main(har_path, ws_path, bosh_path):
    with open(har_path) as f:
        entries = json.load(f)["log"]["entries"]
    recorded_ws = collections.defaultdict(list)
    for m in jsonl(ws_path):
        recorded_ws[m["conn"]].append(("send" if m["dir"] == "C->S" else "receive", m["text"]))
    har_ws = [[(m["type"], m["data"]) for m in e["_webSocketMessages"]] for e in entries if "_webSocketMessages" in e]
    ok = sorted(har_ws) == sorted(recorded_ws.values())
    bosh = collections.Counter((m["dir"], m["text"]) for m in jsonl(bosh_path))
    har_bosh = collections.Counter()
    for e in entries:
        if "postData" in e["request"]:
            har_bosh[("C->S", e["request"]["postData"]["text"])] += 1
            har_bosh[("S->C", e["response"]["content"].get("text", ""))] += 1
    ok = ok and bosh == har_bosh
    print("check-har: %d WebSocket connections (%d messages), %d BOSH bodies: %s"
          % (len(har_ws), sum(map(len, har_ws)), sum(har_bosh.values()), "OK" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
