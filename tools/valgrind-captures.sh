#!/usr/bin/env bash
# valgrind memcheck over every test capture: the stock tshark with the plugin
# from a normal build (build-fuzz-plain/), run as nobody, dissecting the test
# captures with two passes and the full tree (tshark -2 -nV). libwireshark's
# start-up alone takes minutes under memcheck, so the captures are first
# concatenated into one (mergecap -a; each keeps its own TCP connections),
# dissected by a single tshark. Captures that need Decode As
# (gen-mid-session.pcap) are then read as plain TCP.
#
# Fails on any invalid read or write, use of uninitialised memory or invalid
# free with a plugin frame (xmppws.so, or a plugin source file), on any
# "definitely lost" leak record with one, and when no message was dissected. libwireshark's own definite losses (about 29
# records at exit, the same with no plugin loaded) are counted and printed
# but are not ours. Log: build-fuzz-plain/valgrind/memcheck.log.
#
#   tools/valgrind-captures.sh [MAX_CAPTURE_SIZE]    default 2M (find -size syntax)
#
# Slow (tens of minutes on a loaded machine): not part of tools/run-tests.sh.
set -euo pipefail
source "$(dirname "$0")/common.sh"

MAX_SIZE=${1:-2M}
BUILD=${XMPPWS_VALGRIND_BUILD:-$XMPPWS_TOP/build-fuzz-plain}
LOGS=$BUILD/valgrind
WORK=$(mktemp -d /tmp/xmppws-valgrind.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

prepare_workdir() {
    mkdir -p "$WORK/home" "$WORK/no-extcap" "$WORK/captures" "$WORK/logs"
    rm -rf "$LOGS"
    mkdir -p "$LOGS"
    cp -r "$BUILD/plugins" "$WORK/plugins"
    find "$XMPPWS_TOP/test-captures" -maxdepth 1 -name '*.pcap*' -size -"$MAX_SIZE" -exec cp {} "$WORK/captures/" \;
    chmod -R a+rX "$WORK"
    chmod 777 "$WORK/home" "$WORK/logs"
}

valgrind_tshark() {
    local log=$1
    shift
    local cmd=(env HOME="$WORK/home" WIRESHARK_PLUGIN_DIR="$WORK/plugins" WIRESHARK_EXTCAP_DIR="$WORK/no-extcap"
               G_SLICE=always-malloc WIRESHARK_DEBUG_WMEM_OVERRIDE=simple LANG=C.UTF-8
               valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite --num-callers=40
               --error-exitcode=0 --log-file="$log" tshark "$@")
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "${cmd[@]}"
    else
        "${cmd[@]}"
    fi
}

# Records of a valgrind log (separated by blank "==PID== " lines) that
# start with $2 and mention $3; prints their count.
count_records() {
    awk -v start="$2" -v frame="$3" '
        /^==[0-9]+== *$/ { if (rec ~ start && rec ~ frame) n++; rec = ""; next }
        { rec = rec "\n" $0 }
        END { if (rec ~ start && rec ~ frame) n++; print n + 0 }' "$1"
}

ERRORS="Invalid (read|write|free)|uninitialised|Mismatched free|overlap"
LEAKS="definitely lost in loss record"
# A plugin frame: the .so without debug information, its sources with.
OURS="xmppws[.]so|[(]($(cd "$XMPPWS_TOP/plugin" && ls *.c | sed "s/[.]c$//" | paste -sd"|"))[.]c:"

xmppws_build "$BUILD"
prepare_workdir
mergecap -a -w "$WORK/all.pcapng" "$WORK"/captures/*
chmod a+r "$WORK/all.pcapng"
log="$WORK/logs/memcheck.log"
start=$SECONDS
valgrind_tshark "$log" -2 -nV -r "$WORK/all.pcapng" >"$WORK/out.txt" 2>&1 || true
cp "$log" "$LOGS/"
dissected=$(grep -c "^XMPP over WebSocket" "$WORK/out.txt" || true)
ours=$(( $(count_records "$log" "$ERRORS" "$OURS") + $(count_records "$log" "$LEAKS" "$OURS") ))
echo "== $(ls "$WORK/captures" | wc -l) captures, $(capinfos -c -M "$WORK/all.pcapng" | awk '/packets/ {print $NF}') frames, $dissected XMPP messages dissected, $((SECONDS - start)) s"
echo "   memory errors: $(count_records "$log" "$ERRORS" ".") (with a plugin frame: $(count_records "$log" "$ERRORS" "$OURS"))"
echo "   definite leak records: $(count_records "$log" "$LEAKS" ".") (with a plugin frame: $(count_records "$log" "$LEAKS" "$OURS"))"
grep -E "definitely lost:|ERROR SUMMARY" "$log" | sed 's/^==[0-9]*== */   /'
[ "$dissected" -gt 0 ] && [ "$ours" -eq 0 ]
