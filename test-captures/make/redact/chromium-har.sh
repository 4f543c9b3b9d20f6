#!/usr/bin/env bash
# Makes the Chromium HAR with SCRAM credentials of the xmppws-redact tests,
# and the same session on the wire:
#   test-captures/redact-chromium-scram.har      Playwright's recordHar of Debian's Chromium
#   test-captures/redact-chromium-scram.pcapng   dumpcap on lo, tcp port 7078
# prosody 0.12 (../har-netlog/prosody.cfg.lua.in, page + /ws/ + /http-bind/
# on http://127.0.0.1:7078) with the desktop page of ../wss-tls
# (desktop_site, ../lib/session.sh) and the account 1003; node
# chromium-har.mjs: SCRAM-SHA-1 over WebSocket, then over BOSH. Checks that
# the wire holds as many WebSocket text messages and BOSH requests as the
# HAR, and only 127.0.0.1:7078.
#
# Usage: test-captures/make/redact/chromium-har.sh   (as root, or with
# dumpcap rights; KEEP_WORKDIR=1 keeps the temporary directory;
# CAPTURES_OUT=<dir> writes elsewhere). Needs prosody, dumpcap, tshark
# (without the xmppws plugin), openssl, chromium, node, npm (npm ci in
# ../prosody-strophe and ../har-netlog when their node_modules are missing).

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIBDIR=$(cd "$HERE/../prosody-strophe" && pwd)
PAGEDIR=$(cd "$HERE/../wss-tls" && pwd)
NETLOGDIR=$(cd "$HERE/../har-netlog" && pwd)
LOG_TAG=redact-chromium-har
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, desktop_site, ...

DOMAIN=finesse.example.test
HTTP_PORT=7078
HTTPS_PORT=8445
C2S_PORT=5234
export PASSWORD_1003='Chromium-Scram-Pa55w0rd!1003'
NAME=redact-chromium-scram

WORK=$(mktemp -d /tmp/xmppws-redact-chromium.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROSODY_PID

chromium_session_needs "$NETLOGDIR"

ports_free $HTTP_PORT $HTTPS_PORT $C2S_PORT
desktop_site "$WORK" "$PAGEDIR" "$NETLOGDIR/prosody.cfg.lua.in" $DOMAIN
prosody_register "$CFG" $DOMAIN 1003 "$PASSWORD_1003"
start_prosody "$CFG" $HTTP_PORT $HTTPS_PORT $C2S_PORT

pcap="$WORK/$NAME.pcapng"
har="$WORK/$NAME.har"
start_dumpcap "tcp port $HTTP_PORT" "$pcap" "$WORK/dumpcap.err"
(cd "$HERE" && HAR_OUT="$har" node chromium-har.mjs) >"$WORK/scenario.log" 2>&1 ||
  { cat "$WORK/scenario.log" >&2; die "chromium-har.mjs failed"; }
grep -q '^\[scenario\] OK$' "$WORK/scenario.log" || { cat "$WORK/scenario.log" >&2; die "no OK from chromium-har.mjs"; }
sleep 0.5
stop DUMPCAP_PID PROSODY_PID

loopback_only "$pcap" $HTTP_PORT
read -r har_ws har_bosh har_scram < <(python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
ws = [m["data"] for e in entries for m in e.get("_webSocketMessages", []) if m.get("opcode") == 1]
bosh = [e["request"]["postData"]["text"] for e in entries
        if "/http-bind/" in e["request"]["url"] and e["request"]["method"] == "POST"]
print(len(ws), len(bosh), sum(1 for t in ws + bosh if "<auth" in t and "SCRAM-SHA-1" in t))' "$har")
opts=(-d "tcp.port==$HTTP_PORT,http")
wire_ws=$(tshark -r "$pcap" "${opts[@]}" -Y websocket -T fields -E occurrence=a -E aggregator=, \
          -e websocket.opcode 2>/dev/null | tr ',' '\n' | grep -c '^1$')
wire_bosh=$(tshark -r "$pcap" "${opts[@]}" -Y 'http.request.method == "POST" && http.request.uri contains "/http-bind/"' 2>/dev/null | wc -l)
log "HAR: $har_ws WebSocket text messages, $har_bosh BOSH requests, $har_scram SCRAM <auth>; wire: $wire_ws, $wire_bosh"
[ "$har_scram" = 2 ] || die "the HAR does not hold two SCRAM-SHA-1 <auth>"
[ "$har_ws" = "$wire_ws" ] && [ "$har_bosh" = "$wire_bosh" ] || die "the HAR and the wire capture differ"

publish "$pcap" "$har"
log "wrote $OUT/$NAME.har and $OUT/$NAME.pcapng ($(frame_count "$pcap") frames)"
