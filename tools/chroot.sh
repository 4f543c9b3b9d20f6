#!/usr/bin/env bash
# tools/chroot.sh -- Debian chroots for building and testing the plugin
# against the Wireshark releases the host does not have: bookworm (4.0),
# trixie (4.4) and sid (4.6).
#
#   tools/chroot.sh ensure RELEASE          create or reuse the chroot, install
#                                           the build/test packages, print the
#                                           tshark version inside
#   tools/chroot.sh run RELEASE [--] CMD... run CMD (default: bash) as root in
#                                           the chroot, from the repository
#   tools/chroot.sh path RELEASE            print the chroot directory
#   tools/chroot.sh releases                print the supported releases
#
# RELEASE is bookworm, trixie or sid. ensure and run need root (debootstrap, chroot,
# mount). Example:
#
#   sudo tools/chroot.sh ensure trixie
#   sudo tools/chroot.sh run trixie -- sh -c 'cmake -B build-trixie && ...'
#
# Environment:
#   XMPPWS_CHROOT_DIR     base directory (default /var/cache/xmppws-chroots);
#                         the chroot is $XMPPWS_CHROOT_DIR/RELEASE, next to
#                         RELEASE.log (debootstrap and apt output) and
#                         .RELEASE.lock
#   XMPPWS_DEBIAN_MIRROR  mirror for debootstrap (default: the first http(s)
#                         Debian "main" source of the host's apt
#                         configuration, else http://deb.debian.org/debian)
#   XMPPWS_CHROOT_VERBOSE if set, run names the mounts it found already there
#   XMPPWS_*              passed through into the chroot by run
#
# ensure is idempotent: it runs debootstrap only when the chroot is missing
# or half-made, and apt-get only when dpkg-query reports a package missing.
# A chroot is complete once .xmppws-chroot-ready exists at its root (written
# last). A directory holding .xmppws-chroot-creating (removed when
# debootstrap succeeds) or debootstrap/ is an interrupted debootstrap: its
# mounts are undone, then it is deleted and redone. A chroot with a complete
# base system but no marker (made by hand, or interrupted while installing
# packages) is adopted and finished. Anything else at the path is left
# alone, with an error.
#
# run bind-mounts /proc, /sys, /dev, /dev/pts, the repository (the directory
# containing tools/) and its sibling "shared" (if it exists) at the same
# paths inside, copies /etc/resolv.conf, cleans the environment (PATH,
# HOME=/root, LANG=C.UTF-8, TERM, XMPPWS_*) and exits with CMD's status.
# Mounts are made in a private mount namespace (unshare), so the host never
# sees them and concurrent runs, even on the same release, cannot disturb
# each other; they are also unmounted on exit. Mounts already present are
# left alone. If mount namespaces are unavailable, the mounts are made on
# the host, unmounted on exit by a trap, and runs on the same release are
# serialised by an exclusive flock. ensure always takes the release's lock
# exclusively, so it waits for runs to end (and runs wait for it).
set -euo pipefail

readonly RELEASES="bookworm trixie sid"
readonly PACKAGES="cmake gcc g++ make pkg-config libwireshark-dev wireshark-dev tshark
libglib2.0-dev libxml2-dev zlib1g-dev python3 util-linux dpkg-dev build-essential file valgrind"
readonly DEBCONF_PRESEED="wireshark-common wireshark-common/install-setuid boolean false"
readonly READY_MARKER=".xmppws-chroot-ready"
readonly CREATING_MARKER=".xmppws-chroot-creating"
readonly DEFAULT_MIRROR="http://deb.debian.org/debian"
readonly CHROOT_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
SHARED="$(dirname "$REPO")/shared"
BASE_DIR=""     # set by init_base_dir
LOCK_FD=""      # the release's lock, held until exit

# --- messages -------------------------------------------------------------

say()  { echo "== $*" >&2; }
warn() { echo "!! $*" >&2; }
die()  { warn "$@"; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$SELF" >&2
    exit "${1:-2}"
}

# --- arguments and environment --------------------------------------------

need_root() {
    [ "$(id -u)" -eq 0 ] ||
        die "tools/chroot.sh $1 needs root (debootstrap, chroot and mount); run it with sudo"
}

check_release() {
    local r
    [ -n "${1:-}" ] || die "missing RELEASE (one of: $RELEASES)"
    for r in $RELEASES; do
        [ "$1" = "$r" ] && return 0
    done
    die "unsupported release '$1' (supported: $RELEASES)"
}

# The base directory must be a plain absolute path: the mount bookkeeping
# below compares paths textually, and rm -rf runs under it.
init_base_dir() {
    local d=${XMPPWS_CHROOT_DIR:-/var/cache/xmppws-chroots}
    [[ "$d" == /* ]] || die "XMPPWS_CHROOT_DIR must be an absolute path (got '$d')"
    d=$(realpath -m -- "$d")
    [[ "$d" =~ ^/[A-Za-z0-9._+/-]+$ ]] ||
        die "XMPPWS_CHROOT_DIR must contain only letters, digits and ._+-/ (got '$d')"
    case "$d" in
        / | /bin | /boot | /dev | /etc | /home | /lib* | /proc | /root | /run | /sbin | /sys | /usr | /var | /tmp | /work)
            die "refusing XMPPWS_CHROOT_DIR=$d: use a dedicated directory" ;;
    esac
    BASE_DIR=$d
}

chroot_dir() { echo "$BASE_DIR/$1"; }

# debian_mirror_from_apt ETC_APT: print the first http(s) URI of an enabled
# "deb" source with the "main" component whose path ends in /debian, from
# sources.list and sources.list.d/*.list (one-line format) and
# sources.list.d/*.sources (deb822), in apt's reading order.
debian_mirror_from_apt() {
    local etc=$1 f
    local files=()
    [ -f "$etc/sources.list" ] && files+=("$etc/sources.list")
    for f in "$etc"/sources.list.d/*; do
        [ -f "$f" ] && files+=("$f")
    done
    for f in ${files[@]+"${files[@]}"}; do
        case "$f" in
            *.list) mirror_from_one_line_file "$f" ;;
            *.sources) mirror_from_deb822_file "$f" ;;
        esac
    done | head -n 1
}

mirror_from_one_line_file() {
    awk '
        function is_debian(u) { sub(/\/+$/, "", u); return u ~ /^https?:\/\/[^ ]+\/debian$/ }
        $1 != "deb" { next }
        {
            i = 2
            if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
            uri = $i; main = 0
            for (j = i + 2; j <= NF; j++) { if ($j ~ /^#/) break; if ($j == "main") main = 1 }
            if (main && is_debian(uri)) { sub(/\/+$/, "", uri); print uri; exit }
        }' "$1"
}

mirror_from_deb822_file() {
    awk '
        function is_debian(u) { sub(/\/+$/, "", u); return u ~ /^https?:\/\/[^ ]+\/debian$/ }
        function has_word(list, w,   n, a, k) {
            n = split(list, a, /[ \t]+/)
            for (k = 1; k <= n; k++) if (a[k] == w) return 1
            return 0
        }
        BEGIN { RS = ""; FS = "\n" }
        {
            delete field; key = ""
            for (l = 1; l <= NF; l++) {
                line = $l
                if (line ~ /^#/) continue
                if (line ~ /^[ \t]/ && key != "") { field[key] = field[key] " " line; continue }
                c = index(line, ":"); if (c == 0) continue
                key = tolower(substr(line, 1, c - 1))
                field[key] = substr(line, c + 1)
            }
            if (tolower(field["enabled"]) ~ /no/) next
            if (!has_word(field["types"], "deb") || !has_word(field["components"], "main")) next
            n = split(field["uris"], u, /[ \t]+/)
            for (k = 1; k <= n; k++)
                if (is_debian(u[k])) { sub(/\/+$/, "", u[k]); print u[k]; exit }
        }' "$1"
}

debian_mirror() {
    local m=${XMPPWS_DEBIAN_MIRROR:-}
    [ -n "$m" ] || m=$(debian_mirror_from_apt /etc/apt)
    echo "${m:-$DEFAULT_MIRROR}"
}

# --- locking and mount namespaces ---------------------------------------

# lock_release RELEASE shared|exclusive: hold the release's lock until exit.
lock_release() {
    local file="$BASE_DIR/.$1.lock" mode="--$2"
    exec {LOCK_FD}>>"$file"
    if ! flock -n "$mode" "$LOCK_FD"; then
        say "waiting for $file (another ensure or run on $1 holds it)"
        flock "$mode" "$LOCK_FD"
    fi
}

have_mount_namespaces() {
    unshare --mount --propagation private true 2>/dev/null
}

# isolated CMD...: run CMD in a private mount namespace when possible, so
# mounts it leaves behind (e.g. debootstrap's, when interrupted) vanish.
isolated() {
    if have_mount_namespaces; then
        unshare --mount --propagation private -- "$@"
    else
        "$@"
    fi
}

# mounts_below DIR: mount points at or below DIR, deepest first.
mounts_below() {
    local m
    awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
        sort -r -u | while IFS= read -r m; do printf '%b\n' "$m"; done
}

# --- the chroot's state ---------------------------------------------------

# installed_ok DIR PACKAGE...: all the packages are installed in the chroot.
installed_ok() {
    local dir=$1
    shift
    [ -z "$(missing_packages "$dir" "$@")" ]
}

# missing_packages DIR PACKAGE...: print those not installed in the chroot
# (asks the chroot's dpkg database with the host's dpkg-query).
missing_packages() {
    local dir=$1 p installed
    shift
    installed=$(dpkg-query --admindir="$dir/var/lib/dpkg" -W \
        -f='${db:Status-Status} ${Package}\n' "$@" 2>/dev/null |
        awk '$1 == "installed" { print $2 }') || true
    for p in "$@"; do
        grep -qxF -- "$p" <<<"$installed" || echo "$p"
    done
}

# A base system debootstrap finished: its work directory is gone and the
# essential packages are installed.
base_is_complete() {
    local dir=$1
    [ ! -e "$dir/debootstrap" ] && [ ! -e "$dir/$CREATING_MARKER" ] &&
        [ -x "$dir/usr/bin/apt-get" ] && [ -f "$dir/var/lib/dpkg/status" ] &&
        installed_ok "$dir" base-files dpkg apt debconf libc6 bash
}

# Something this script (or debootstrap) started and did not finish.
is_half_made() {
    local dir=$1
    [ -e "$dir/$CREATING_MARKER" ] || [ -d "$dir/debootstrap" ] ||
        [ -z "$(ls -A "$dir")" ]
}

# remove_chroot DIR: unmount everything below DIR, check that nothing is
# mounted there any more, then delete it.
remove_chroot() {
    local dir=$1 m
    [[ "$dir" == "$BASE_DIR"/* && "$dir" != *..* ]] || die "refusing to remove '$dir'"
    while IFS= read -r m; do
        [ -n "$m" ] || continue
        say "unmounting $m"
        umount "$m" 2>/dev/null || umount -l "$m" || die "cannot unmount $m; not removing $dir"
    done < <(mounts_below "$dir")
    if [ -n "$(mounts_below "$dir")" ]; then
        mounts_below "$dir" >&2
        die "still mounted below $dir; not removing it"
    fi
    say "removing $dir"
    rm -rf --one-file-system -- "$dir"
}

# --- ensure ---------------------------------------------------------------

install_debootstrap_on_host() {
    local host_lock
    command -v debootstrap >/dev/null && return 0
    say "installing debootstrap on the host"
    exec {host_lock}>>"$BASE_DIR/.host-apt.lock"
    flock "$host_lock"
    if ! apt-get install -y -q -o DPkg::Lock::Timeout=600 debootstrap >&2; then
        apt-get update -q -o DPkg::Lock::Timeout=600 >&2
        apt-get install -y -q -o DPkg::Lock::Timeout=600 debootstrap >&2
    fi
    exec {host_lock}>&-
    command -v debootstrap >/dev/null || die "debootstrap is still missing after apt-get install"
}

create_base() {
    local release=$1 dir=$2 log=$3 mirror
    install_debootstrap_on_host
    mirror=$(debian_mirror)
    mkdir -p "$dir"
    echo "debootstrap of $release started $(date -u +%FT%TZ)" >"$dir/$CREATING_MARKER"
    say "debootstrap --variant=minbase $release $dir $mirror (log: $log)"
    if ! isolated debootstrap --variant=minbase "$release" "$dir" "$mirror" >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "debootstrap failed (full log: $log); run ensure again to retry from scratch"
    fi
    # From here on an interruption leaves a complete base system, which the
    # next ensure finishes (dpkg --configure -a, apt-get) instead of redoing.
    rm -f "$dir/$CREATING_MARKER"
}

# Settings apt and debconf need before the packages are installed.
configure_apt() {
    local dir=$1 conf="$1/etc/apt/apt.conf.d/99no-valid-until"
    # sid's Release file may be past its Valid-Until date.
    [ -f "$conf" ] || echo 'Acquire::Check-Valid-Until "false";' >"$conf"
}

install_packages() {
    local release=$1 dir=$2 log=$3
    shift 3
    say "installing in $release: $* (log: $log)"
    rm -f "$dir/$READY_MARKER"
    if [ -n "$(dpkg --admindir="$dir/var/lib/dpkg" --audit 2>/dev/null)" ]; then
        say "the chroot's dpkg database needs repair (interrupted install?): dpkg --configure -a"
        in_chroot "$release" env DEBIAN_FRONTEND=noninteractive dpkg --configure -a >>"$log" 2>&1 ||
            die "dpkg --configure -a failed in $release (log: $log)"
    fi
    # shellcheck disable=SC2016 # expanded inside the chroot
    if ! in_chroot "$release" env DEBIAN_FRONTEND=noninteractive sh -c '
            set -e
            echo "$0" | debconf-set-selections
            apt-get update -q
            apt-get install -y -q --no-install-recommends "$@"
            apt-get clean' "$DEBCONF_PRESEED" "$@" >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "apt-get failed in $release (full log: $log); run ensure again to retry"
    fi
}

write_ready_marker() {
    local release=$1 dir=$2
    {
        echo "release=$release"
        echo "completed=$(date -u +%FT%TZ)"
        echo "packages=$(xargs <<<"$PACKAGES")"
    } >"$dir/$READY_MARKER.tmp"
    mv "$dir/$READY_MARKER.tmp" "$dir/$READY_MARKER"
}

tshark_version() {
    local out
    out=$(in_chroot "$1" tshark --version 2>/dev/null) || die "tshark --version failed in $1"
    head -n 1 <<<"$out"
}

cmd_ensure() {
    local release=$1 dir log missing start=$SECONDS
    need_root ensure
    dir=$(chroot_dir "$release")
    log="$BASE_DIR/$release.log"
    mkdir -p "$BASE_DIR"
    lock_release "$release" exclusive

    if [ -f "$dir/$READY_MARKER" ]; then
        say "reusing $dir"
    elif [ -d "$dir" ] && base_is_complete "$dir"; then
        say "adopting $dir: complete base system, no marker yet"
    else
        if [ -e "$dir" ] || [ -L "$dir" ]; then
            if [ -L "$dir" ] || ! [ -d "$dir" ] || ! is_half_made "$dir"; then
                die "$dir exists but is neither a complete chroot nor a half-made one from this script; remove it by hand (unmount anything below it first)"
            fi
            say "$dir is half-made (interrupted setup): redoing it"
            remove_chroot "$dir"
        fi
        create_base "$release" "$dir" "$log"
    fi

    configure_apt "$dir"
    # shellcheck disable=SC2086 # word-split the package list
    missing=$(missing_packages "$dir" $PACKAGES | xargs)
    if [ -n "$missing" ]; then
        # shellcheck disable=SC2086
        install_packages "$release" "$dir" "$log" $missing
        # shellcheck disable=SC2086
        missing=$(missing_packages "$dir" $PACKAGES | xargs)
        [ -z "$missing" ] || die "still missing in $release after apt-get: $missing (log: $log)"
    fi
    [ -f "$dir/$READY_MARKER" ] || write_ready_marker "$release" "$dir"

    say "$release ready in $dir ($((SECONDS - start)) s)"
    tshark_version "$release"
}

# --- run ------------------------------------------------------------------

# in_chroot RELEASE CMD...: run CMD in the chroot (mounts set up and undone
# by the _inner helper, in its own mount namespace when possible).
in_chroot() {
    local release=$1
    shift
    isolated "$SELF" _inner "$BASE_DIR" "$release" "$@"
}

cmd_run() {
    local release=$1 dir rc=0
    shift
    [ "${1:-}" != "--" ] || shift
    [ $# -gt 0 ] || set -- bash
    need_root run
    dir=$(chroot_dir "$release")
    [ -d "$BASE_DIR" ] || die "no chroots in $BASE_DIR; run: tools/chroot.sh ensure $release"
    if have_mount_namespaces; then
        lock_release "$release" shared
    else
        lock_release "$release" exclusive
    fi
    [ -f "$dir/$READY_MARKER" ] ||
        die "$dir is not set up (no $READY_MARKER); run: tools/chroot.sh ensure $release"
    in_chroot "$release" "$@" || rc=$?
    exit "$rc"
}

# --- _inner: mounts, chroot, unmounts ---------------------------------------

OUR_MOUNTS=()

undo_our_mounts() {
    local i m
    for ((i = ${#OUR_MOUNTS[@]} - 1; i >= 0; i--)); do
        m=${OUR_MOUNTS[i]}
        umount "$m" 2>/dev/null || umount -l "$m" || warn "could not unmount $m"
    done
    OUR_MOUNTS=()
}

# inside_path DIR PATH: print DIR/PATH after checking that it does not
# leave DIR through a symlink inside the chroot.
inside_path() {
    local dir=$1 target real
    target="$dir$2"
    real=$(realpath -m -- "$target")
    [[ "$real" == "$dir"/* ]] || die "$target resolves to $real, outside the chroot"
    echo "$target"
}

# bind SRC DIR: bind-mount SRC at the same path inside the chroot DIR,
# unless something is mounted there already (then it is left alone).
bind() {
    local src=$1 dir=$2 dst
    dst=$(inside_path "$dir" "$src")
    if mountpoint -q -- "$dst"; then
        PREEXISTING+=("$src")
        return 0
    fi
    mkdir -p -- "$dst"
    inside_path "$dir" "$src" >/dev/null
    mount --bind -- "$src" "$dst" || die "cannot bind-mount $src on $dst"
    OUR_MOUNTS+=("$dst")
    mount --make-private -- "$dst" 2>/dev/null || true
}

copy_resolv_conf() {
    local dir=$1 dst
    [ -f /etc/resolv.conf ] || return 0
    dst=$(inside_path "$dir" /etc/resolv.conf)
    cmp -s /etc/resolv.conf "$dst" 2>/dev/null && ! [ -L "$dst" ] && return 0
    cp -L /etc/resolv.conf "$dst.$$"
    mv -f "$dst.$$" "$dst"
}

# The environment inside: a minimal one plus XMPPWS_* from the caller.
clean_environment() {
    local name
    CLEAN_ENV=(PATH="$CHROOT_PATH" HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}")
    while IFS= read -r name; do
        if [[ "$name" == XMPPWS_* ]]; then
            CLEAN_ENV+=("$name=${!name}")
        fi
    done < <(compgen -e)
}

inner_main() {
    local release=$1 dir rc=0 chroot_bin
    shift
    check_release "$release"
    dir=$(chroot_dir "$release")
    [ -d "$dir" ] || die "no chroot at $dir"
    chroot_bin=$(command -v chroot) || die "chroot(8) not found on the host"
    PREEXISTING=()
    trap undo_our_mounts EXIT
    trap 'exit 129' HUP
    trap 'exit 130' INT
    trap 'exit 143' TERM

    bind /proc "$dir"
    bind /sys "$dir"
    bind /dev "$dir"
    bind /dev/pts "$dir"
    bind "$REPO" "$dir"
    [ -d "$SHARED" ] && bind "$SHARED" "$dir"
    copy_resolv_conf "$dir"
    clean_environment

    if [ ${#PREEXISTING[@]} -gt 0 ] && [ -n "${XMPPWS_CHROOT_VERBOSE:-}" ]; then
        say "$release: already mounted, left alone: ${PREEXISTING[*]}"
    fi
    # shellcheck disable=SC2016 # expanded inside the chroot
    env -i "${CLEAN_ENV[@]}" "$chroot_bin" "$dir" /bin/sh -c \
        'cd "$1" || exit 125; shift; exec "$@"' xmppws-chroot "$REPO" "$@" || rc=$?
    exit "$rc"
}

# --- main -----------------------------------------------------------------

main() {
    local cmd=${1:-}
    [ $# -gt 0 ] && shift
    case "$cmd" in
        ensure)
            [ $# -eq 1 ] || usage
            check_release "$1"; init_base_dir; cmd_ensure "$1" ;;
        run)
            [ $# -ge 1 ] || usage
            check_release "$1"; init_base_dir; cmd_run "$@" ;;
        path)
            [ $# -eq 1 ] || usage
            check_release "$1"; init_base_dir; chroot_dir "$1" ;;
        releases)
            [ $# -eq 0 ] || usage
            echo "$RELEASES" ;;
        _inner) # BASE_DIR RELEASE CMD...: internal, see in_chroot
            need_root run; XMPPWS_CHROOT_DIR=$1; shift; init_base_dir; inner_main "$@" ;;
        -h | --help | help)
            usage 0 ;;
        "")
            usage ;;
        *)
            warn "unknown command '$cmd'"
            usage ;;
    esac
}

# Sourcing the file (for testing its functions) does not run anything.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
