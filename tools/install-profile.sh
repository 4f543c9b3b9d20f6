#!/usr/bin/env bash
# Installs the "Finesse" Wireshark configuration profile (profiles/Finesse:
# custom columns, colouring rules, filter buttons) for the current user.
#
#   tools/install-profile.sh
#
# It goes where Wireshark (4.0, 4.4 and 4.6 alike) reads personal configuration:
# ${XDG_CONFIG_HOME:-~/.config}/wireshark/profiles/Finesse (or
# ~/.wireshark/profiles/Finesse when only the legacy ~/.wireshark exists).
# preferences, colorfilters and dfilter_buttons there are replaced; recent
# (column widths, and where Wireshark keeps the profile's window layout) is
# installed only when the profile has none yet.
# Then: wireshark -C Finesse, tshark -C Finesse, or pick "Finesse" in the
# status bar's profile menu.
set -euo pipefail

src="$(cd "$(dirname "$0")/.." && pwd)/profiles/Finesse"
config="${XDG_CONFIG_HOME:-$HOME/.config}/wireshark"
if [ ! -d "$config" ] && [ -d "$HOME/.wireshark" ]; then
    config="$HOME/.wireshark"
fi
dest="$config/profiles/Finesse"

mkdir -p "$dest"
for f in "$src"/*; do
    name=$(basename "$f")
    # "recent" (column widths) is also where Wireshark saves your window
    # layout for the profile: installed only when there is none yet.
    if [ "$name" = recent ] && [ -e "$dest/recent" ]; then continue; fi
    install -m 0644 "$f" "$dest/$name"
done
echo "Installed the Finesse profile into $dest:"
ls -1 "$dest" | sed 's/^/  /'
echo "Use it with: wireshark -C Finesse   (or tshark -C Finesse)"
