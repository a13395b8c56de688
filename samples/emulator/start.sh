#!/usr/bin/env bash
# Start gemini-live-emulator on a free port, export its URL as GEMINI_LIVE_ENDPOINT (which
# gemini-live-session and the samples read), and stop it when this shell exits.
# Usage: source samples/emulator/start.sh [emulator options...]
# Example: source samples/emulator/start.sh --script samples/emulator/weather.json --log /tmp/frames.ndjson
# Sourcing it again stops the emulator it started before (the EXIT trap only knows the latest one), so
# the new options take effect and no emulator is left running after the shell.
# An emulator this shell did not start (one inherited through the environment) is left alone. Every
# command here is safe under the caller's set -euo pipefail: this file runs in the caller's shell.
case " $(jobs -p | tr '\n' ' ') " in
  *" ${GEMINI_LIVE_EMULATOR_PID:-none} "*)
    kill "$GEMINI_LIVE_EMULATOR_PID" 2>/dev/null || true
    wait "$GEMINI_LIVE_EMULATOR_PID" 2>/dev/null || true
    echo "stopped the previous gemini-live-emulator (pid $GEMINI_LIVE_EMULATOR_PID)" >&2
    ;;
esac
gemini_live_url_file=$(mktemp)
gemini-live-emulator --port 0 "$@" > "$gemini_live_url_file" &
GEMINI_LIVE_EMULATOR_PID=$!
trap 'kill "${GEMINI_LIVE_EMULATOR_PID:-}" 2>/dev/null' EXIT
for _ in $(seq 200); do
  if [ -s "$gemini_live_url_file" ] || ! kill -0 "$GEMINI_LIVE_EMULATOR_PID" 2>/dev/null; then break; fi
  sleep 0.05
done
GEMINI_LIVE_ENDPOINT=$(head -1 "$gemini_live_url_file" || true)
rm -f "$gemini_live_url_file"
unset gemini_live_url_file
export GEMINI_LIVE_ENDPOINT GEMINI_LIVE_EMULATOR_PID
if [ -n "$GEMINI_LIVE_ENDPOINT" ]; then
  echo "gemini-live-emulator listening at $GEMINI_LIVE_ENDPOINT (pid $GEMINI_LIVE_EMULATOR_PID)" >&2
else
  echo "start.sh: gemini-live-emulator did not start (see its message above)" >&2
  unset GEMINI_LIVE_EMULATOR_PID
  return 69 2>/dev/null || exit 69
fi
