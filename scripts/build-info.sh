#!/usr/bin/env bash
# Writes .build/build-info/gemini_live_build_commit.h, the commit `--version` reports (Sources/CBuildInfo),
# only when it changed, so that an unchanged tree rebuilds nothing. When it changed, the object files
# compiled from the old one are removed: SwiftPM does not know a header that did not exist at the last build.
#   scripts/build-info.sh [BUILD_DIR]      (make runs it before every build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-.build}
dir=$build/build-info
header=$dir/gemini_live_build_commit.h
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || true)
if [ -n "$commit" ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit=$commit-dirty
fi
text="#define GEMINI_LIVE_BUILD_COMMIT \"$commit\""
if [ -f "$header" ] && [ "$(cat "$header")" = "$text" ]; then
    exit 0
fi
mkdir -p "$dir"
echo "$text" >"$header"
rm -f "$build"/*/CBuildInfo.build/build_info.c.o
