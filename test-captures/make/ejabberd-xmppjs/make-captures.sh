#!/usr/bin/env bash
# Makes the ejabberd + @xmpp/client XMPP-over-WebSocket test captures:
#
#   test-captures/xmppjs-ejabberd-ws.pcapng
#   test-captures/xmppjs-ejabberd-item-not-found.pcapng
#   test-captures/xmppjs-ejabberd-auth-failure.pcapng
#
# Usage: test-captures/make/ejabberd-xmppjs/make-captures.sh [scenario...]
#   scenarios ws, item-not-found, auth-failure (default: all three; only the
#   named ones' files are written). KEEP_WORKDIR=1 (or KEEP_WORK=1) keeps the
#   temporary directories. CAPTURES_OUT=<dir> writes the captures there
#   instead of test-captures/.
#
# Needs root (dumpcap on lo, ejabberdctl), Debian's ejabberd package (installed
# here if missing), dumpcap/tshark, node >= 20.10 and npm.  Idempotent: every
# run starts a fresh ejabberd in a temporary directory and overwrites the
# captures.  See NOTES.md. Shared helpers: ../lib/session.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
. "$HERE/../lib/session.sh"  # log, die, OUT, stop, start_dumpcap, apt_install, ...
ALL=(ws item-not-found auth-failure)
select_scenarios "$@"
: "${KEEP_WORKDIR:=${KEEP_WORK:+1}}"

XMPP_DOMAIN=finesse.example.test
C2S_PORT=5322  # publisher (plain TCP, not captured)
HTTP_PORT=7081 # /ws and /bosh (captured)
DIST_PORT=5391 # Erlang distribution of our ejabberd node (no epmd)
NODE_NAME=xmppwscap@localhost
AGENT_USER=1001
AGENT_PASSWORD='Xjs-Pa55w0rd!1001' # also in scenario.mjs
PUBLISHER_USER=finesse
PUBLISHER_PASSWORD='Pub-Pa55w0rd!finesse'

[ "$(id -u)" = 0 ] || die "must run as root (dumpcap on lo, ejabberdctl)"

# --- tools ------------------------------------------------------------------

# If the Debian package started its own ejabberd service, stop it by its pid.
stop_package_service() {
  local pidfile=/run/ejabberd/ejabberd.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = beam.smp ] &&
    tr '\0' ' ' </proc/"$pid"/cmdline | grep -q -- '-sname ejabberd@localhost'; then
    log "stopping the ejabberd service started by the Debian package (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && die "package ejabberd (pid $pid) did not stop"
  fi
  return 0
}

if ! command -v ejabberdctl >/dev/null; then
  log "installing Debian's ejabberd package"
  apt_install ejabberd
fi
stop_package_service
command -v dumpcap >/dev/null || apt_install tshark
command -v tshark >/dev/null || apt_install tshark
command -v node >/dev/null || die "node (>= 20.10) is required"
command -v npm >/dev/null || die "npm is required"

EJABBERD_VERSION=$(dpkg-query -W -f='${Version}' ejabberd)
log "ejabberd $EJABBERD_VERSION, node $(node --version), $(dumpcap --version | head -1)"

ports_free "$C2S_PORT" "$HTTP_PORT" "$DIST_PORT"

# --- node dependencies (exact versions from package-lock.json) ---------------
log "npm ci"
npm_ci "$HERE"
NODE_FLAGS=()
if ! node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)'; then
  NODE_FLAGS+=(--experimental-websocket) # Node 20: WebSocket is behind a flag
fi
NODE_FLAGS+=(--no-warnings)

# --- temporary ejabberd instance ---------------------------------------------
WORK=$(mktemp -d /tmp/xmppws-ejabberd.XXXXXX)
CAPDIR=$(mktemp -d /tmp/xmppws-captures.XXXXXX) # root-owned: dumpcap writes here
EJ_FG_PID=""
EJ_BEAM_PID=""
DUMPCAP_PID=""
WORK_DIRS=("$WORK" "$CAPDIR")

mkdir -p "$WORK/conf" "$WORK/spool" "$WORK/logs"
sed "s|@WORKDIR@|$WORK|g" "$HERE/ejabberd.yml.in" >"$WORK/conf/ejabberd.yml"
cp /etc/ejabberd/inetrc "$WORK/conf/inetrc"
COOKIE=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
cat >"$WORK/conf/ejabberdctl.cfg" <<EOF
ERLANG_NODE=$NODE_NAME
ERL_OPTIONS="-setcookie $COOKIE -env ERL_CRASH_DUMP_BYTES 0"
ERL_DIST_PORT=$DIST_PORT
INET_DIST_INTERFACE=127.0.0.1
EJABBERD_PID_PATH=$WORK/ejabberd.pid
CONTRIB_MODULES_PATH=$WORK/contrib
EJABBERD_BYPASS_WARNINGS=true
EOF
# ejabberdctl runs the node as the package's "ejabberd" user.
chown -R ejabberd:ejabberd "$WORK"
chmod 0750 "$WORK"

ejctl() {
  ejabberdctl --config-dir "$WORK/conf" --ctl-config "$WORK/conf/ejabberdctl.cfg" \
    --config "$WORK/conf/ejabberd.yml" --spool "$WORK/spool" --logs "$WORK/logs" "$@"
}

stop_ejabberd() {
  [ -n "$EJ_FG_PID" ] || return 0
  if [ -n "$EJ_BEAM_PID" ] && kill -0 "$EJ_BEAM_PID" 2>/dev/null; then
    ejctl stop >/dev/null 2>&1 || true
    for _ in $(seq 1 40); do kill -0 "$EJ_BEAM_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$EJ_BEAM_PID" 2>/dev/null; then
      log "ejabberd (pid $EJ_BEAM_PID) did not stop; sending TERM"
      kill "$EJ_BEAM_PID" 2>/dev/null || true
    fi
  fi
  if kill -0 "$EJ_FG_PID" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$EJ_FG_PID" 2>/dev/null || break; sleep 0.5; done
    kill "$EJ_FG_PID" 2>/dev/null || true
  fi
  wait "$EJ_FG_PID" 2>/dev/null || true
  EJ_FG_PID=""
}

SESSION_EXIT_HOOK=stop_ejabberd
session_traps DUMPCAP_PID

log "starting ejabberd (node $NODE_NAME) in $WORK"
ejctl foreground >"$WORK/ejabberd-foreground.out" 2>&1 </dev/null &
EJ_FG_PID=$!
if ! timeout 90 bash -c "until [ -s '$WORK/ejabberd.pid' ]; do kill -0 $EJ_FG_PID || exit 1; sleep 0.5; done"; then
  tail -20 "$WORK/ejabberd-foreground.out" >&2 || true
  die "ejabberd did not start"
fi
EJ_BEAM_PID=$(cat "$WORK/ejabberd.pid")
ejctl started || die "ejabberd did not report started"
for port in "$C2S_PORT" "$HTTP_PORT"; do
  wait_listening "$port" "$EJ_BEAM_PID" || die "ejabberd is not listening on 127.0.0.1:$port"
done
log "ejabberd running (beam pid $EJ_BEAM_PID), listening on 127.0.0.1:$C2S_PORT and 127.0.0.1:$HTTP_PORT"

ejctl register "$AGENT_USER" "$XMPP_DOMAIN" "$AGENT_PASSWORD" >/dev/null
ejctl register "$PUBLISHER_USER" "$XMPP_DOMAIN" "$PUBLISHER_PASSWORD" >/dev/null
log "registered users: $(ejctl registered_users "$XMPP_DOMAIN" | tr '\n' ' ')"

# --- scenarios ----------------------------------------------------------------
run_scenario() {
  local scenario=$1 file=$2
  local pcap="$CAPDIR/$file"
  log "scenario $scenario -> $file"
  start_dumpcap "tcp port $HTTP_PORT" "$pcap" "$CAPDIR/dumpcap-$scenario.err"
  sleep 0.5
  (cd "$HERE" && XMPPWS_TRACE="$CAPDIR/trace-$scenario.txt" XMPPWS_PUBLISHER_PASSWORD="$PUBLISHER_PASSWORD" \
    timeout 120 node "${NODE_FLAGS[@]}" scenario.mjs "$scenario")
  sleep 1 # let the last TCP segments (FIN/ACK) reach the capture
  stop DUMPCAP_PID
  [ -s "$pcap" ] || die "capture $pcap is empty"
}

for scenario in "${SCENARIOS[@]}"; do
  run_scenario "$scenario" "xmppjs-ejabberd-$scenario.pcapng"
done

stop_ejabberd
log "ejabberd stopped"

# --- checks and install -------------------------------------------------------
for f in "$CAPDIR"/*.pcapng; do
  name=$(basename "$f")
  loopback_only "$f" "$HTTP_PORT"
  texts=$(ws_text_count "$f")
  [ "$texts" -gt 0 ] || die "$name: no WebSocket text messages"
  for secret in "$AGENT_PASSWORD" "$PUBLISHER_PASSWORD" 'Wrong-Pa55w0rd!'; do
    if grep -aqF -- "$secret" "$f"; then die "$name: contains a password"; fi
  done
  publish "$f"
  log "wrote $OUT/$name ($(frame_count "$f") frames, $texts WebSocket text frames)"
done
log "done"
