#!/usr/bin/env bash
# Makes the prosody + Strophe.js XMPP-over-WebSocket test captures:
#   test-captures/finesse-desktop-ws.pcapng
#   test-captures/finesse-desktop-scram.pcapng
#   test-captures/auth-failure.pcapng
#   test-captures/subscribe-item-not-found.pcapng
#   test-captures/resource-conflict.pcapng
#   test-captures/tcp-rst.pcapng
#   test-captures/finesse-feeds.pcapng
#   test-captures/finesse-rest.pcapng
#
# Usage: test-captures/make/prosody-strophe/make-captures.sh [scenario...]
#   (default: all seven; KEEP_WORKDIR=1 keeps the temporary directory).
#   Only the named scenarios' files are (re)written, e.g.
#   "make-captures.sh finesse-feeds" writes only finesse-feeds.pcapng.
#
# For each scenario: a fresh temporary prosody config + data directory,
# users registered with prosodyctl against that config, prosody started in
# the foreground as a background job (own pid), dumpcap on lo with the
# filter "tcp port 7071 or tcp port 8082" (8082: finesse-rest's REST stand-in), the node scenario (Strophe.js desktop over
# ws://127.0.0.1:7071/ws/; @xmpp/client publisher over TCP 127.0.0.1:5222,
# not captured), then dumpcap and prosody are stopped by pid. Needs root (or
# dumpcap capture rights), prosody 0.12, dumpcap/tshark, node >= 20.10, npm.
# Servers listen on 127.0.0.1 only. Re-running overwrites the captures.
# CAPTURES_OUT=<dir> writes the captures there instead of test-captures/.
# Shared helpers: ../lib/session.sh.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...
ALL=(finesse-desktop-ws finesse-desktop-scram auth-failure subscribe-item-not-found resource-conflict tcp-rst finesse-feeds finesse-rest)
select_scenarios "$@"

DOMAIN=finesse.example.test
HTTP_PORT=7071
C2S_PORT=5222
REST_PORT=8082   # the finesse-rest scenario's stand-in for Finesse's REST API

need_cmds prosody prosodyctl dumpcap tshark node npm ss

WORK=$(mktemp -d /tmp/xmppws-prosody-strophe.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROSODY_PID

log "installing npm dependencies (npm ci)"
npm_ci "$HERE"

log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
log "node: $(node --version); strophe.js: $(node -p "require('$HERE/node_modules/strophe.js/package.json').version")"
log "dumpcap: $(dumpcap --version | head -n1)"

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  ports_free $HTTP_PORT $C2S_PORT $REST_PORT

  dir="$WORK/$scenario"
  mkdir -p "$dir/data" "$dir/certs"
  sed "s#@WORKDIR@#$dir#g" "$HERE/prosody.cfg.lua.in" >"$dir/prosody.cfg.lua"
  cfg="$dir/prosody.cfg.lua"

  prosody_register "$cfg" $DOMAIN 1001 'Desk-Pa55w0rd!1001' 1002 'Desk-Pa55w0rd!1002' \
    finesse 'Publisher-Pa55w0rd!finesse'
  start_prosody "$cfg" $HTTP_PORT $C2S_PORT

  pcap="$dir/$scenario.pcapng"
  start_dumpcap "tcp port $HTTP_PORT or tcp port $REST_PORT" "$pcap" "$dir/dumpcap.err"

  if ! (cd "$HERE" && WSLOG="$dir/ws.jsonl" node scenario.mjs "$scenario") >"$dir/scenario.log" 2>&1; then
    cat "$dir/scenario.log" >&2
    die "scenario $scenario failed"
  fi

  sleep 0.5
  stop DUMPCAP_PID PROSODY_PID

  # Nothing but loopback TCP on ports 7071 and 8082 may be in the file.
  loopback_only "$pcap" $HTTP_PORT $REST_PORT
  msgs=$(ws_text_count "$pcap")
  [ "$msgs" -gt 0 ] || die "$scenario: no WebSocket text messages in the capture"

  # Every WebSocket message the client sent or received must be in the file.
  (cd "$HERE" && node verify.mjs "$pcap" "$dir/ws.jsonl" "$dir/listing.txt") >&2 ||
    die "$scenario: the capture does not hold every WebSocket message"

  publish "$pcap"
  log "wrote $OUT/$scenario.pcapng ($(frame_count "$pcap") frames, $msgs WebSocket text frames)"
done

log "done"
