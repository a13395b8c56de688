#!/usr/bin/env bash
# make test-package: the fresh-machine proof. Builds nothing itself (make test-package runs make deb first):
# creates a minimal Debian system in a folder with debootstrap, installs the newest dist/*.deb there with
# apt-get (which pulls in exactly the Depends and Recommends), and runs the installed offline demo
# (/usr/share/doc/gemini-live-tools/examples/demo.sh: encode | session | emulator | decode) inside it.
#   scripts/test-package.sh [DEB]
# Needs root (chroot, mounts), debootstrap, and Debian's archive (the mirror apt uses here). The base
# system is cached in .build/package-test/base.tar (delete it to start from debootstrap again); every run
# unpacks a new copy and removes it afterwards, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t dist/gemini-live-tools_*.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "test-package: no package; run make deb" >&2; exit 66; }
[ "$(id -u)" = 0 ] || { echo "test-package: needs root (chroot)" >&2; exit 77; }
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
cache=.build/package-test
base=$cache/base.tar
mkdir -p "$cache"
start=$(date +%s)
if [ ! -f "$base" ]; then
    echo "test-package: debootstrap $suite from $mirror (cached in $base)" >&2
    tmp=$(mktemp -d /var/tmp/gemini-live-debootstrap.XXXXXX)
    trap 'rm -rf "$tmp"' EXIT
    debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 \
        || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
    tar -C "$tmp" -cf "$base.partial" . && mv "$base.partial" "$base"
    rm -rf "$tmp"
    trap - EXIT
fi
root=$(mktemp -d /var/tmp/gemini-live-package-test.XXXXXX)
cleanup() {
    for m in dev/pts dev proc; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp "$deb" "$root/tmp/"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
echo "test-package: installing $(basename "$deb") with apt-get" >&2
in_root apt-get update -qq >"$cache/apt.log" 2>&1 || { tail -20 "$cache/apt.log" >&2; exit 1; }
# python3 is the demo script's own need (it summarises lines), not the tools'.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" python3 \
    >>"$cache/apt.log" 2>&1 || { tail -20 "$cache/apt.log" >&2; exit 1; }
for tool in gemini-live-encode gemini-live-decode gemini-live-session gemini-live-emulator gemini-live-test; do
    in_root "$tool" --version >/dev/null
    if in_root ldd "/usr/bin/$tool" | grep -q 'libswift'; then
        echo "test-package: $tool loads a Swift runtime library" >&2
        exit 1
    fi
done
in_root test -f /usr/share/man/man1/gemini-live-session.1.gz
in_root test -f /usr/share/bash-completion/completions/gemini-live-session
echo "test-package: running the installed demo" >&2
in_root bash /usr/share/doc/gemini-live-tools/examples/demo.sh >"$cache/demo.log" 2>&1 \
    || { tail -30 "$cache/demo.log" >&2; echo "test-package: the demo failed (log: $cache/demo.log)" >&2; exit 1; }
# The round trip through the installed emulator understood the bundled question, and its answer came back.
for expected in "user: what is the capital of france" "seconds of audio: what is the capital of france."; do
    grep -qF "$expected" "$cache/demo.log" \
        || { echo "test-package: the demo's output lacks '$expected' (log: $cache/demo.log)" >&2; exit 1; }
done
echo "test-package: passed in $(($(date +%s) - start)) s ($(basename "$deb"))" >&2
