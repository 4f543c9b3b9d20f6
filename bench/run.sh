#!/bin/bash
# bench/run.sh [--release R] [--quick] [--reps N] [--large-reps N] [--plugin FILE] [--before FILE]
# -- the xmppws benchmark (see bench/README.md).
#
# Builds the plugin (build-bench/, RelWithDebInfo) and the three floor
# plugins of bench/floorplugin.c, generates the captures once
# (bench/generate.py, deterministic, cached in build-bench/bench-data/ by
# size and generator version), then times tshark with the plugin, without
# it, with its built-in XMPP dissector and with the floor plugins
# (bench/bench.py) and prints medians, ratios and the targets. When it
# builds the plugin it first prints how the parse layer's time grows with
# the number of elements in one message (tests/unit/test_xmlmodel -m perf).
#
#   full:    50,000 messages in every mode, 500,000 in the summary pass
#   --quick: 1,000 and 10,000 messages, fewer rounds (under a minute)
#   --plugin FILE: time this xmppws.so instead of building one
#   --before FILE: also time this xmppws.so, alternating with the others in
#                  every round, and print the plugin against it (before/after)
#   --release R:   run it all in the Debian chroot R of tools/chroot.sh
#                  (bookworm: Wireshark 4.0, trixie: 4.4, sid: 4.6), against
#                  that release's tshark; the default is this machine's
#
# Exit status: 0 when every target is met, 3 when one is missed.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${XMPPWS_BENCH_BUILD:-$TOP/build-bench}
DATA=${XMPPWS_BENCH_DATA:-$BUILD/bench-data}     # the same captures for every release

SMALL=50000 LARGE=500000 DESKTOPS=200 REPS=3 LARGE_REPS=2 PLUGIN= BEFORE=()
if [ "${1:-}" = "--release" ]; then
    [ $# -ge 2 ] || { echo "usage: bench/run.sh --release R [options]" >&2; exit 2; }
    release=$2
    shift 2
    "$TOP/tools/chroot.sh" ensure "$release" >&2
    exec "$TOP/tools/chroot.sh" run "$release" -- \
        env XMPPWS_BENCH_BUILD="$BUILD-$release" XMPPWS_BENCH_DATA="$DATA" bench/run.sh "$@"
fi
while [ $# -gt 0 ]; do
    case $1 in
        --quick) SMALL=1000 LARGE=10000 DESKTOPS=10 REPS=2 LARGE_REPS=2 ;;
        --reps) REPS=$2; shift ;;
        --large-reps) LARGE_REPS=$2; shift ;;
        --plugin) PLUGIN=$(realpath "$2"); shift ;;
        --before) BEFORE=(--before "$(realpath "$2")"); shift ;;
        *) echo "usage: bench/run.sh [--release R] [--quick] [--reps N] [--large-reps N] [--plugin FILE] [--before FILE]" >&2
           exit 2 ;;
    esac
    shift
done

# What the test suite needs, plus /usr/bin/time for CPU time and peak memory.
# shellcheck disable=SC1091
source "$TOP/tools/common.sh"
# shellcheck disable=SC2086 # word lists
xmppws_ensure_packages $XMPPWS_PACKAGES time

if [ -z "$PLUGIN" ]; then
    echo "== Building in $BUILD" >&2
    cmake -S "$TOP" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$BUILD" -j"$(nproc)" --target xmppws test_xmlmodel >/dev/null
    # The parse layer alone: time against the number of sibling elements in
    # one message (linear growth prints a ratio near 10).
    echo "== Parse layer, one message of N sibling elements (best of 3)"
    "$BUILD/tests/test_xmlmodel" -m perf -p /xmlmodel/perf/parse_time_grows_linearly --verbose | grep siblings
fi
# The installed Wireshark's major.minor: the plugin folder of this release.
IFS=. read -r WS_MAJOR WS_MINOR _ <<<"$(pkg-config --modversion wireshark)"
ABI=$WS_MAJOR.$WS_MINOR
PLUGIN=${PLUGIN:-$BUILD/plugins/$ABI/epan/xmppws.so}
mkdir -p "$BUILD/bench" "$DATA"

# The floors: bench/floorplugin.c at FLOOR_LEVEL 0, 1 and 2, built for the
# installed Wireshark's major.minor.
level=0
for name in floor-claim floor-libxml2 floor-finesse; do
    cc -shared -fPIC -O2 -Wall -Wextra -Werror -DFLOOR_LEVEL=$level -DWIRESHARK_MAJOR="$WS_MAJOR" \
       -DWIRESHARK_MINOR="$WS_MINOR" $(pkg-config --cflags wireshark libxml-2.0) "$TOP/bench/floorplugin.c" \
       -o "$BUILD/bench/$name.so" $(pkg-config --libs wireshark libxml-2.0)
    level=$((level + 1))
done

# Captures are regenerated only when the generator changes.
GEN_ID=$(sha256sum "$TOP/bench/generate.py" | cut -c1-12)
generate() {
    local n=$1 prefix="finesse-$1-$DESKTOPS-$GEN_ID"
    if [ ! -f "$DATA/$prefix-info.txt" ]; then
        echo "== Generating $prefix" >&2
        python3 "$TOP/bench/generate.py" --messages "$n" --desktops "$DESKTOPS" --out "$DATA" --prefix "$prefix" >&2
    fi
    echo "$prefix"
}
SMALL_PREFIX=$(generate $SMALL)
LARGE_PREFIX=$(generate $LARGE)

# The data folder must be reachable by the unprivileged user tshark runs as.
chmod a+rx "$BUILD" "$DATA"

echo "== tshark $(tshark -v 2>/dev/null | head -1 | cut -d' ' -f3), libxml2 $(pkg-config --modversion libxml-2.0), $(nproc) cores" 
python3 "$TOP/bench/bench.py" --plugin "$PLUGIN" --abi "$ABI" "${BEFORE[@]}" --floors "$BUILD/bench" \
        --data "$DATA" --small "$SMALL_PREFIX" --large "$LARGE_PREFIX" --reps "$REPS" --large-reps "$LARGE_REPS"
