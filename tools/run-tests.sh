#!/usr/bin/env bash
# The README's second command: build and run the whole test suite (unit
# tests of the parse layer, and tshark tests on every bundled capture),
# twice: with the normal build, and with the AddressSanitizer +
# UndefinedBehaviorSanitizer build loaded into the stock tshark (with
# WIRESHARK_DEBUG_WMEM_OVERRIDE=strict).
#
#   tools/run-tests.sh
#
# Tests run the stock tshark with the plugin from the build tree; as root
# they run it as nobody (Wireshark ignores plugin folders for root).
set -euo pipefail
source "$(dirname "$0")/common.sh"

xmppws_ensure_packages

xmppws_build "$XMPPWS_BUILD"
echo "== Running the test suite"
ctest --test-dir "$XMPPWS_BUILD" --output-on-failure -j"$(nproc)"

xmppws_build "$XMPPWS_TOP/build-asan" -DXMPPWS_SANITIZE=ON
echo "== Running the test suite on the sanitizer build"
ctest --test-dir "$XMPPWS_TOP/build-asan" --output-on-failure -j"$(nproc)"

# The Debian package: build-deb.sh fails unless dpkg-deb -c lists the plugin
# at /usr/lib/x86_64-linux-gnu/wireshark/plugins/4.0/epan/xmppws.so, Depends
# names the installed libwireshark16 (>= its version, << 4.1~), and tshark
# loads xmppws at project()'s version from the package unpacked with dpkg -x.
"$(dirname "$0")/build-deb.sh" "$XMPPWS_TOP/build-deb"

# Robustness (docs/robustness.md): the four libFuzzer harnesses for 25 s each
# from the captures' seeds (clang build in build-fuzz/), then 120 s of
# mutated test captures through tshark with the sanitizer plugin built above.
# About 6 minutes; tools/fuzz-ci.sh SECONDS and tools/fuzz-captures.sh
# SECONDS run longer.
"$(dirname "$0")/fuzz-ci.sh" 25
XMPPWS_FUZZ_ASAN_BUILD="$XMPPWS_TOP/build-asan" "$(dirname "$0")/fuzz-captures.sh" 120
