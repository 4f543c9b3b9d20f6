#!/usr/bin/env bash
# Makes the prosody + Strophe.js XMPP-over-WebSocket test captures:
#   test-captures/finesse-desktop-ws.pcapng
#   test-captures/finesse-desktop-scram.pcapng
#   test-captures/auth-failure.pcapng
#   test-captures/subscribe-item-not-found.pcapng
#   test-captures/resource-conflict.pcapng
#   test-captures/tcp-rst.pcapng
#   test-captures/finesse-feeds.pcapng
#
# Usage: test-captures/make/prosody-strophe/make-captures.sh [scenario...]
#   (default: all seven; KEEP_WORKDIR=1 keeps the temporary directory).
#   Only the named scenarios' files are (re)written, e.g.
#   "make-captures.sh finesse-feeds" writes only finesse-feeds.pcapng.
#
# For each scenario: a fresh temporary prosody config + data directory,
# users registered with prosodyctl against that config, prosody started in
# the foreground as a background job (own pid), dumpcap on lo with the
# filter "tcp port 7071", the node scenario (Strophe.js desktop over
# ws://127.0.0.1:7071/ws/; @xmpp/client publisher over TCP 127.0.0.1:5222,
# not captured), then dumpcap and prosody are stopped by pid. Needs root (or
# dumpcap capture rights), prosody 0.12, dumpcap/tshark, node >= 20.10, npm.
# Servers listen on 127.0.0.1 only. Re-running overwrites the captures.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/../.." && pwd)  # test-captures/
ALL=(finesse-desktop-ws finesse-desktop-scram auth-failure subscribe-item-not-found resource-conflict tcp-rst finesse-feeds)
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL[@]}"); fi

DOMAIN=finesse.example.test
HTTP_PORT=7071
C2S_PORT=5222

log() { printf '[make-captures] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for s in "${SCENARIOS[@]}"; do
  [[ " ${ALL[*]} " == *" $s "* ]] || die "unknown scenario '$s' (known: ${ALL[*]})"
done
for cmd in prosody prosodyctl dumpcap tshark node npm ss; do
  command -v "$cmd" >/dev/null || die "$cmd not found"
done

WORK=$(mktemp -d /tmp/xmppws-prosody-strophe.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=

stop_pid() {  # stop_pid <pid> <name>: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 name=$2 i
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  [ -n "$DUMPCAP_PID" ] && stop_pid "$DUMPCAP_PID" dumpcap
  [ -n "$PROSODY_PID" ] && stop_pid "$PROSODY_PID" prosody
  if [ "${KEEP_WORKDIR:-0}" = 1 ] || [ $rc -ne 0 ]; then
    log "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { ss -Hltn "sport = :$1" | grep -q .; }

wait_listening() {  # wait_listening <port>
  local i
  for i in $(seq 1 150); do
    ss -Hltn "sport = :$1" | grep -q "127.0.0.1:$1" && return 0
    kill -0 "$PROSODY_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

log "installing npm dependencies (npm ci)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >&2

log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
log "node: $(node --version); strophe.js: $(node -p "require('$HERE/node_modules/strophe.js/package.json').version")"
log "dumpcap: $(dumpcap --version | head -n1)"

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  for port in $HTTP_PORT $C2S_PORT; do
    port_in_use $port && die "TCP port $port is already in use"
  done

  dir="$WORK/$scenario"
  mkdir -p "$dir/data" "$dir/certs"
  sed "s#@WORKDIR@#$dir#g" "$HERE/prosody.cfg.lua.in" >"$dir/prosody.cfg.lua"
  cfg="$dir/prosody.cfg.lua"

  prosodyctl --config "$cfg" register 1001 $DOMAIN 'Desk-Pa55w0rd!1001' >>"$dir/prosodyctl.log" 2>&1
  prosodyctl --config "$cfg" register 1002 $DOMAIN 'Desk-Pa55w0rd!1002' >>"$dir/prosodyctl.log" 2>&1
  prosodyctl --config "$cfg" register finesse $DOMAIN 'Publisher-Pa55w0rd!finesse' >>"$dir/prosodyctl.log" 2>&1

  prosody --config "$cfg" -F >"$dir/prosody.out" 2>&1 &
  PROSODY_PID=$!
  wait_listening $HTTP_PORT || die "prosody is not listening on 127.0.0.1:$HTTP_PORT (see $dir/prosody.log)"
  wait_listening $C2S_PORT || die "prosody is not listening on 127.0.0.1:$C2S_PORT (see $dir/prosody.log)"
  log "prosody running (pid $PROSODY_PID)"

  pcap="$dir/$scenario.pcapng"
  dumpcap -q -i lo -f "tcp port $HTTP_PORT" -w "$pcap" 2>"$dir/dumpcap.err" &
  DUMPCAP_PID=$!
  for i in $(seq 1 100); do
    grep -q "^Capturing on" "$dir/dumpcap.err" && break
    kill -0 "$DUMPCAP_PID" 2>/dev/null || die "dumpcap failed: $(cat "$dir/dumpcap.err")"
    sleep 0.1
  done
  grep -q "^Capturing on" "$dir/dumpcap.err" || die "dumpcap did not start capturing"
  sleep 0.5
  log "dumpcap capturing (pid $DUMPCAP_PID)"

  if ! (cd "$HERE" && WSLOG="$dir/ws.jsonl" node scenario.mjs "$scenario") >"$dir/scenario.log" 2>&1; then
    cat "$dir/scenario.log" >&2
    die "scenario $scenario failed"
  fi

  sleep 0.5
  stop_pid "$DUMPCAP_PID" dumpcap
  DUMPCAP_PID=
  stop_pid "$PROSODY_PID" prosody
  PROSODY_PID=

  # Nothing but loopback TCP on port 7071 may be in the file.
  other=$(tshark -r "$pcap" -Y "!(ip.src == 127.0.0.1 && ip.dst == 127.0.0.1 && tcp.port == $HTTP_PORT)" 2>/dev/null | wc -l)
  [ "$other" -eq 0 ] || die "$scenario: $other packets other than 127.0.0.1 TCP port $HTTP_PORT"
  msgs=$(tshark -r "$pcap" -Y websocket.payload.text -T fields -e frame.number 2>/dev/null | wc -l)
  [ "$msgs" -gt 0 ] || die "$scenario: no WebSocket text messages in the capture"

  # Every WebSocket message the client sent or received must be in the file.
  (cd "$HERE" && node verify.mjs "$pcap" "$dir/ws.jsonl" "$dir/listing.txt") >&2 ||
    die "$scenario: the capture does not hold every WebSocket message"

  install -m 0644 "$pcap" "$OUT/$scenario.pcapng"
  log "wrote $OUT/$scenario.pcapng ($(tshark -r "$pcap" 2>/dev/null | wc -l) frames, $msgs WebSocket text frames)"
done

log "done"
