#!/usr/bin/env bash
# Makes the prosody + Strophe.js XMPP-over-BOSH (XEP-0124/XEP-0206) captures:
#   test-captures/finesse-desktop-bosh.pcapng
#   test-captures/finesse-desktop-bosh-tls.pcapng  (+ finesse-desktop-bosh-tls.keys, its TLS key log)
#   test-captures/ws-and-bosh.pcapng
#   test-captures/bosh-bad-sid.pcapng
#   test-captures/bosh-improper-addressing.pcapng
#   test-captures/bosh-rid-gap.pcapng
#   test-captures/bosh-conflict.pcapng
#
# Usage: test-captures/make/prosody-strophe-bosh/make-captures.sh [scenario...]
#   (default: all; KEEP_WORKDIR=1 keeps the temporary directory). Only the
#   named scenarios' files are (re)written.
#
# The same steps as ../prosody-strophe/make-captures.sh (whose Strophe.js,
# publisher and Update documents this reuses), plus: a self-signed
# certificate for prosody's HTTPS port 7443; dumpcap on "tcp port 7071 or
# tcp port 7443"; node with xhr2 as XMLHttpRequest, so Strophe.js runs its
# BOSH transport; the TLS key log written by node (SSLKEYLOGFILE, NSS
# format). Servers listen on 127.0.0.1 only and are stopped by pid.
# CAPTURES_OUT=<dir> writes the captures and key log there instead of
# test-captures/. Shared helpers: ../lib/session.sh.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WSDIR=$(cd "$HERE/../prosody-strophe" && pwd)
LOG_TAG=make-captures-bosh
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...
ALL=(finesse-desktop-bosh finesse-desktop-bosh-tls ws-and-bosh bosh-bad-sid bosh-improper-addressing bosh-rid-gap bosh-conflict)
select_scenarios "$@"

DOMAIN=finesse.example.test
HTTP_PORT=7071
HTTPS_PORT=7443
C2S_PORT=5222

need_cmds prosody prosodyctl dumpcap tshark node npm ss openssl python3

WORK=$(mktemp -d /tmp/xmppws-prosody-strophe-bosh.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROSODY_PID

log "installing npm dependencies (npm ci, here and in ../prosody-strophe)"
npm_ci "$WSDIR"
npm_ci "$HERE"

log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
log "node: $(node --version); strophe.js: $(node -p "require('$WSDIR/node_modules/strophe.js/package.json').version"); xhr2: $(node -p "require('$HERE/node_modules/xhr2/package.json').version")"
log "dumpcap: $(dumpcap --version | head -n1)"

for scenario in "${SCENARIOS[@]}"; do
  log "=== $scenario ==="
  ports_free $HTTP_PORT $HTTPS_PORT $C2S_PORT

  dir="$WORK/$scenario"
  mkdir -p "$dir/data" "$dir/certs"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$DOMAIN" \
    -addext "subjectAltName=DNS:$DOMAIN,IP:127.0.0.1" \
    -keyout "$dir/certs/server.key" -out "$dir/certs/server.crt" 2>"$dir/openssl.log"
  sed "s#@WORKDIR@#$dir#g" "$HERE/prosody.cfg.lua.in" >"$dir/prosody.cfg.lua"
  cfg="$dir/prosody.cfg.lua"

  prosody_register "$cfg" $DOMAIN 1001 'Desk-Pa55w0rd!1001' 1002 'Desk-Pa55w0rd!1002' \
    finesse 'Publisher-Pa55w0rd!finesse'
  start_prosody "$cfg" $HTTP_PORT $HTTPS_PORT $C2S_PORT

  pcap="$dir/$scenario.pcapng"
  start_dumpcap "tcp port $HTTP_PORT or tcp port $HTTPS_PORT" "$pcap" "$dir/dumpcap.err"

  keys="$dir/$scenario.keys"
  : >"$keys"
  if ! (cd "$HERE" && WSLOG="$dir/ws.jsonl" BOSH_LOG="$dir/bosh.jsonl" BOSH_CA="$dir/certs/server.crt" \
        SSLKEYLOGFILE="$keys" node scenario-bosh.mjs "$scenario") >"$dir/scenario.log" 2>&1; then
    cat "$dir/scenario.log" >&2
    die "scenario $scenario failed"
  fi

  sleep 0.5
  stop DUMPCAP_PID PROSODY_PID

  # Nothing but loopback TCP on ports 7071 and 7443 may be in the file.
  loopback_only "$pcap" $HTTP_PORT $HTTPS_PORT

  # Every BOSH body the client sent or received must be in the file.
  python3 "$HERE/verify-bosh.py" "$pcap" "$dir/bosh.jsonl" "$keys" >&2 ||
    die "$scenario: the capture does not hold every BOSH body"
  if [ -s "$dir/ws.jsonl" ]; then
    (cd "$WSDIR" && node verify.mjs "$pcap" "$dir/ws.jsonl" "$dir/listing.txt") >&2 ||
      die "$scenario: the capture does not hold every WebSocket message"
  fi

  publish "$pcap"
  if [ -s "$keys" ]; then publish "$keys"; fi
  log "wrote $OUT/$scenario.pcapng ($(frame_count "$pcap") frames)"
done

log "done"
