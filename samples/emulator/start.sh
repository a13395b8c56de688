#!/usr/bin/env bash
# Start gemini-live-emulator on a free port, print its URL, and stop it when this shell exits.
# Usage: source samples/emulator/start.sh [emulator options...]   (then use "$GEMINI_LIVE_URL")
# Example: source samples/emulator/start.sh --script samples/emulator/weather.json --log /tmp/frames.ndjson
url_file=$(mktemp)
gemini-live-emulator --port 0 "$@" > "$url_file" &
GEMINI_LIVE_EMULATOR_PID=$!
trap 'kill "$GEMINI_LIVE_EMULATOR_PID" 2>/dev/null; rm -f "$url_file"' EXIT
for _ in $(seq 200); do [ -s "$url_file" ] && break; sleep 0.05; done
GEMINI_LIVE_URL=$(head -1 "$url_file")
export GEMINI_LIVE_URL GEMINI_LIVE_EMULATOR_PID
echo "gemini-live-emulator listening at $GEMINI_LIVE_URL (pid $GEMINI_LIVE_EMULATOR_PID)" >&2
