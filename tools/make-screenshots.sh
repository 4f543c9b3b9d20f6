#!/usr/bin/env bash
# Takes the screenshots in docs/screenshots/ from the real Wireshark GUI
# (Debian's wireshark-qt) with the plugin from the build tree, on the
# bundled captures, in a virtual X server.
#
#   tools/make-screenshots.sh [BUILD_DIR]      (default: build)
#
# Needs: apt-get install wireshark-qt xvfb xdotool imagemagick
# The GUI runs as nobody when run as root (Wireshark ignores plugin folders
# for root), with a throw-away HOME holding a fixed window geometry, so the
# pictures come out the same each time. Each shot is reached with command-line
# options (-r, -Y, -g, -o, -z, -C) and, where there is no option, with
# xdotool key presses and clicks; the clicks assume a 1280x800 main window (on a
# 1920x800 screen, wide enough for the sessions table) and
# pane sizes written below.
set -euo pipefail

top="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$top/build}" && pwd)"
out="$top/docs/screenshots"

for cmd in wireshark Xvfb xdotool import setpriv; do
    command -v "$cmd" >/dev/null || {
        echo "$cmd is missing: apt-get install -y wireshark-qt xvfb xdotool imagemagick" >&2; exit 1; }
done
ls "$build"/plugins/*/epan/xmppws.so >/dev/null 2>&1 || { echo "no plugin in $build: build first" >&2; exit 1; }

work=$(mktemp -d /tmp/xmppws-shots.XXXXXX)
chmod 755 "$work"
cp -r "$build/plugins" "$work/plugins"
mkdir -p "$work/captures" "$work/no-extcap" "$work/home" "$work/run"
cp "$top"/test-captures/finesse-desktop-ws.pcapng "$top"/test-captures/finesse-feeds.pcapng \
   "$top"/test-captures/resource-conflict.pcapng \
   "$top"/test-captures/wss-chromium.pcapng "$top"/test-captures/wss-chromium.keys "$work/captures/"
chmod -R a+rX "$work"
chmod 777 "$work/home"
if [ "$(id -u)" -eq 0 ]; then chown 65534:65534 "$work/run"; fi
chmod 700 "$work/run"

xvfb_pid="" ws_pid=""
cleanup() {
    [ -n "$ws_pid" ] && kill "$ws_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

display=""
for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 1920x800x24 -ac -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done

# A HOME whose Wireshark settings fix the window (whole screen), the panes
# and the columns, and skip the start-up warnings.
conf="$work/home/.config/wireshark"
write_settings() {  # write_settings UPPER_PANE_HEIGHT
    mkdir -p "$conf"
    cat > "$conf/recent_common" <<EOF
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1280
gui.geometry_main_height: 800
gui.geometry_main_maximized: FALSE
privs.warn_if_elevated: FALSE
sys.warn_if_no_capture: FALSE
gui.last_used_profile: Default
EOF
    cat > "$conf/recent" <<EOF
gui.toolbar_main_show: TRUE
gui.filter_toolbar_show: TRUE
gui.packet_list_show: TRUE
gui.tree_view_show: TRUE
gui.byte_view_show: FALSE
gui.packet_diagram_show: FALSE
gui.statusbar_show: TRUE
gui.time_format: RELATIVE
gui.geometry_main_upper_pane: $1
EOF
    if [ -d "$conf/profiles/Finesse" ]; then   # the profile's column widths + the layout above
        cat "$top/profiles/Finesse/recent" "$conf/recent" > "$conf/profiles/Finesse/recent"
    fi
    chmod -R a+rwX "$work/home"
}

columns='gui.column.format:"No.","%m","Time","%t","Protocol","%p","Length","%L","Info","%i"'

ws_start() {  # ws_start ARGS...: the GUI, as nobody when root
    local run=(env DISPLAY="$DISPLAY" HOME="$work/home" XDG_RUNTIME_DIR="$work/run"
               WIRESHARK_PLUGIN_DIR="$work/plugins" WIRESHARK_EXTCAP_DIR="$work/no-extcap"
               LANG=C.UTF-8 wireshark "$@")
    if [ "$(id -u)" -eq 0 ]; then
        run=(setpriv --reuid=65534 --regid=65534 --clear-groups "${run[@]}")
    fi
    "${run[@]}" >"$work/wireshark.log" 2>&1 &
    ws_pid=$!
}

ws_stop() {
    kill "$ws_pid" 2>/dev/null || true
    wait "$ws_pid" 2>/dev/null || true
    ws_pid=""
    sleep 0.5
}

window() {  # window TITLE_REGEX: waits for the window, prints its id
    local id
    for _ in $(seq 120); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1 || true)
        if [ -n "$id" ]; then echo "$id"; return 0; fi
        sleep 0.25
    done
    echo "window '$1' did not appear; wireshark said:" >&2
    cat "$work/wireshark.log" >&2
    return 1
}

shot() {  # shot WINDOW FILE
    [ -n "$1" ] || { echo "no window for $2" >&2; exit 1; }
    sleep 1.5
    import -window "$1" "$out/$2"
    echo "   $out/$2"
}

mkdir -p "$out"
echo "== Screenshots on $DISPLAY into $out"

# 1. The packet list: one Info line per XMPP message, Finesse events as a log.
write_settings 640
ws_start -r "$work/captures/finesse-feeds.pcapng" -Y xmppws -o "$columns" -g 34
shot "$(window '^finesse-feeds.pcapng$')" packet-list.png
ws_stop

# 2. The xmppws tree of a pubsub subscribe, every subtree expanded
#    (click into the details pane, End = last top-level item, Shift+Right).
write_settings 200
ws_start -r "$work/captures/finesse-desktop-ws.pcapng" -o "$columns" -g 22
w=$(window '^finesse-desktop-ws.pcapng$'); sleep 2
xdotool mousemove 640 700 click 1; sleep 0.3; xdotool key End; sleep 0.3; xdotool key shift+Right
shot "$w" tree-xmppws.png
ws_stop

# 3. The Finesse tree of a User update: the same, then scroll to the end.
write_settings 200
ws_start -r "$work/captures/finesse-desktop-ws.pcapng" -o "$columns" -g 33
w=$(window '^finesse-desktop-ws.pcapng$'); sleep 2
xdotool mousemove 640 700 click 1; sleep 0.3; xdotool key End; sleep 0.3; xdotool key shift+Right
sleep 0.3; xdotool key End
shot "$w" tree-finesse.png
ws_stop

# 4. Analyze > Expert Information (-z expert), grouped by summary: the
#    xmppws and finesse experts beside TCP's.
write_settings 300
ws_start -r "$work/captures/finesse-feeds.pcapng" -z expert
shot "$(window 'Expert Information')" expert-info.png
ws_stop

# 5. The Statistics menu: the plugin's four tables, listed together.
write_settings 300
ws_start -r "$work/captures/finesse-feeds.pcapng"
w=$(window '^finesse-feeds.pcapng$'); sleep 2
xdotool windowfocus --sync "$w" key alt+s; sleep 1.5
import -window root -crop 720x800+0+0 "$out/stats-menu.png"; echo "   $out/stats-menu.png"
ws_stop

# 6. The statistics tables (stat tap tables: -z opens them).
table_shot() {  # table_shot CAPTURE Z TITLE_REGEX WIDTH HEIGHT FILE
    write_settings 300
    ws_start -r "$work/captures/$1" -z "$2"
    local w
    w=$(window "$3"); xdotool windowmove "$w" 0 0 windowsize "$w" "$4" "$5"
    shot "$w" "$6"
    ws_stop
}
table_shot finesse-feeds.pcapng finesse,counts 'Finesse Notifications' 520 560 stats-notifications.png
table_shot finesse-feeds.pcapng finesse,agents 'Agent State Timeline' 1100 360 stats-agent-timeline.png
table_shot finesse-feeds.pcapng finesse,dialogs 'Dialog Lifecycle' 1270 360 stats-dialog-lifecycle.png
table_shot resource-conflict.pcapng xmppws,sessions 'Sessions' 1900 260 stats-sessions.png

# 7. Statistics > Service Response Time > XMPP/WS (an SRT table: -z opens it).
table_shot finesse-feeds.pcapng xmppws,srt 'Service Response Time' 900 480 srt.png

# 8. Analyze > Follow > XMPP/WS Stream on the packet of a User update (a
#    follower: the Follow menu lists plugin followers from Wireshark 4.2;
#    4.0's menu is a fixed list without it). The last entry of the Follow
#    submenu is ours; the Find box scrolls to the indented Update.
if wireshark --version 2>/dev/null | head -1 | grep -qE ' 4\.[0-1]\.'; then
    echo "   (no follow-xmppws.png: this Wireshark's Follow menu has no plugin followers)"
else
    write_settings 300
    ws_start -r "$work/captures/finesse-desktop-ws.pcapng" -g 33
    w=$(window '^finesse-desktop-ws.pcapng$'); sleep 2
    xdotool windowfocus --sync "$w" key alt+a; sleep 0.6
    for k in Up Up Right Up Return; do xdotool key "$k"; sleep 0.6; done
    w=$(window 'Follow XMPP/WS Stream'); xdotool windowmove "$w" 0 0 windowsize "$w" 1100 780; sleep 1
    xdotool mousemove 400 727 click 1; sleep 0.3; xdotool type '<user>'; xdotool key Return
    shot "$w" follow-xmppws.png
    ws_stop
fi

# 8b. Statistics > Flow Graph, All Flows, limited to the display filter
#     xmppws (ticked when a filter is applied): Wireshark's own flow graph,
#     each arrow labelled with the message's Info text. Reached through the
#     menu by position: Flow Graph is the 19th entry of 4.6's Statistics menu.
if wireshark --version 2>/dev/null | head -1 | grep -qE ' 4\.6\.'; then
    write_settings 300
    ws_start -r "$work/captures/finesse-desktop-ws.pcapng" -Y xmppws
    w=$(window '^finesse-desktop-ws.pcapng$'); sleep 2
    xdotool windowfocus --sync "$w" key alt+s; sleep 0.6
    for _ in $(seq 18); do xdotool key Down; sleep 0.15; done
    xdotool key Return
    w=$(window 'Flow'); xdotool windowmove "$w" 0 0 windowsize "$w" 1200 780
    shot "$w" flow-graph.png
    ws_stop
else
    echo "   (no flow-graph.png: the menu position of Flow Graph is known for 4.6 only)"
fi

# 9. The Finesse profile (tools/install-profile.sh): custom columns,
#    colouring rules and filter buttons.
env HOME="$work/home" XDG_CONFIG_HOME= "$top/tools/install-profile.sh" >/dev/null
write_settings 640
ws_start -C Finesse -r "$work/captures/finesse-feeds.pcapng" -Y "xmppws.session.jid" -g 22
shot "$(window '^finesse-feeds.pcapng$')" profile-finesse.png
ws_stop

# 10. A decrypted wss:// session: the real Chromium capture with its TLS key
#    log (docs/capturing-tls.md), the Finesse profile, a User update selected.
write_settings 640
ws_start -C Finesse -o "tls.keylog_file:$work/captures/wss-chromium.keys" -r "$work/captures/wss-chromium.pcapng" \
         -Y xmppws -g 92
shot "$(window '^wss-chromium.pcapng$')" decrypted-wss.png
ws_stop

echo "== Done"
