#!/usr/bin/env bash
# Capture fuzzing, the way Wireshark's own tools/fuzz-test.sh does it: each
# round takes a test capture, changes random bytes past the Ethernet, IP and
# TCP headers (editcap -E <probability> -o 54 --seed <n>), and dissects the
# result with the AddressSanitizer + UBSan build of the plugin in the stock
# tshark, twice: tshark -nVxr (one pass, full tree and hex) and tshark -2 -nr
# (two passes). Runs as nobody (Wireshark ignores plugin folders for root),
# under a CPU-time limit, ASan's RSS limit, WIRESHARK_DEBUG_WMEM_OVERRIDE=strict
# and Wireshark's abort-on-dissector-bug switches.
#
# Any non-zero exit, sanitizer report or dissector bug fails the run; the
# mutated capture and tshark's stderr are kept in build-fuzz-asan/fuzz-captures/.
# A capture on which the stock tshark with no plugin fails as well is
# Wireshark's own bug: kept in fuzz-captures/wireshark/, counted, not failed.
#
#   tools/fuzz-captures.sh [SECONDS [JOBS]]   default 120 s (CI), 1 job; e.g. 3600 $(nproc) for a long run
#
# With JOBS > 1, that many workers mutate and dissect side by side, each with
# its own random sequence and scratch folder.
#
# Captures over 2 MB are left out (the 10 MB hostile one takes most of a
# round; test_hostile.py dissects it under ASan anyway).
set -euo pipefail
source "$(dirname "$0")/common.sh"

DURATION=${1:-120}
JOBS=${2:-1}
BUILD=${XMPPWS_FUZZ_ASAN_BUILD:-$XMPPWS_TOP/build-fuzz-asan}
KEEP=$BUILD/fuzz-captures
PROBABILITIES=(0.001 0.005 0.02 0.05)
OFFSET=54                       # Ethernet 14 + IPv4 20 + TCP 20: TCP options and payload change
CPU_SECONDS=300
RSS_LIMIT_MB=4096

WORK=$(mktemp -d /tmp/xmppws-fuzz-captures.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

prepare_workdir() {
    mkdir -p "$WORK/home" "$WORK/no-extcap" "$WORK/no-plugins" "$WORK/captures" "$KEEP/wireshark"
    cp -r "$BUILD/plugins" "$WORK/plugins"
    find "$XMPPWS_TOP/test-captures" -maxdepth 1 -name '*.pcap*' -size -2M -exec cp {} "$WORK/captures/" \;
    chmod -R a+rX "$WORK"
    chmod 777 "$WORK" "$WORK/home"
}

# Runs a command with the given environment, as nobody when we are root.
as_nobody() {  # as_nobody NAME=VALUE... -- COMMAND...
    local env=()
    while [ "$1" != "--" ]; do env+=("$1"); shift; done
    shift
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env "${env[@]}" "$@"
    else
        env "${env[@]}" "$@"
    fi
}

# What both tsharks share: no personal settings, no extcap, and a dissector
# bug or too many tree items aborts instead of being logged.
COMMON_ENV=(HOME="$WORK/home" WIRESHARK_EXTCAP_DIR="$WORK/no-extcap" WIRESHARK_ABORT_ON_DISSECTOR_BUG=1
            WIRESHARK_ABORT_ON_TOO_MANY_ITEMS=1 LANG=C.UTF-8)

# tshark with the sanitizer plugin.
asan_tshark() {
    as_nobody "${COMMON_ENV[@]}" WIRESHARK_PLUGIN_DIR="$WORK/plugins" \
              LD_PRELOAD="$(gcc -print-file-name=libasan.so)" \
              ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:hard_rss_limit_mb=$RSS_LIMIT_MB" \
              UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" WIRESHARK_DEBUG_WMEM_OVERRIDE=strict \
              -- tshark "$@"
}

# The stock tshark with no plugin at all, judged the same way: does it
# fail on its own?
stock_tshark() {
    as_nobody "${COMMON_ENV[@]}" WIRESHARK_PLUGIN_DIR="$WORK/no-plugins" -- tshark "$@"
}

check_plugin_loads() {
    asan_tshark -G plugins | grep -q xmppws.so || { echo "the xmppws plugin does not load" >&2; exit 1; }
}

# Dissects one mutated capture both ways with the given tshark; 0 when clean.
dissect_clean() {  # dissect_clean TSHARK FILE STDERR_FILE
    local tshark=$1 file=$2 err=$3
    (ulimit -t $CPU_SECONDS; $tshark -nVxr "$file" >/dev/null 2>"$err") || return 1
    (ulimit -t $CPU_SECONDS; $tshark -2 -nr "$file" >/dev/null 2>>"$err") || return 1
    ! grep -qE "AddressSanitizer|runtime error|Dissector bug|assertion|CRITICAL|WARNING" "$err"
}

run_round() {  # run_round ROUND SCRATCH
    local round=$1 scratch=$2 captures=("$WORK"/captures/*)
    local source=${captures[$((RANDOM % ${#captures[@]}))]}
    local p=${PROBABILITIES[$((RANDOM % ${#PROBABILITIES[@]}))]}
    local seed=$((round * 7919 + RANDOM))
    local name
    name="$(basename "${source%.*}")-E$p-s$seed.pcapng"
    editcap -E "$p" -o $OFFSET --seed "$seed" "$source" "$scratch/$name" >/dev/null 2>&1
    chmod a+r "$scratch/$name"
    if dissect_clean asan_tshark "$scratch/$name" "$scratch/$name.stderr"; then
        rm -f "$scratch/$name" "$scratch/$name.stderr"
        return 0
    fi
    if ! dissect_clean stock_tshark "$scratch/$name" "$scratch/$name.stock-stderr"; then
        cp "$scratch/$name" "$scratch/$name.stderr" "$scratch/$name.stock-stderr" "$KEEP/wireshark/"
        echo "   Wireshark's own (fails without the plugin too): $KEEP/wireshark/$name" >&2
        return 2
    fi
    cp "$scratch/$name" "$scratch/$name.stderr" "$KEEP/"
    echo "FAIL: $KEEP/$name (from $(basename "$source"), -E $p --seed $seed)" >&2
    return 1
}

# One worker: rounds WORKER, WORKER + JOBS, ... until the end time; writes
# "rounds failures wireshark_only" to its counts file.
worker() {  # worker WORKER END
    local id=$1 end=$2 scratch="$WORK/worker-$1" round=$1 rounds=0 failures=0 wireshark_only=0 status
    RANDOM=$((id * 104729 + BASHPID))
    mkdir -p "$scratch"
    chmod 777 "$scratch"
    while [ $SECONDS -lt "$end" ]; do
        rounds=$((rounds + 1))
        status=0
        run_round "$round" "$scratch" || status=$?
        case $status in
            1) failures=$((failures + 1)) ;;
            2) wireshark_only=$((wireshark_only + 1)) ;;
        esac
        round=$((round + JOBS))
    done
    echo "$rounds $failures $wireshark_only" >"$WORK/counts-$id"
}

xmppws_build "$BUILD" -DXMPPWS_SANITIZE=ON
prepare_workdir
check_plugin_loads
echo "== Mutating test captures for ${DURATION}s with $JOBS worker(s) (kept failures: $KEEP)"
end=$((SECONDS + DURATION))
for id in $(seq 1 "$JOBS"); do
    worker "$id" "$end" &
done
wait
read -r rounds failures wireshark_only < <(cat "$WORK"/counts-* | awk '{r += $1; f += $2; w += $3} END {print r, f, w}')
echo "   $rounds mutated captures, $failures failing, $wireshark_only failing in the stock tshark without the plugin too"
[ "$failures" -eq 0 ]
