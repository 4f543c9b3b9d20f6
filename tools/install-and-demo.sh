#!/usr/bin/env bash
# The README's first command: build the plugin, install it where Wireshark
# looks for it, and dissect the bundled Finesse desktop capture.
#
#   tools/install-and-demo.sh [CAPTURE]
#
# A normal user gets the personal plugin folder
# (~/.local/lib/wireshark/plugins/4.0/epan). root gets the system folder,
# because Wireshark ignores personal plugin folders when run as root.
set -euo pipefail
source "$(dirname "$0")/common.sh"

capture=${1:-$XMPPWS_TOP/test-captures/finesse-desktop-ws.pcapng}

xmppws_ensure_packages
if [ "$(id -u)" -eq 0 ]; then
    xmppws_build -DXMPPWS_INSTALL_SYSTEM=ON
    echo "== Installing into the system plugin folder (Wireshark ignores personal plugins for root)"
else
    xmppws_build -DXMPPWS_INSTALL_SYSTEM=OFF
    echo "== Installing into your personal plugin folder"
fi
cmake --install "$XMPPWS_BUILD" | sed 's/^-- /   /'

echo "== Loaded by tshark:"
tshark -G plugins | grep '^xmppws' | sed 's/^/   /'

echo "== $(basename "$capture"): one line per XMPP message (frame, direction, summary)"
tshark -n -r "$capture" -Y xmppws -T fields -E occurrence=f \
       -e frame.number -e xmppws.direction -e _ws.col.Info |
    awk -F'\t' '{ d = ($2 == 1) ? "C->S" : ($2 == 2) ? "S->C" : " ?  "; printf "   %5s  %s  %s\n", $1, d, $3 }'

echo "== Counts by top-level element"
tshark -n -r "$capture" -Y xmppws -T fields -E occurrence=a -E aggregator=, -e xmppws.element |
    tr ',' '\n' | sort | uniq -c | sort -rn | sed 's/^/   /'

echo
echo "Open it in the GUI:  wireshark $capture"
echo "Filter examples:     xmppws.element == \"iq\"   xmppws.type == \"error\"   xmppws.direction == 2"
