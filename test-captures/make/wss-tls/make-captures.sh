#!/usr/bin/env bash
# Makes the TLS (wss://) and mid-session test captures:
#   test-captures/wss-chromium.pcapng + wss-chromium.keys
#   test-captures/wss-node.pcapng     + wss-node.keys
#   test-captures/mid-session-ws.pcapng
#
# Usage: test-captures/make/wss-tls/make-captures.sh [scenario...]
#   (default: all three; KEEP_WORKDIR=1 keeps the temporary directory).
#
# For each scenario: a fresh temporary prosody config + data directory with
# a self-signed certificate for finesse.example.test / 127.0.0.1 (openssl),
# users registered with prosodyctl, prosody started in the foreground as a
# background job (own pid) with HTTPS (wss, and the desktop page) on
# 127.0.0.1:8445, HTTP (ws) on 127.0.0.1:7075 and c2s on 127.0.0.1:5232
# (the publisher, not captured); dumpcap on lo; node scenario.mjs; then
# dumpcap and prosody are stopped by pid.
#   wss-chromium    Debian's chromium, headless, loads
#                   https://127.0.0.1:8445/desk/desktop.html and runs the
#                   desktop in the page; --ssl-key-log-file writes the keys.
#   wss-node        Strophe.js under node, node --tls-keylog writes the keys.
#   mid-session-ws  ws:// on 7075; dumpcap starts only after the desktop has
#                   logged in, bound and subscribed.
# The key logs are cut down to the lines of the TLS connections in the
# capture (by client random). Needs root (or dumpcap capture rights),
# prosody 0.12, dumpcap/tshark, openssl, chromium, node >= 20.10, npm (the
# node modules of ../prosody-strophe, installed with npm ci).
# CAPTURES_OUT=<dir> writes the captures and key logs there instead of
# test-captures/. Shared helpers: ../lib/session.sh.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LIBDIR=$(cd "$HERE/../prosody-strophe" && pwd)
LOG_TAG=wss-tls
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...
ALL=(wss-chromium wss-node mid-session-ws)
select_scenarios "$@"

DOMAIN=finesse.example.test
HTTPS_PORT=8445
HTTP_PORT=7075
C2S_PORT=5232
CDP_PORT=9223

need_cmds prosody prosodyctl dumpcap tshark node npm ss openssl chromium

WORK=$(mktemp -d /tmp/xmppws-wss-tls.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
NODE_PID=
session_traps NODE_PID DUMPCAP_PID PROSODY_PID

# Keeps the key log lines whose client random is in a ClientHello of the capture.
trim_keylog() {  # trim_keylog <pcap> <keylog-in> <keylog-out>
  local randoms
  randoms=$(tshark -r "$1" -d "tcp.port==$HTTPS_PORT,tls" -Y "tls.handshake.type == 1" \
            -T fields -e tls.handshake.random 2>/dev/null | tr -d ':' | sort -u)
  [ -n "$randoms" ] || die "no TLS ClientHello in $1"
  awk 'NR == FNR { want[tolower($1)] = 1; next } tolower($2) in want' <(echo "$randoms") "$2" >"$3"
  log "key log: $(wc -l <"$3") of $(wc -l <"$2") lines kept ($(echo "$randoms" | wc -l) TLS connections in the capture)"
}

# npm ci only when missing: it would replace node_modules under a running
# prosody-strophe/make-captures.sh.
if [ ! -d "$LIBDIR/node_modules/strophe.js" ]; then
  log "installing npm dependencies of prosody-strophe (npm ci)"
  npm_ci "$LIBDIR"
fi

log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
log "node: $(node --version); strophe.js: $(node -p "require('$LIBDIR/node_modules/strophe.js/package.json').version")"
log "chromium: $(chromium --version 2>/dev/null)"
log "dumpcap: $(dumpcap --version | head -n1); $(openssl version)"

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  ports_free $HTTPS_PORT $HTTP_PORT $C2S_PORT $CDP_PORT

  dir="$WORK/$scenario"
  desktop_site "$dir" "$HERE" "$HERE/prosody.cfg.lua.in" $DOMAIN
  cfg=$CFG
  mkdir -p "$dir/sync"
  start_prosody "$cfg" $HTTPS_PORT $HTTP_PORT $C2S_PORT

  pcap="$dir/$scenario.pcapng"
  keys="$dir/$scenario.keys"
  export C2S_PORT WSLOG="$dir/ws.jsonl"
  case $scenario in
    wss-chromium|wss-node)
      start_dumpcap "tcp port $HTTPS_PORT" "$pcap" "$dir/dumpcap.err"
      if [ $scenario = wss-chromium ]; then
        run=(env CHROMIUM_KEYLOG="$dir/all.keys" CHROMIUM_PROFILE="$dir/chromium-profile" node scenario.mjs $scenario)
      else
        run=(env NODE_EXTRA_CA_CERTS="$dir/certs/$DOMAIN.crt" node --tls-keylog="$dir/all.keys" scenario.mjs $scenario)
      fi
      (cd "$HERE" && "${run[@]}") >"$dir/scenario.log" 2>&1 || { cat "$dir/scenario.log" >&2; die "scenario $scenario failed"; }
      ;;
    mid-session-ws)
      (cd "$HERE" && SYNC_DIR="$dir/sync" exec node scenario.mjs $scenario) >"$dir/scenario.log" 2>&1 &
      NODE_PID=$!
      wait_file "$dir/sync/ready" $NODE_PID || { cat "$dir/scenario.log" >&2; die "the desktop did not log in"; }
      start_dumpcap "tcp port $HTTP_PORT" "$pcap" "$dir/dumpcap.err"
      touch "$dir/sync/capturing"
      wait $NODE_PID || { cat "$dir/scenario.log" >&2; NODE_PID=; die "scenario $scenario failed"; }
      NODE_PID=
      ;;
  esac

  sleep 0.5
  stop DUMPCAP_PID PROSODY_PID

  if [ $scenario = mid-session-ws ]; then
    port=$HTTP_PORT
    opts=(-d "tcp.port==$HTTP_PORT,websocket")
    # Nothing of the connection's start may be in the file.
    early=$(tshark -r "$pcap" -Y "tcp.flags.syn == 1 || http" 2>/dev/null | wc -l)
    [ "$early" -eq 0 ] || die "$scenario: $early SYN or HTTP packets in a mid-session capture"
  else
    port=$HTTPS_PORT
    trim_keylog "$pcap" "$dir/all.keys" "$keys"
    opts=(-o "tls.keylog_file:$keys" -d "tcp.port==$HTTPS_PORT,tls")
    # prosody does not implement permessage-deflate: the 101 must not accept it.
    ext=$(tshark -r "$pcap" "${opts[@]}" -Y "http.response.code == 101" -T fields \
          -e http.sec_websocket_extensions 2>/dev/null)
    [ -z "$(echo "$ext" | tr -d '[:space:]')" ] || die "$scenario: the server accepted extensions: $ext"
  fi
  loopback_only "$pcap" $port
  msgs=$(ws_text_count "$pcap" "${opts[@]}")
  [ "$msgs" -gt 0 ] || die "$scenario: no WebSocket text messages in the capture"

  (cd "$LIBDIR" && VERIFY_PORT=$port VERIFY_TSHARK_ARGS="${opts[*]}" node verify.mjs "$pcap" "$WSLOG" "$dir/listing.txt") >&2 ||
    die "$scenario: the capture does not hold every WebSocket message"

  publish "$pcap"
  [ $scenario = mid-session-ws ] || publish "$keys"
  log "wrote $OUT/$scenario.pcapng ($(frame_count "$pcap") frames, $msgs WebSocket text frames)"
done

log "done"
