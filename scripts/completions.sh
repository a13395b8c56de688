#!/usr/bin/env bash
# Writes bash, zsh and fish completions for every tool, from swift-argument-parser's generator.
#   scripts/completions.sh BIN_DIR OUT_DIR      (make completions; make install and make deb install them)
# OUT_DIR/bash/TOOL, OUT_DIR/zsh/_TOOL, OUT_DIR/fish/TOOL.fish.
set -euo pipefail
bin=${1:?usage: scripts/completions.sh BIN_DIR OUT_DIR}
out=${2:?usage: scripts/completions.sh BIN_DIR OUT_DIR}
mkdir -p "$out/bash" "$out/zsh" "$out/fish"
for tool in gemini-live-encode gemini-live-decode gemini-live-session gemini-live-emulator gemini-live-test; do
    # bash-completion sources these files, so a #! line means nothing there (lintian flags it).
    "$bin/$tool" --generate-completion-script bash | sed '1{/^#!/d}' >"$out/bash/$tool"
    "$bin/$tool" --generate-completion-script zsh >"$out/zsh/_$tool"
    "$bin/$tool" --generate-completion-script fish >"$out/fish/$tool.fish"
done
