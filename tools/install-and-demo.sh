#!/usr/bin/env bash
# The README's first command: build the plugin, install it where Wireshark
# looks for it, and dissect the bundled Finesse desktop capture.
#
#   tools/install-and-demo.sh [CAPTURE]
#
# Works with the Wireshark of this machine (4.0 on Debian 12, 4.4 on Debian
# 13, 4.6 on sid): the plugin goes in the folder of that release. A normal
# user gets the personal plugin folder
# (~/.local/lib/wireshark/plugins/<major.minor>/epan). root gets the system
# folder, because Wireshark ignores personal plugin folders when run as root.
set -euo pipefail
source "$(dirname "$0")/common.sh"

capture=${1:-$XMPPWS_TOP/test-captures/finesse-desktop-ws.pcapng}

# shellcheck disable=SC2086 # a word list
xmppws_ensure_packages $XMPPWS_PACKAGES
if [ "$(id -u)" -eq 0 ]; then
    xmppws_build "$XMPPWS_BUILD" -DXMPPWS_INSTALL_SYSTEM=ON
    echo "== Installing into the system plugin folder (Wireshark ignores personal plugins for root)"
else
    xmppws_build "$XMPPWS_BUILD" -DXMPPWS_INSTALL_SYSTEM=OFF
    echo "== Installing into your personal plugin folder"
fi
cmake --install "$XMPPWS_BUILD" | sed 's/^-- /   /'
xmppws_release_of "$XMPPWS_BUILD"
echo "== Built for Wireshark $XMPPWS_WIRESHARK_VERSION (plugin folder $XMPPWS_PLUGIN_ABI)"

system_copy="$XMPPWS_SYSTEM_PLUGIN_DIR/epan/xmppws.so"
if [ "$(id -u)" -ne 0 ] && [ -e "$system_copy" ]; then
    echo "!! A system-wide copy is installed at $system_copy and Wireshark loads it instead of"
    echo "!! yours. Remove it to use this build:  sudo rm $system_copy"
fi

# tshark warns on stderr when run as root; nothing else is expected there.
ts() { tshark "$@" 2> >(grep -v '^Running as user' >&2); }

echo "== Loaded by tshark:"
ts -G plugins | grep '^xmppws' | sed 's/^/   /'

echo "== $(basename "$capture"): one line per XMPP message (frame, direction, summary)"
ts -n -r "$capture" -Y xmppws -T fields -E occurrence=f \
       -e frame.number -e xmppws.direction -e _ws.col.Info |
    awk -F'\t' '{ d = ($2 == 1) ? "C->S" : ($2 == 2) ? "S->C" : " ?  "; printf "   %5s  %s  %s\n", $1, d, $3 }'

echo "== Who logged in, and where"
ts -n -r "$capture" -Y "xmppws.auth.mechanism || xmppws.bind.jid" -T fields -E occurrence=f \
   -e frame.number -e xmppws.auth.mechanism -e xmppws.auth.username -e xmppws.bind.jid |
    awk -F'\t' '$2 != "" { printf "   %5s  SASL %s as %s\n", $1, $2, $3 } $4 != "" { printf "   %5s  bound %s\n", $1, $4 }'

echo "== Pubsub requests (action, node, JID)"
ts -n -r "$capture" -Y "xmppws.pubsub.action && xmppws.direction == 1" -T fields -E occurrence=f \
   -e frame.number -e xmppws.pubsub.action -e xmppws.pubsub.node -e xmppws.pubsub.jid |
    awk -F'\t' '{ printf "   %5s  %-13s %s %s\n", $1, $2, $3, $4 }'

echo "== Notifications received, by node"
ts -n -r "$capture" -Y xmppws.event.node -T fields -E occurrence=f -e xmppws.event.node |
    sort | uniq -c | sed 's/^/   /'

echo "== Agent state timeline (tshark -z finesse,agents)"
ts -n -q -r "$capture" -z finesse,agents | grep -v '^=*$' | sed 's/^/ /'

echo "== Expert notes, warnings and errors from xmppws and finesse"
ts -n -2 -r "$capture" -Y "(xmppws || finesse) && _ws.expert.severity >= 4194304" -T fields -E occurrence=a -E aggregator=' / ' \
   -e frame.number -e _ws.expert.message | awk -F'\t' '{ printf "   %5s  %s\n", $1, $2 }'

echo "== A HAR instead of a capture (docs/without-a-capture.md)"
har_out=$(mktemp --suffix=.pcapng)
"$XMPPWS_BUILD/har/xmppws-har" "$XMPPWS_TOP/test-captures/har-ws.har" "$har_out" | sed 's/^/   /'
ts -n -r "$har_out" -Y 'xmppws.auth.mechanism || finesse' -T fields -e frame.number -e _ws.col.Info | sed 's/^/   /'
rm -f "$har_out"

echo
echo "Open it in the GUI:  wireshark -C Finesse $capture   (the Finesse profile: tools/install-profile.sh)"
echo "Filter examples:     xmppws.element == \"iq\"   xmppws.type == \"error\"   xmppws.direction == 2"
