#!/usr/bin/env bash
# Runs the six libFuzzer harnesses of fuzz/ (see docs/robustness.md), each
# for a bounded time on one core, starting from seeds taken from the test
# captures, with the XML/XMPP/Finesse dictionary. Any crash, sanitizer
# report, leak (parse layer), timeout or out-of-memory fails; the input
# that caused it is kept in build-fuzz/artifacts/.
#
#   tools/fuzz-ci.sh [SECONDS_PER_HARNESS] [HARNESS...]
#
# Default: 25 s per harness (about 2.5 minutes with start-up). A longer run:
#   tools/fuzz-ci.sh 600                       # 10 minutes each
#   tools/fuzz-ci.sh 1800 xmppws_fuzz_finesse  # one harness, 30 minutes
# New interesting inputs accumulate in build-fuzz/corpus/<harness>/ across
# runs. Reproduce a crash: build-fuzz/fuzz/<harness> build-fuzz/artifacts/<file>
set -euo pipefail
source "$(dirname "$0")/common.sh"

SECONDS_EACH=${1:-25}
shift || true
HARNESSES=${*:-xmppws_fuzz_model xmppws_fuzz_ws xmppws_fuzz_sasl xmppws_fuzz_finesse xmppws_fuzz_har xmppws_fuzz_redact}
BUILD=${XMPPWS_FUZZ_BUILD:-$XMPPWS_TOP/build-fuzz}

seed_dir_of() {
    case $1 in
        xmppws_fuzz_model) echo model ;;
        xmppws_fuzz_ws) echo ws ;;
        xmppws_fuzz_sasl) echo sasl ;;
        xmppws_fuzz_finesse) echo finesse ;;
        xmppws_fuzz_har) echo har ;;
        xmppws_fuzz_redact) echo redact ;;
    esac
}

# Seeds are made again only when a capture is newer than them.
make_seeds() {
    local stamp=$BUILD/seeds/.made
    if [ -f "$stamp" ] && [ -z "$(find "$XMPPWS_TOP/test-captures" -newer "$stamp" \( -name '*.pcap*' -o -name '*.har' \))" ]; then
        return
    fi
    echo "== Extracting seed corpora from the test captures"
    rm -rf "$BUILD/seeds"
    python3 "$XMPPWS_TOP/fuzz/make-corpus.py" "$BUILD/seeds" "$XMPPWS_TOP/test-captures"
    touch "$stamp"
}

# The parse layer, the HAR converter and the redactor have no libwireshark under them:
# leaks there are ours. libwireshark keeps per-capture state between inputs
# on purpose, so the epan harnesses run without LeakSanitizer
# (valgrind-captures.sh covers leaks).
leak_option() {
    case $1 in
        xmppws_fuzz_model|xmppws_fuzz_har|xmppws_fuzz_redact) echo "-detect_leaks=1" ;;
        *) echo "-detect_leaks=0" ;;
    esac
}

run_harness() {
    local name=$1 corpus=$BUILD/corpus/$1
    mkdir -p "$corpus" "$BUILD/artifacts"
    echo "== $name for ${SECONDS_EACH}s"
    "$BUILD/fuzz/$name" "$corpus" "$BUILD/seeds/$(seed_dir_of "$name")" \
        -dict="$XMPPWS_TOP/fuzz/xmpp.dict" -max_total_time="$SECONDS_EACH" -max_len=16384 \
        -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
        -artifact_prefix="$BUILD/artifacts/$name-" "$(leak_option "$name")" \
        >"$BUILD/$name.log" 2>&1 || { tail -60 "$BUILD/$name.log"; echo "FAIL: $name" >&2; return 1; }
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$BUILD/$name.log" | sed "s/^/   /"
}

xmppws_build "$BUILD" -DCMAKE_C_COMPILER=clang -DXMPPWS_FUZZ=ON
make_seeds
status=0
for h in $HARNESSES; do
    run_harness "$h" || status=1
done
exit $status
