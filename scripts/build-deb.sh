#!/usr/bin/env bash
# Builds dist/gemini-live-tools_VERSION_ARCH.deb from the release build (make deb runs `make release
# completions` first): the five tools, man pages, completions for bash, zsh and fish, and the samples under
# /usr/share/doc/gemini-live-tools/examples.
#   scripts/build-deb.sh [BUILD_DIR]
# VERSION is the release in Sources/GeminiLiveCLI/ToolVersion.swift, then the commit's date and hash
# (0.1.0+git20261205.1b18557a9c0d), so every commit gives a distinct, increasing version. Depends: is
# worked out by dpkg-shlibdeps from the libraries the binaries load, not typed by hand; a tool that still
# loads the Swift runtime from the toolchain fails here, since no package provides it.
# Needs dpkg-dev (dpkg-shlibdeps); lintian, when installed, checks the result.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-.build}
release=$(sed -n 's/.*static let release = "\([^"]*\)".*/\1/p' Sources/GeminiLiveCLI/ToolVersion.swift)
[ -n "$release" ] || { echo "build-deb: no release in ToolVersion.swift" >&2; exit 1; }
commit=$(git rev-parse --short=12 HEAD)
version=$release+git$(git show -s --format=%cd --date=format:%Y%m%d HEAD).$commit
arch=$(dpkg --print-architecture)
# The maintainer as dch and dh_make take it: DEBFULLNAME and DEBEMAIL, else the builder's git identity.
maintainer="${DEBFULLNAME:-$(git config user.name || echo gemini-live-tools builder)} <${DEBEMAIL:-$(git config user.email || echo root@localhost)}>"
work=$build/deb
root=$work/root
rm -rf "$work"
mkdir -p "$root/DEBIAN" dist
make --no-print-directory install-files BUILD_DIR="$build" DESTDIR="$PWD/$root" PREFIX=/usr >/dev/null
strip --strip-unneeded "$root"/usr/bin/*

doc=$root/usr/share/doc/gemini-live-tools
gzip -9n "$root"/usr/share/man/man*/*
cat >"$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: gemini-live-tools
Comment: built from commit $commit.
 No licence has been chosen for this project yet; until one is, no rights are granted beyond using
 this package on the machine it was built for.

Files: *
Copyright: 2026 the gemini-live-tools authors
License: none
 No licence granted yet.
COPYRIGHT
printf 'gemini-live-tools (%s) unstable; urgency=medium\n\n  * Built from commit %s.\n\n -- %s  %s\n' \
    "$version" "$commit" "$maintainer" "$(git show -s --format=%aD HEAD)" | gzip -9n >"$doc/changelog.gz"
# Yams, the YAML parser the emulator's scripts and the test scenarios are read with, compiles its own copy of
# libyaml in (SwiftPM offers no way to link Debian's).
mkdir -p "$root/usr/share/lintian/overrides"
cat >"$root/usr/share/lintian/overrides/gemini-live-tools" <<OVERRIDES
# Yams (https://github.com/jpsim/Yams) vendors libyaml; a Swift package cannot link the system's copy.
gemini-live-tools: embedded-library libyaml [usr/bin/gemini-live-emulator]
gemini-live-tools: embedded-library libyaml [usr/bin/gemini-live-test]
OVERRIDES

# dpkg-shlibdeps reads debian/control in the folder it runs in.
mkdir -p "$work/src/debian"
printf 'Source: gemini-live-tools\n\nPackage: gemini-live-tools\nArchitecture: any\n' >"$work/src/debian/control"
binaries=()
for binary in "$PWD/$root"/usr/bin/*; do binaries+=("-e$binary"); done
depends=$(cd "$work/src" && dpkg-shlibdeps -O "${binaries[@]}" | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies (run it by hand to see why)" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: gemini-live-tools
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Recommends: espeak-ng-data, pocketsphinx-en-us
Suggests: ffmpeg, sox, parallel, jq, python3
Section: sound
Priority: optional
Description: Unix filters for the Gemini Live API
 gemini-live-encode turns audio, images and text into Live API client messages,
 one JSON line each; gemini-live-session is the WebSocket as a filter, with
 resumption and exit codes that say what happened; gemini-live-decode turns
 server messages into WAV or FLAC, raw PCM, text and transcripts;
 gemini-live-emulator is a local Live server for tests and offline demos; and
 gemini-live-test runs prompt regression tests with cassettes and latency.
CONTROL
package=dist/gemini-live-tools_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$package" >/dev/null
echo "$package"
if command -v lintian >/dev/null; then
    lintian "$package" || true
fi
