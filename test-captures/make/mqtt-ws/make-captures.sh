#!/usr/bin/env bash
# Makes test-captures/mqtt-ws.pcapng: MQTT 3.1.1 over WebSocket (subprotocol
# "mqtt") between Debian's mosquitto and two mqtt.js clients under node, whose
# PUBLISH payloads are a plain XML document and XMPP-looking stanzas. It is
# not XMPP: the xmppws plugin must claim none of it (issue 17).
#
# Usage: test-captures/make/mqtt-ws/make-captures.sh
#   KEEP_WORKDIR=1 (or KEEP_WORK=1) keeps the temporary directories.
#   CAPTURES_OUT=<dir> writes the capture there instead of test-captures/.
#
# Needs root (dumpcap on lo), Debian's mosquitto (installed here if missing;
# bookworm's 2.0.11 has WebSocket listeners built in), dumpcap/tshark (tshark
# without the xmppws plugin), node >= 20.10 and npm. mosquitto listens on
# 127.0.0.1 only and is stopped by its pid; each run starts a fresh one from
# a temporary directory and overwrites the capture. See NOTES.md. Shared
# helpers: ../lib/session.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
LOG_TAG=mqtt-ws
. "$HERE/../lib/session.sh"  # log, die, OUT, apt_install, start_server, capture_scenario, ...
: "${KEEP_WORKDIR:=${KEEP_WORK:+1}}"

WS_PORT=9001   # MQTT over WebSocket (captured)
MQTT_PORT=1885 # plain MQTT, never used: mosquitto 2.0.11 does not start with
               # a WebSocket listener alone ("Unable to start any listening sockets")
FILE=mqtt-ws.pcapng

[ "$(id -u)" = 0 ] || die "must run as root (dumpcap on lo)"
command -v mosquitto >/dev/null || apt_install mosquitto
if ! command -v dumpcap >/dev/null || ! command -v tshark >/dev/null; then apt_install tshark; fi
need_cmds mosquitto dumpcap tshark node npm ss
log "mosquitto $(dpkg-query -W -f='${Version}' mosquitto), node $(node --version), $(dumpcap --version | head -n1)"
ports_free "$WS_PORT" "$MQTT_PORT"

npm_ci_versions "$HERE" mqtt ws
capture_dirs mqtt
MOSQUITTO_PID=
DUMPCAP_PID=
session_traps DUMPCAP_PID MOSQUITTO_PID

sed -e "s|@WS_PORT@|$WS_PORT|g" -e "s|@MQTT_PORT@|$MQTT_PORT|g" "$HERE/mosquitto.conf.in" >"$WORK/mosquitto.conf"
start_server MOSQUITTO_PID "$WORK/mosquitto.out" "$WS_PORT,$MQTT_PORT" mosquitto -c "$WORK/mosquitto.conf"

pcap="$CAPDIR/$FILE"
capture_scenario "$pcap" "$WS_PORT" "$HERE" "ws://127.0.0.1:$WS_PORT"
stop MOSQUITTO_PID

# --- checks and install -------------------------------------------------------
loopback_only "$pcap" "$WS_PORT"
upgrades=$(frame_count "$pcap" -Y 'http.sec_websocket_protocol == "mqtt"')
[ "$upgrades" -eq 4 ] || die "$FILE: $upgrades HTTP messages with Sec-WebSocket-Protocol: mqtt, expected 4"
texts=$(ws_text_count "$pcap")
[ "$texts" -eq 0 ] || die "$FILE: $texts WebSocket text messages; mqtt.js and mosquitto send binary only"
presence=$(frame_count "$pcap" -Y 'websocket.opcode == 2 && data.data contains "<presence"')
[ "$presence" -eq 2 ] || die "$FILE: $presence binary messages hold <presence, expected 2 (publisher's payload, subscriber's PUBLISH)"
publish "$pcap"
log "wrote $OUT/$FILE ($(frame_count "$pcap") frames, $(frame_count "$pcap" -Y 'websocket.opcode == 2') binary WebSocket messages)"
log "done"
