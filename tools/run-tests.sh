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
