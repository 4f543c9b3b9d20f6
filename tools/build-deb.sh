#!/usr/bin/env bash
# Builds the Debian package of the plugin for the Debian release and
# Wireshark this machine has, with CPack (cmake/Packaging.cmake), and
# checks it:
#   - it holds xmppws.so at Wireshark's system plugin path for this release
#     (.../plugins/<major.minor>/epan) and the Finesse profile;
#   - it depends on the libwireshark package installed here, from its
#     version up to (not including) the next Wireshark minor release;
#   - unpacked into a scratch root (dpkg -x), tshark loads the plugin from it
#     and reports the version of project() in CMakeLists.txt.
#
#   tools/build-deb.sh [BUILD_DIR]        (default: build-deb)
#
# Then install it with:  sudo apt install ./BUILD_DIR/wireshark-plugin-xmppws_<version>_<arch>.deb
set -euo pipefail
source "$(dirname "$0")/common.sh"

build=${1:-$XMPPWS_TOP/build-deb}
command -v dpkg-shlibdeps >/dev/null || echo "!! dpkg-dev is not installed: Depends will only name libwireshark (apt-get install dpkg-dev)" >&2

xmppws_build "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
xmppws_release_of "$build"
echo "== Packaging (cpack -G DEB) for Wireshark $XMPPWS_WIRESHARK_VERSION"
(cd "$build" && cpack -G DEB >/dev/null)

arch=$(dpkg --print-architecture)
deb="$build/wireshark-plugin-xmppws_${XMPPWS_VERSION}_${arch}.deb"
[ -f "$deb" ] || { echo "!! $deb was not made" >&2; exit 1; }

fail() { echo "!! $*" >&2; exit 1; }
plugin_path=".${XMPPWS_SYSTEM_PLUGIN_DIR}/epan/xmppws.so"
libws=$(dpkg-query -W -f='${Package}' 'libwireshark[0-9]*')
libws_version=$(dpkg-query -W -f='${Version}' "$libws")

echo "== $deb"
dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Architecture\|Depends\):/   \1:/p'
contents=$(dpkg-deb -c "$deb")
grep -q " $plugin_path\$" <<<"$contents" || fail "the package does not hold $plugin_path"
grep -q " ./usr/share/wireshark/profiles/Finesse/preferences\$" <<<"$contents" || fail "the package does not hold the Finesse profile"
grep -q " ./usr/bin/xmppws-redact\$" <<<"$contents" || fail "the package does not hold /usr/bin/xmppws-redact"
depends=$(dpkg-deb -f "$deb" Depends)
upstream=${libws_version%%-*}
grep -q "$libws (>= $upstream)" <<<"$depends" || fail "Depends does not name $libws (>= $upstream): $depends"
grep -q "$libws (<< $XMPPWS_WIRESHARK_NEXT~)" <<<"$depends" ||
    fail "Depends does not stop before Wireshark $XMPPWS_WIRESHARK_NEXT: $depends"
[ "$(dpkg-deb -f "$deb" Version)" = "$XMPPWS_VERSION" ] || fail "package version is not $XMPPWS_VERSION"
echo "   holds $plugin_path, the Finesse profile and xmppws-redact; built against $libws $libws_version"

# Unpack into a scratch root and load the plugin from there (as nobody when
# root: Wireshark ignores plugin folders for root).
scratch=$(mktemp -d /tmp/xmppws-deb.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"
mkdir -p "$scratch/home"
chmod -R a+rX "$scratch"; chmod 777 "$scratch/home"
run=(env HOME="$scratch/home" WIRESHARK_PLUGIN_DIR="$scratch/root${XMPPWS_SYSTEM_PLUGIN_DIR%/*}" tshark -G plugins)
[ "$(id -u)" -eq 0 ] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups "${run[@]}")
loaded=$("${run[@]}" | grep '^xmppws\.so' || true)
echo "   tshark -G plugins from the unpacked package: ${loaded:-nothing}"
awk -v v="$XMPPWS_VERSION" -v p="$scratch/root" '$2 == v && index($0, p) { ok = 1 } END { exit !ok }' <<<"$loaded" ||
    fail "tshark did not load xmppws $XMPPWS_VERSION from the unpacked package"
# The packaged xmppws-redact runs and redacts a bundled capture.
"$scratch/root/usr/bin/xmppws-redact" "$XMPPWS_TOP/test-captures/finesse-desktop-ws.pcapng" "$scratch/redacted.pcapng" \
    >"$scratch/redact.out" || { cat "$scratch/redact.out" >&2; fail "the packaged xmppws-redact failed"; }
grep -q "verified: read back" "$scratch/redact.out" || fail "the packaged xmppws-redact did not verify its copy"
echo "   the packaged xmppws-redact: $(grep -o 'redacted now: [0-9]*' "$scratch/redact.out") in finesse-desktop-ws.pcapng, verified"
echo "== OK: $deb"
