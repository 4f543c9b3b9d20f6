# shellcheck shell=bash
# test-captures/make/lib/session.sh: the shell helpers shared by the
# test-captures/make/*/make-captures.sh scripts. Sourced, not executed.
#
# A script uses it like this (after "set -euo pipefail"):
#
#   HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
#   LOG_TAG=wss-tls                      # log prefix; default make-captures
#   . "$HERE/../lib/session.sh"          # sets OUT, defines the functions
#   ALL=(a b c); select_scenarios "$@"   # sets SCENARIOS
#   need_cmds prosody dumpcap tshark
#   WORK=$(mktemp -d /tmp/xmppws-x.XXXXXX)
#   PROSODY_PID= DUMPCAP_PID=
#   session_traps DUMPCAP_PID PROSODY_PID   # stopped in this order on exit
#
# What it provides:
#   OUT                       where finished captures (and key logs) go:
#                             $CAPTURES_OUT if set (created if missing),
#                             else test-captures/. Always an absolute path.
#   log MSG... / die MSG...   "[$LOG_TAG] MSG" on stderr; die then exits 1.
#   select_scenarios ARG...   SCENARIOS=(ARG...), or all of ALL when there is
#                             no ARG; dies on a name that is not in ALL.
#   need_cmds CMD...          dies if a command is not on PATH; for tshark,
#                             also if it loads the xmppws plugin.
#   npm_ci DIR                npm ci in DIR (pinned by its package-lock.json),
#                             output on stderr.
#   npm_ci_versions DIR PKG...
#                             npm_ci DIR, then logs the installed version of
#                             each npm package PKG ("mqtt 5.16.0, ws 8.23.0").
#   capture_dirs NAME         WORK=/tmp/xmppws-NAME.XXXXXX (the servers' files)
#                             and CAPDIR=/tmp/xmppws-captures.XXXXXX (root's,
#                             for dumpcap), both in WORK_DIRS.
#   apt_install PKG...        apt-get update + install of Debian packages,
#                             retried (30 x 10 s) while the apt lock is held.
#   stop_pid PID NAME         SIGTERM, wait up to 10 s, SIGKILL; reaps PID.
#   stop VAR...               stop_pid on the pid in each (non-empty) variable,
#                             named after it (PROXY_PID -> proxy), then VAR=.
#   session_traps VAR...      on exit: stop VAR..., run $SESSION_EXIT_HOOK if
#                             set, then remove $WORK (or every directory of
#                             the array WORK_DIRS) unless the exit status is
#                             non-zero or KEEP_WORKDIR=1. INT/TERM exit 130.
#   port_in_use PORT          true if something listens on TCP PORT.
#   ports_free PORT...        dies if one of the ports is in use.
#   wait_listening PORT [PID] until 127.0.0.1:PORT listens (15 s); fails at
#                             once if PID (default $PROSODY_PID) has exited.
#   wait_file FILE PID        until FILE exists (30 s); fails if PID exits.
#   start_dumpcap FILTER PCAP ERRFILE
#                             dumpcap -i lo -f FILTER -w PCAP in the
#                             background (DUMPCAP_PID), waits for
#                             "Capturing on" and 0.5 s more.
#   prosody_register CFG DOMAIN USER PASSWORD [USER PASSWORD]...
#                             prosodyctl register, output appended to
#                             prosodyctl.log next to CFG.
#   desktop_site DIR PAGES TEMPLATE DOMAIN
#                             in DIR: a self-signed certificate for DOMAIN,
#                             the desktop page of PAGES with Strophe.js,
#                             prosody's configuration from TEMPLATE with the
#                             accounts 1001 and finesse; sets CFG.
#   start_prosody CFG PORT... prosody -F in the background (PROSODY_PID,
#                             output in prosody.out next to CFG), waits
#                             until it listens on every PORT.
#   start_server VAR LOG PORTS CMD [ARG]...
#                             CMD in the background, output in LOG, its pid
#                             in the variable VAR (MOSQUITTO_PID); waits
#                             until it listens on 127.0.0.1 on every one of
#                             PORTS (comma-separated), dies (LOG's tail
#                             shown) if it does not or exits.
#   capture_scenario PCAP PORT DIR [ARG]...
#                             dumpcap on "tcp port PORT" into PCAP while
#                             `node scenario.mjs ARG...` runs in DIR (60 s at
#                             most; its output on stderr and in PCAP.scenario);
#                             dies unless it printed "[scenario] OK" or if
#                             PCAP is empty. dumpcap is stopped 1 s after.
#   loopback_only PCAP PORT...
#                             dies if PCAP holds a packet that is not TCP
#                             127.0.0.1 -> 127.0.0.1 on one of the PORTs.
#   frame_count PCAP [TSHARK-ARG...]     number of frames.
#   ws_text_count PCAP [TSHARK-ARG...]   number of WebSocket text frames.
#   publish FILE...           install -m 0644 FILE into $OUT.

: "${LOG_TAG:=make-captures}"

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

OUT=${CAPTURES_OUT:-$(dirname "${BASH_SOURCE[0]}")/../..}
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)

select_scenarios() {
  local s
  if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=("${ALL[@]}"); fi
  for s in "${SCENARIOS[@]}"; do
    [[ " ${ALL[*]} " == *" $s "* ]] || die "unknown scenario '$s' (known: ${ALL[*]})"
  done
}

need_cmds() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null || die "$cmd not found"
    [ "$cmd" != tshark ] || need_tshark_without_plugin
  done
}

# The verifiers check what Wireshark's own dissectors show. A copy of the
# plugin that tshark loads (root always loads the system plugin folder,
# whatever WIRESHARK_PLUGIN_DIR says; a user also loads ~/.local/lib/...)
# takes the WebSocket messages over, and switching it off with
# --disable-protocol does not give them back to the stock text display.
need_tshark_without_plugin() {
  local where
  where=$(tshark -G plugins 2>/dev/null | awk '$1 == "xmppws.so" {print $NF}')
  [ -z "$where" ] || die "tshark loads the xmppws plugin ($where); the verifiers need tshark without it: move that file away while making captures"
}

npm_ci() { (cd "$1" && npm ci --no-audit --no-fund --loglevel=error) >&2; }

npm_ci_versions() {  # npm_ci_versions <dir> <package>...
  local dir=$1 pkg versions=""
  shift
  log "npm ci"
  npm_ci "$dir"
  for pkg in "$@"; do
    versions+="${versions:+, }$pkg $(node -p "require('$dir/node_modules/$pkg/package.json').version")"
  done
  log "$versions"
}

capture_dirs() {  # capture_dirs <name>
  WORK=$(mktemp -d "/tmp/xmppws-$1.XXXXXX")
  CAPDIR=$(mktemp -d /tmp/xmppws-captures.XXXXXX) # root-owned: dumpcap writes here
  WORK_DIRS=("$WORK" "$CAPDIR")
}

apt_install() {
  for _ in $(seq 1 30); do
    if apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; then return 0; fi
    log "apt-get failed (lock held by another process?); retrying in 10 s"
    sleep 10
  done
  die "apt-get install $* failed"
}

stop_pid() {  # stop_pid <pid> <name>: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 name=$2
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop() {  # stop <VAR>...: stop the pid held by each variable, then empty it
  local var name
  for var in "$@"; do
    [ -n "${!var:-}" ] || continue
    name=${var%_PID}
    stop_pid "${!var}" "${name,,}"
    printf -v "$var" '%s' ''
  done
}

SESSION_PIDS=()
session_cleanup() {
  local rc=$?
  set +e
  stop "${SESSION_PIDS[@]}"
  [ -z "${SESSION_EXIT_HOOK:-}" ] || "$SESSION_EXIT_HOOK"
  local dirs=("${WORK_DIRS[@]:-$WORK}")
  if [ "${KEEP_WORKDIR:-0}" = 1 ] || [ $rc -ne 0 ]; then
    log "work directory kept: ${dirs[*]}"
  else
    rm -rf "${dirs[@]}"
  fi
  exit $rc
}
session_traps() {  # session_traps <VAR>...: the pid variables to stop on exit
  SESSION_PIDS=("$@")
  trap session_cleanup EXIT
  trap 'exit 130' INT TERM
}

port_in_use() { ss -Hltn "sport = :$1" | grep -q .; }

ports_free() {
  local port
  for port in "$@"; do
    ! port_in_use "$port" || die "TCP port $port is already in use"
  done
}

wait_listening() {  # wait_listening <port> [pid]
  local pid=${2:-${PROSODY_PID:-}}
  for _ in $(seq 1 150); do
    ss -Hltn "sport = :$1" | grep -q "127.0.0.1:$1" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

wait_file() {  # wait_file <file> <pid>: until the file exists or the pid is gone
  for _ in $(seq 1 300); do
    [ -e "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

start_dumpcap() {  # start_dumpcap <filter> <pcap> <errfile>
  dumpcap -q -i lo -f "$1" -w "$2" 2>"$3" &
  DUMPCAP_PID=$!
  for _ in $(seq 1 100); do
    grep -q "^Capturing on" "$3" && break
    kill -0 "$DUMPCAP_PID" 2>/dev/null || die "dumpcap failed: $(cat "$3")"
    sleep 0.1
  done
  grep -q "^Capturing on" "$3" || die "dumpcap did not start capturing"
  sleep 0.5
  log "dumpcap capturing on '$1' (pid $DUMPCAP_PID)"
}

prosody_register() {  # prosody_register <cfg> <domain> <user> <password> [<user> <password>]...
  local cfg=$1 domain=$2
  shift 2
  while [ $# -ge 2 ]; do
    prosodyctl --config "$cfg" register "$1" "$domain" "$2" >>"${cfg%/*}/prosodyctl.log" 2>&1
    shift 2
  done
}

# desktop_site <dir> <page dir> <config template> <domain>: in <dir>, a
# self-signed certificate for <domain> (certs/), the desktop page of
# <page dir> with Strophe.js from $LIBDIR (www/), prosody's configuration
# from <config template> (@WORKDIR@ -> <dir>) and its data (data/), with
# the desktop account 1001 and the publisher finesse registered. Sets CFG.
desktop_site() {
  local dir=$1 pages=$2 template=$3 domain=$4
  mkdir -p "$dir/data" "$dir/certs" "$dir/www"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$domain" \
    -addext "subjectAltName=DNS:$domain,IP:127.0.0.1" \
    -keyout "$dir/certs/$domain.key" -out "$dir/certs/$domain.crt" 2>"$dir/openssl.log"
  cp "$pages/desktop.html" "$pages/desktop-page.js" "$LIBDIR/node_modules/strophe.js/dist/strophe.umd.min.js" "$dir/www/"
  sed "s#@WORKDIR@#$dir#g" "$template" >"$dir/prosody.cfg.lua"
  CFG="$dir/prosody.cfg.lua"
  prosody_register "$CFG" "$domain" 1001 'Desk-Pa55w0rd!1001' finesse 'Publisher-Pa55w0rd!finesse'
}

# What a Chromium desktop session needs (the commands, Strophe.js in
# $LIBDIR, playwright-core in <playwright dir>), installed when missing,
# and the versions in the log.
chromium_session_needs() {  # chromium_session_needs <playwright dir>
  need_cmds prosody prosodyctl dumpcap tshark node npm ss openssl chromium python3
  [ -d "$LIBDIR/node_modules/strophe.js" ] || { log "npm ci in prosody-strophe"; npm_ci "$LIBDIR"; }
  [ -d "$1/node_modules/playwright-core" ] || { log "npm ci in $(basename "$1")"; npm_ci "$1"; }
  log "prosody: $(prosodyctl about 2>/dev/null | sed -n 's/^Prosody \(.*\)/\1/p' | head -n1)"
  log "chromium: $(chromium --version 2>/dev/null); node $(node --version)"
}

start_prosody() {  # start_prosody <cfg> <port>...
  local cfg=$1 port
  shift
  prosody --config "$cfg" -F >"${cfg%/*}/prosody.out" 2>&1 &
  PROSODY_PID=$!
  for port in "$@"; do
    wait_listening "$port" "$PROSODY_PID" ||
      die "prosody is not listening on 127.0.0.1:$port (see ${cfg%/*}/prosody.log)"
  done
  log "prosody running (pid $PROSODY_PID)"
}

start_server() {  # start_server <VAR> <log> <port,...> <cmd> [<arg>]...
  local var=$1 out=$2 ports=$3 port
  shift 3
  "$@" >"$out" 2>&1 </dev/null &
  printf -v "$var" '%s' "$!"
  for port in ${ports//,/ }; do
    if ! wait_listening "$port" "${!var}"; then
      tail -n 20 "$out" >&2 || true
      die "$1 is not listening on 127.0.0.1:$port (see $out)"
    fi
  done
  log "$1 running (pid ${!var}), listening on 127.0.0.1 port(s) $ports"
}

capture_scenario() {  # capture_scenario <pcap> <port> <dir> [<arg>]...
  local pcap=$1 port=$2 dir=$3
  shift 3
  start_dumpcap "tcp port $port" "$pcap" "$pcap.dumpcap.err"
  sleep 0.5
  (cd "$dir" && timeout 60 node --no-warnings scenario.mjs "$@") | tee "$pcap.scenario" >&2
  sleep 1 # let the last TCP segments (FIN/ACK) reach the capture
  stop DUMPCAP_PID
  grep -qx '\[scenario\] OK' "$pcap.scenario" || die "scenario failed (see $pcap.scenario)"
  [ -s "$pcap" ] || die "capture $pcap is empty"
}

loopback_only() {  # loopback_only <pcap> <port>...
  local pcap=$1 ports other
  shift
  ports=$(IFS=,; echo "$*")
  other=$(tshark -r "$pcap" -Y "!(ip.src == 127.0.0.1 && ip.dst == 127.0.0.1 && tcp.port in {$ports})" 2>/dev/null | wc -l)
  [ "$other" -eq 0 ] || die "${pcap##*/}: $other packets other than 127.0.0.1 TCP port(s) $ports"
}

frame_count() { tshark -r "$@" 2>/dev/null | wc -l; }
ws_text_count() { tshark -r "$@" -Y websocket.payload.text -T fields -e frame.number 2>/dev/null | wc -l; }

publish() {
  local f
  for f in "$@"; do install -m 0644 "$f" "$OUT/"; done
}
