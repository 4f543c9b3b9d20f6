#!/usr/bin/env bash
# Makes the real sessions the xmppws-redact tests start from:
#   test-captures/redact-sessions.pcapng   what dumpcap saw on ws:// and http://
#   test-captures/redact-sessions.har      the same sessions as the client
#                                          recorded them (Chromium's HAR shape)
# prosody 0.12 (Debian 12) with mod_websocket and mod_bosh on
# 127.0.0.1:7071, the Strophe.js 5.0.0 desktop under node (scenario.mjs):
# PLAIN and SCRAM-SHA-1 over WebSocket, then over BOSH. The publisher
# (@xmpp/client on c2s 127.0.0.1:5222) is not captured.
#
# Usage: test-captures/make/redact/make-captures.sh
#   (as root, or with dumpcap capture rights; KEEP_WORKDIR=1 keeps the
#   temporary directory; CAPTURES_OUT=<dir> writes elsewhere).
# Reuses ../prosody-strophe (its prosody configuration, Strophe desktop,
# publisher and WebSocket check), ../prosody-strophe-bosh (Strophe over
# BOSH in node, BOSH body check) and ../lib/session.sh (servers, dumpcap).
# The generated edge cases are gen-redact.py's. Notes: NOTES.md.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WSDIR=$(cd "$HERE/../prosody-strophe" && pwd)
BOSHDIR=$(cd "$HERE/../prosody-strophe-bosh" && pwd)
LOG_TAG=make-captures-redact
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_prosody, start_dumpcap, ...

DOMAIN=finesse.example.test
HTTP_PORT=7071
C2S_PORT=5222
export PASSWORD_1001='Redact-Pa55w0rd!1001' PASSWORD_1002='Redact-Pa55w0rd!1002'
SCENARIO=redact-sessions

need_cmds prosody prosodyctl dumpcap tshark node npm ss python3

WORK=$(mktemp -d /tmp/xmppws-redact.XXXXXX)
PROSODY_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID PROSODY_PID

log "installing npm dependencies (npm ci in ../prosody-strophe and ../prosody-strophe-bosh)"
npm_ci "$WSDIR"
npm_ci "$BOSHDIR"
log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1); node $(node --version); $(dumpcap --version | head -n1)"

ports_free $HTTP_PORT $C2S_PORT
mkdir -p "$WORK/data"
sed "s#@WORKDIR@#$WORK#g" "$WSDIR/prosody.cfg.lua.in" >"$WORK/prosody.cfg.lua"
cfg="$WORK/prosody.cfg.lua"
prosody_register "$cfg" $DOMAIN 1001 "$PASSWORD_1001" 1002 "$PASSWORD_1002" finesse 'Publisher-Pa55w0rd!finesse'
start_prosody "$cfg" $HTTP_PORT $C2S_PORT

pcap="$WORK/$SCENARIO.pcapng"
har="$WORK/$SCENARIO.har"
start_dumpcap "tcp port $HTTP_PORT" "$pcap" "$WORK/dumpcap.err"
if ! (cd "$HERE" && WSLOG="$WORK/ws.jsonl" BOSH_LOG="$WORK/bosh.jsonl" HAR="$har" node scenario.mjs $SCENARIO) \
     >"$WORK/scenario.log" 2>&1; then
  cat "$WORK/scenario.log" >&2
  die "scenario failed"
fi
sleep 0.5
stop DUMPCAP_PID PROSODY_PID

loopback_only "$pcap" $HTTP_PORT
(cd "$WSDIR" && node verify.mjs "$pcap" "$WORK/ws.jsonl" "$WORK/listing.txt") >&2 ||
  die "the capture does not hold every WebSocket message"
python3 "$BOSHDIR/verify-bosh.py" "$pcap" "$WORK/bosh.jsonl" >&2 || die "the capture does not hold every BOSH body"
python3 "$HERE/check-har.py" "$har" "$WORK/ws.jsonl" "$WORK/bosh.jsonl" >&2 || die "the HAR does not hold every message"

publish "$pcap" "$har"
log "wrote $OUT/$SCENARIO.pcapng ($(frame_count "$pcap") frames) and $OUT/$SCENARIO.har"
