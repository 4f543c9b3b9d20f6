#!/usr/bin/env bash
# Makes the permessage-deflate (RFC 7692) test captures:
#   test-captures/deflate-desktop-ws.pcapng   every message compressed
#   test-captures/deflate-fragmented.pcapng   a > 64 KiB message compressed AND fragmented
#   test-captures/deflate-fragmented-nct.pcapng   the same, no context takeover either way
#   test-captures/deflate-server-nct.pcapng   server_no_context_takeover only: Wireshark 4.0
#                                             fails to decompress the client's messages
#
# Usage: test-captures/make/deflate-proxy/make-captures.sh [scenario...]
#   (default: all four; KEEP_WORKDIR=1 keeps the temporary directory).
#
# Prosody does not implement permessage-deflate, so proxy.mjs (node "ws"
# WebSocketServer, perMessageDeflate threshold 0, subprotocol xmpp) sits in
# front of prosody's mod_websocket. Per scenario: a fresh prosody (config
# from ../prosody-strophe/prosody.cfg.lua.in with its own ports: HTTP 7271,
# c2s 5272), the proxy on 7272, dumpcap on lo with "tcp port 7272" (only the
# client <-> proxy hop is captured), then scenario.mjs (Strophe.js desktop
# over ws://127.0.0.1:7272/ws/, publisher on c2s, not captured). Everything
# is stopped by its own pid. Reuses the helpers and the pinned npm versions
# of ../prosody-strophe: both folders' scripts are copied into the temporary
# directory, which gets its own "npm ci" from ../prosody-strophe's lock file
# (so a concurrent run there cannot pull node_modules away). Needs root (or
# dumpcap capture rights), prosody 0.12, dumpcap/tshark, node >= 20.10, npm.
# CAPTURES_OUT=<dir> writes the captures there instead of test-captures/.
# Shared helpers: ../lib/session.sh.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE="$HERE/../prosody-strophe"
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...
ALL=(deflate-desktop-ws deflate-fragmented deflate-fragmented-nct deflate-server-nct)
select_scenarios "$@"

DOMAIN=finesse.example.test
HTTP_PORT=7271
C2S_PORT=5272
PROXY_PORT=7272

need_cmds prosody prosodyctl dumpcap tshark node npm ss

WORK=$(mktemp -d /tmp/xmppws-deflate.XXXXXX)
PROSODY_PID=
PROXY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROXY_PID PROSODY_PID

JS="$WORK/js"  # js/node_modules, js/prosody-strophe/*.mjs, js/deflate-proxy/*.mjs
mkdir -p "$JS/prosody-strophe" "$JS/deflate-proxy"
cp "$BASE/package.json" "$BASE/package-lock.json" "$JS/"
cp "$BASE"/*.mjs "$JS/prosody-strophe/"
cp "$HERE"/*.mjs "$JS/deflate-proxy/"
log "installing npm dependencies (npm ci, versions of ../prosody-strophe/package-lock.json)"
npm_ci "$JS"
log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
log "node: $(node --version); ws: $(node -p "require('$JS/node_modules/ws/package.json').version")"
log "dumpcap: $(dumpcap --version | head -n1)"

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  ports_free $HTTP_PORT $C2S_PORT $PROXY_PORT

  dir="$WORK/$scenario"
  mkdir -p "$dir/data" "$dir/certs"
  sed -e "s#@WORKDIR@#$dir#g" -e "s/http_ports = { 7071 }/http_ports = { $HTTP_PORT }/" \
      -e "s/c2s_ports = { 5222 }/c2s_ports = { $C2S_PORT }/" "$BASE/prosody.cfg.lua.in" >"$dir/prosody.cfg.lua"
  cfg="$dir/prosody.cfg.lua"
  grep -q "http_ports = { $HTTP_PORT }" "$cfg" && grep -q "c2s_ports = { $C2S_PORT }" "$cfg" ||
    die "could not set the ports in $cfg"

  prosody_register "$cfg" $DOMAIN 1001 'Desk-Pa55w0rd!1001' finesse 'Publisher-Pa55w0rd!finesse'
  start_prosody "$cfg" $HTTP_PORT $C2S_PORT

  fraglog=-
  proxy_env=(PROXY_PORT=$PROXY_PORT UPSTREAM_PORT=$HTTP_PORT)
  if [[ $scenario == deflate-fragmented* ]]; then
    fraglog="$dir/fragmented.jsonl"
    : >"$fraglog"
    proxy_env+=(FRAGMENT_OVER=65536 FRAGMENT_SIZE=16384 FRAGLOG="$fraglog")
  fi
  [ "$scenario" = deflate-fragmented-nct ] && proxy_env+=(NO_CONTEXT_TAKEOVER=both)
  [ "$scenario" = deflate-server-nct ] && proxy_env+=(NO_CONTEXT_TAKEOVER=server)
  env "${proxy_env[@]}" node "$JS/deflate-proxy/proxy.mjs" >"$dir/proxy.log" 2>&1 &
  PROXY_PID=$!
  wait_listening $PROXY_PORT $PROXY_PID || die "the proxy is not listening on 127.0.0.1:$PROXY_PORT"
  log "proxy running (pid $PROXY_PID)"

  pcap="$dir/$scenario.pcapng"
  start_dumpcap "tcp port $PROXY_PORT" "$pcap" "$dir/dumpcap.err"

  if ! (cd "$JS/deflate-proxy" && WSLOG="$dir/ws.jsonl" C2S_PORT=$C2S_PORT PROXY_URL="ws://127.0.0.1:$PROXY_PORT/ws/" \
        node scenario.mjs "$scenario") >"$dir/scenario.log" 2>&1; then
    cat "$dir/scenario.log" "$dir/proxy.log" >&2
    die "scenario $scenario failed"
  fi

  sleep 0.5
  stop DUMPCAP_PID PROXY_PID PROSODY_PID

  loopback_only "$pcap" $PROXY_PORT
  (cd "$JS/deflate-proxy" && VERIFY_PORT=$PROXY_PORT node verify.mjs "$pcap" "$dir/ws.jsonl" "$fraglog" "$dir/listing.txt") >&2 ||
    die "$scenario: verification failed"

  publish "$pcap"
  log "wrote $OUT/$scenario.pcapng ($(frame_count "$pcap") frames)"
done

log "done"
