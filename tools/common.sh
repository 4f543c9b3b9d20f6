# shellcheck shell=bash
# tools/common.sh -- sourced by the tools: where the project is, which
# Debian release and Wireshark this machine has, the packages the build and
# the tests need (installed when run as root, otherwise the exact apt-get
# line is printed), and how a build folder is configured and built.

XMPPWS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XMPPWS_BUILD=${XMPPWS_BUILD:-$XMPPWS_TOP/build}

# To build, install and dissect (Debian 12 and 13 package names).
XMPPWS_PACKAGES="build-essential cmake pkg-config libwireshark-dev wireshark-dev libglib2.0-dev
libxml2-dev zlib1g-dev tshark python3 util-linux dpkg-dev file"
# To run the whole test suite as well: clang with libFuzzer (fuzz/),
# debootstrap for the other Wireshark releases (tools/chroot.sh), and
# valgrind (instruction counts in tests/unit/parse_is_linear.py).
XMPPWS_TEST_PACKAGES="clang libclang-rt-dev debootstrap valgrind"

# The Debian release this machine (or chroot) runs: bookworm, trixie, sid.
xmppws_debian_release() {
    ( . /etc/os-release && echo "${VERSION_CODENAME:-unknown}" )
}

xmppws_missing_packages() {
    local missing="" p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    echo "$missing"
}

# xmppws_ensure_packages PACKAGE...
xmppws_ensure_packages() {
    local missing
    # shellcheck disable=SC2068 # the lists are word lists
    missing=$(xmppws_missing_packages $@)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages. Run this once, then run this command again:" >&2
        echo "  sudo apt-get install -y$missing" >&2
        exit 1
    fi
    echo "== Installing Debian packages:$missing"
    # tshark asks whether non-root users may capture; keep Debian's default (no).
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# xmppws_build DIR [CMAKE OPTIONS...]
xmppws_build() {
    local dir=$1
    shift
    echo "== Building in $dir"
    cmake -S "$XMPPWS_TOP" -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j"$(nproc)" >/dev/null
}

# xmppws_release_of DIR: loads what CMake found for the build in DIR
# (XMPPWS_WIRESHARK_VERSION, XMPPWS_PLUGIN_ABI, XMPPWS_WIRESHARK_NEXT,
# XMPPWS_SYSTEM_PLUGIN_DIR, XMPPWS_LIBXML2_VERSION, XMPPWS_VERSION).
xmppws_release_of() {
    # shellcheck disable=SC1091
    . "$1/wireshark-release.env"
}
