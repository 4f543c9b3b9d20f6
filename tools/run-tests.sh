#!/usr/bin/env bash
# The README's second command: the whole test suite, on every Wireshark
# release the plugin supports (what CI runs, .ci/run):
#
#   1. this machine's Wireshark (tools/test-release.sh --sanitize): the
#      suite on the normal build and on the AddressSanitizer +
#      UndefinedBehaviorSanitizer build, and the Debian package;
#   2. fuzzing on this machine: the libFuzzer harnesses of fuzz/ for 25 s
#      each, then 120 s of mutated test captures through tshark with the
#      sanitizer build (docs/robustness.md);
#   3. the other releases, each in a Debian chroot that tools/chroot.sh
#      makes (or reuses): bookworm (4.0), trixie (4.4), sid (4.6), less the
#      one this machine runs (tools/test-release.sh there). The chroots are
#      made in the background while steps 1 and 2 run.
#
#   tools/run-tests.sh
#
# XMPPWS_RELEASES limits step 3 ("trixie sid", or "" for none). Needs root
# for the packages and the chroots; tests run tshark as nobody (Wireshark
# ignores plugin folders for root). Logs of the chroot setup:
# build-logs/chroot-<release>.log.
set -euo pipefail
source "$(dirname "$0")/common.sh"
tools=$(dirname "$0")

host=$(xmppws_debian_release)
others=${XMPPWS_RELEASES-$(for r in $("$tools/chroot.sh" releases); do [ "$r" = "$host" ] || echo "$r"; done)}
start=$SECONDS

# shellcheck disable=SC2086 # word lists
xmppws_ensure_packages $XMPPWS_PACKAGES $XMPPWS_TEST_PACKAGES

mkdir -p "$XMPPWS_TOP/build-logs"
declare -A setup
for release in $others; do
    "$tools/chroot.sh" ensure "$release" >"$XMPPWS_TOP/build-logs/chroot-$release.log" 2>&1 &
    setup[$release]=$!
done

step() { echo; echo "######## $* ($(( (SECONDS - start) / 60 )) min)"; }

step "Debian $host (this machine)"
"$tools/test-release.sh" --sanitize

step "Fuzzing on Debian $host"
"$tools/fuzz-ci.sh" 25
XMPPWS_FUZZ_ASAN_BUILD="$XMPPWS_TOP/build-$host-asan" "$tools/fuzz-captures.sh" 120

for release in $others; do
    step "Debian $release (chroot)"
    if ! wait "${setup[$release]}"; then
        tail -n 20 "$XMPPWS_TOP/build-logs/chroot-$release.log" >&2
        echo "!! the $release chroot could not be made" >&2
        exit 1
    fi
    "$tools/chroot.sh" run "$release" -- tools/test-release.sh
done

step "All passed: Debian $host${others:+, }$(echo $others | sed 's/ /, /g')"
