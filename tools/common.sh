# tools/common.sh -- sourced by the README's two commands.
#
# Makes sure the Debian packages the build and the tests need are there
# (installs them when run as root, otherwise prints the exact apt-get line)
# and configures + builds the plugin in build/.

XMPPWS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
XMPPWS_BUILD=${XMPPWS_BUILD:-$XMPPWS_TOP/build}

# Debian 12 packages: build (SDK, GLib, libxml2, compilers, CMake) and tests
# (tshark, python3, setpriv from util-linux; clang with libFuzzer for fuzz/).
XMPPWS_PACKAGES="build-essential cmake pkg-config libwireshark-dev wireshark-dev libglib2.0-dev
libxml2-dev tshark python3 util-linux clang libclang-rt-14-dev"

xmppws_missing_packages() {
    local missing="" p
    for p in $XMPPWS_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    echo "$missing"
}

xmppws_ensure_packages() {
    local missing
    missing=$(xmppws_missing_packages)
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
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

# xmppws_build DIR [CMAKE OPTIONS...]
xmppws_build() {
    local dir=$1
    shift
    echo "== Building in $dir"
    cmake -S "$XMPPWS_TOP" -B "$dir" "$@" >/dev/null
    cmake --build "$dir" -j"$(nproc)" >/dev/null
}
