#!/usr/bin/env bash
# Tests the plugin against the Wireshark of the machine (or chroot) it runs
# on: builds it with warnings as errors in build-<release>/ and runs the
# whole test suite (ctest: unit, architecture and tshark tests); with
# --sanitize builds it again with AddressSanitizer + UndefinedBehaviorSanitizer
# in build-<release>-asan/ and runs the suite again, the sanitizer runtime
# preloaded into the stock tshark with WIRESHARK_DEBUG_WMEM_OVERRIDE=strict;
# then builds and checks the Debian package for this release
# (tools/build-deb.sh).
#
#   tools/test-release.sh [--sanitize]
#
# tools/run-tests.sh runs it on the host and, through tools/chroot.sh, in
# the chroots of the other Debian releases.
set -euo pipefail
source "$(dirname "$0")/common.sh"

sanitize=false
[ "${1:-}" = "--sanitize" ] && sanitize=true

release=$(xmppws_debian_release)
# shellcheck disable=SC2086 # a word list
xmppws_ensure_packages $XMPPWS_PACKAGES

build=$XMPPWS_TOP/build-$release
xmppws_build "$build" -DXMPPWS_WERROR=ON
xmppws_release_of "$build"
echo "== Test suite on Debian $release, Wireshark $XMPPWS_WIRESHARK_VERSION, libxml2 $XMPPWS_LIBXML2_VERSION"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"

if $sanitize; then
    xmppws_build "$build-asan" -DXMPPWS_WERROR=ON -DXMPPWS_SANITIZE=ON
    echo "== Test suite on the sanitizer build (Wireshark $XMPPWS_WIRESHARK_VERSION)"
    ctest --test-dir "$build-asan" --output-on-failure -j"$(nproc)"
fi

"$(dirname "$0")/build-deb.sh" "$build-deb"
