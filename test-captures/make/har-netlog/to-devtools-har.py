#!/usr/bin/env python3
"""Rewrites a HAR that Playwright's recordHar wrote into the layout Chrome
DevTools writes ("Save all as HAR with content"), so the converter is
tested on both from one real session.

    python3 to-devtools-har.py IN.har OUT.har

What changes (devtools-frontend models/har/Log.ts is the reference):
  - _webSocketMessages[].time: epoch milliseconds -> epoch seconds;
  - log.creator: WebInspector, as DevTools writes it;
  - Playwright-only members go: _serverPort (DevTools has only
    serverIPAddress, so the port comes from the URL), _monotonicTime,
    _frameref, _securityDetails, _transferSize on requests;
    response._failureText becomes response._error;
  - each entry gets DevTools' members: _initiator, _priority, connection
    (a connection id string), and timings._blocked_queueing;
  - response.content of a WebSocket entry is {size: 0, mimeType: x-unknown}.
Everything else (headers, bodies, times, message data) is kept as it is.
Standard library only; the output is deterministic (same input, same file).
"""

import json
import sys

PLAYWRIGHT_ONLY = ("_serverPort", "_monotonicTime", "_frameref", "_securityDetails")


def devtools_entry(entry, index):
    for key in PLAYWRIGHT_ONLY:
        entry.pop(key, None)
    entry["request"].pop("_transferSize", None)
    response = entry["response"]
    if "_failureText" in response:
        response["_error"] = response.pop("_failureText")
    entry["_initiator"] = {"type": "script" if entry.get("_resourceType") in ("xhr", "fetch", "websocket") else "other"}
    entry["_priority"] = "High"
    entry["connection"] = str(1000 + index)
    entry.setdefault("timings", {})["_blocked_queueing"] = -1
    if entry.get("_resourceType") == "websocket":
        response["content"] = {"size": 0, "mimeType": "x-unknown"}
        for message in entry.get("_webSocketMessages", []):
            message["time"] = message["time"] / 1000.0
    return entry


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        har = json.load(f)
    log = har["log"]
    log["creator"] = {"name": "WebInspector", "version": "537.36"}
    log["entries"] = [devtools_entry(e, i) for i, e in enumerate(log["entries"])]
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(har, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
