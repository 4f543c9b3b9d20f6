#!/usr/bin/env bash
# Makes the HAR and NetLog test data of xmppws-har, each with the same
# session captured on the wire:
#   test-captures/har-ws.har            Playwright recordHar, http:// + ws://
#   test-captures/har-ws.pcapng         the same session on the wire
#   test-captures/har-ws-devtools.har   har-ws.har in DevTools' layout (to-devtools-har.py)
#   test-captures/har-wss.har           Playwright recordHar, https:// + wss://
#   test-captures/har-wss.pcapng + .keys  the same session on the wire, and Chromium's TLS key log
#   test-captures/har-wss.netlog.json   Chromium's NetLog of that session (capture mode Everything)
#
# Usage: test-captures/make/har-netlog/make-captures.sh [har-ws] [har-wss]
#   (default: both; KEEP_WORKDIR=1 keeps the temporary directory).
#
# For each scenario: a fresh temporary prosody config + data directory
# (prosody.cfg.lua.in) with a self-signed certificate for
# finesse.example.test / 127.0.0.1 (openssl), users registered with
# prosodyctl, prosody in the foreground as a background job (own pid) with
# the page, /ws/ and /http-bind/ on HTTP 127.0.0.1:7078 and HTTPS
# 127.0.0.1:8445 and c2s on 5234 (the publisher, not captured); dumpcap on
# lo; node scenario.mjs (Playwright driving Debian's Chromium, see there);
# then dumpcap and prosody are stopped by pid. Checks that the wire capture
# holds as many WebSocket text messages and BOSH requests as the HAR.
#
# Needs root (or dumpcap capture rights), prosody 0.12, dumpcap/tshark
# (without the xmppws plugin), openssl, chromium, python3, node >= 20.10,
# npm (playwright-core here, the prosody-strophe node modules there, each
# installed with npm ci). CAPTURES_OUT=<dir> writes everything there
# instead of test-captures/. Shared helpers: ../lib/session.sh.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIBDIR=$(cd "$HERE/../prosody-strophe" && pwd)
PAGEDIR=$(cd "$HERE/../wss-tls" && pwd)
LOG_TAG=har-netlog
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...
ALL=(har-ws har-wss)
select_scenarios "$@"

DOMAIN=finesse.example.test
HTTP_PORT=7078
HTTPS_PORT=8445
C2S_PORT=5234

WORK=$(mktemp -d /tmp/xmppws-har-netlog.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROSODY_PID

chromium_session_needs "$HERE"

# Keeps the key log lines of the TLS connections in the capture.
trim_keylog() {  # trim_keylog <pcap> <keylog-in> <keylog-out> <port>...
  local pcap=$1 in=$2 out=$3 randoms decode=() p
  shift 3
  for p in "$@"; do decode+=(-d "tcp.port==$p,tls"); done
  randoms=$(tshark -r "$pcap" "${decode[@]}" -Y "tls.handshake.type == 1" \
            -T fields -e tls.handshake.random 2>/dev/null | tr -d ':' | sort -u)
  [ -n "$randoms" ] || die "no TLS ClientHello in $pcap"
  awk 'NR == FNR { want[tolower($1)] = 1; next } tolower($2) in want' <(echo "$randoms") "$in" >"$out"
  log "key log: $(wc -l <"$out") of $(wc -l <"$in") lines kept"
}

# WebSocket messages and BOSH requests in a HAR (python3, standard library).
har_counts() {  # har_counts <har>: "<ws text messages> <BOSH POSTs>"
  python3 -c '
import json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
ws = sum(1 for e in entries for m in e.get("_webSocketMessages", []) if m.get("opcode") == 1)
bosh = sum(1 for e in entries if "/http-bind/" in e["request"]["url"] and e["request"]["method"] == "POST")
print(ws, bosh)' "$1"
}

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  if [ "$scenario" = har-ws ]; then rest_port=8084; port=$HTTP_PORT; else rest_port=8444; port=$HTTPS_PORT; fi
  ports_free $HTTP_PORT $HTTPS_PORT $C2S_PORT $rest_port

  dir="$WORK/$scenario"
  desktop_site "$dir" "$PAGEDIR" "$HERE/prosody.cfg.lua.in" $DOMAIN
  cfg=$CFG
  start_prosody "$cfg" $HTTP_PORT $HTTPS_PORT $C2S_PORT

  pcap="$dir/$scenario.pcapng"
  start_dumpcap "tcp port $port or tcp port $rest_port" "$pcap" "$dir/dumpcap.err"
  env=(HAR_OUT="$dir/$scenario.har" CERT_DIR="$dir/certs" C2S_PORT=$C2S_PORT)
  if [ "$scenario" = har-wss ]; then
    env+=(KEYLOG_OUT="$dir/all.keys" NETLOG_OUT="$dir/$scenario.netlog.json")
  fi
  (cd "$HERE" && env "${env[@]}" node scenario.mjs "$scenario") >"$dir/scenario.log" 2>&1 ||
    { cat "$dir/scenario.log" >&2; die "scenario $scenario failed"; }
  sleep 0.5
  stop DUMPCAP_PID PROSODY_PID

  opts=(-d "tcp.port==$port,http" -d "tcp.port==$rest_port,http")
  if [ "$scenario" = har-wss ]; then
    trim_keylog "$pcap" "$dir/all.keys" "$dir/$scenario.keys" $port $rest_port
    opts=(-o "tls.keylog_file:$dir/$scenario.keys" -d "tcp.port==$port,tls" -d "tcp.port==$rest_port,tls")
    [ -s "$dir/$scenario.netlog.json" ] || die "Chromium wrote no NetLog"
  fi
  loopback_only "$pcap" $port $rest_port
  read -r har_ws har_bosh < <(har_counts "$dir/$scenario.har")
  # Messages, not frames: one TCP segment may hold several.
  wire_ws=$(tshark -r "$pcap" "${opts[@]}" -Y websocket -T fields -E occurrence=a -E aggregator=, \
            -e websocket.opcode 2>/dev/null | tr ',' '\n' | grep -c '^1$')
  wire_bosh=$(tshark -r "$pcap" "${opts[@]}" -Y 'http.request.method == "POST" && http.request.uri contains "/http-bind/"' 2>/dev/null | wc -l)
  log "HAR: $har_ws WebSocket text messages, $har_bosh BOSH requests; wire: $wire_ws, $wire_bosh"
  [ "$har_ws" -gt 0 ] && [ "$har_bosh" -gt 0 ] || die "$scenario: the HAR lacks WebSocket messages or BOSH requests"
  [ "$har_ws" = "$wire_ws" ] && [ "$har_bosh" = "$wire_bosh" ] || die "$scenario: the HAR and the wire capture differ"

  publish "$pcap" "$dir/$scenario.har"
  if [ "$scenario" = har-wss ]; then
    publish "$dir/$scenario.keys" "$dir/$scenario.netlog.json"
  else
    python3 "$HERE/to-devtools-har.py" "$dir/$scenario.har" "$dir/$scenario-devtools.har"
    publish "$dir/$scenario-devtools.har"
  fi
  log "wrote $OUT/$scenario.* ($(frame_count "$pcap") frames on the wire)"
done

log "done"
