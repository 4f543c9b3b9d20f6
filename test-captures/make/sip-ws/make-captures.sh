#!/usr/bin/env bash
# Makes test-captures/sip-ws.pcapng: SIP over WebSocket (RFC 7118,
# subprotocol "sip") between Debian's kamailio (websocket + xhttp modules,
# registrar and proxy) and two JsSIP user agents under node, exchanging SIP
# MESSAGEs whose bodies are XML: PIDF and XMPP-looking stanzas. It is not
# XMPP: the xmppws plugin must claim none of it (issue 17).
#
# Usage: test-captures/make/sip-ws/make-captures.sh
#   KEEP_WORKDIR=1 (or KEEP_WORK=1) keeps the temporary directories.
#   CAPTURES_OUT=<dir> writes the capture there instead of test-captures/.
#
# Needs root (dumpcap on lo), Debian's kamailio and kamailio-websocket-modules
# (installed here if missing), dumpcap/tshark (tshark without the xmppws
# plugin), node >= 20.10 and npm. kamailio listens on 127.0.0.1 only, runs as
# the package's kamailio user and is stopped by its pid; each run starts a
# fresh one (registrations in memory) from a temporary directory and
# overwrites the capture. See NOTES.md. Shared helpers: ../lib/session.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
LOG_TAG=sip-ws
. "$HERE/../lib/session.sh"  # log, die, OUT, apt_install, start_server, capture_scenario, ...
: "${KEEP_WORKDIR:=${KEEP_WORK:+1}}"

WS_PORT=8090 # SIP over WebSocket (captured)
FILE=sip-ws.pcapng
MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules

[ "$(id -u)" = 0 ] || die "must run as root (dumpcap on lo)"
if ! command -v kamailio >/dev/null || ! dpkg-query -W kamailio-websocket-modules >/dev/null 2>&1; then
  apt_install kamailio kamailio-websocket-modules
fi
if ! command -v dumpcap >/dev/null || ! command -v tshark >/dev/null; then apt_install tshark; fi
need_cmds kamailio dumpcap tshark node npm ss
log "kamailio $(dpkg-query -W -f='${Version}' kamailio), node $(node --version), $(dumpcap --version | head -n1)"
ports_free "$WS_PORT"

npm_ci_versions "$HERE" jssip ws
capture_dirs kamailio
KAMAILIO_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID KAMAILIO_PID

sed "s|@WS_PORT@|$WS_PORT|g" "$HERE/kamailio.cfg.in" >"$WORK/kamailio.cfg"
kamailio -c -f "$WORK/kamailio.cfg" -L "$MODULES" >"$WORK/kamailio-check.out" 2>&1 ||
  { cat "$WORK/kamailio-check.out" >&2; die "kamailio rejects kamailio.cfg"; }
mkdir "$WORK/run"
chown kamailio:kamailio "$WORK/run"
# -DD: the main process stays in the foreground (its pid is $!), its worker
# processes are its children and stop with it.
start_server KAMAILIO_PID "$WORK/kamailio.out" "$WS_PORT" \
  kamailio -f "$WORK/kamailio.cfg" -L "$MODULES" -Y "$WORK/run" -DD -E -m 32 -M 4 -u kamailio -g kamailio

pcap="$CAPDIR/$FILE"
capture_scenario "$pcap" "$WS_PORT" "$HERE" "ws://127.0.0.1:$WS_PORT"
stop KAMAILIO_PID

# --- checks and install -------------------------------------------------------
loopback_only "$pcap" "$WS_PORT"
upgrades=$(frame_count "$pcap" -Y 'http.sec_websocket_protocol == "sip"')
[ "$upgrades" -eq 4 ] || die "$FILE: $upgrades HTTP messages with Sec-WebSocket-Protocol: sip, expected 4"
methods=$(tshark -r "$pcap" -Y sip.Method -T fields -e sip.Method 2>/dev/null | sort | uniq -c | tr -s ' \n' ' ')
log "SIP requests:$methods"
for want in '4 REGISTER' '8 MESSAGE' '1 OPTIONS'; do # 4 MESSAGEs, each on two hops
  [[ " $methods" == *" $want "* ]] || die "$FILE: expected $want requests, got:$methods"
done
presence=$(frame_count "$pcap" -Y 'sip.Method == "MESSAGE" && presence.xmlns == "jabber:client"')
[ "$presence" -eq 2 ] || die "$FILE: $presence MESSAGEs with an XMPP <presence> body, expected 2 (alice -> kamailio -> bob)"
publish "$pcap"
log "wrote $OUT/$FILE ($(frame_count "$pcap") frames, $(frame_count "$pcap" -Y 'websocket.opcode == 1') WebSocket text messages)"
log "done"
