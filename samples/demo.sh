#!/usr/bin/env bash
# make demo: what the tools do, offline, on the bundled samples.
# Usage: samples/demo.sh [BIN_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-$here/../.build/debug}" && pwd)
export PATH="$bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

summarise() {  # one line per message kind, with counts: what the session would send
  python3 -c '
import json, sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    msg = json.loads(line)
    (top, body), = msg.items()
    kinds[top + "." + next(iter(body))] += 1
for kind, n in kinds.items():
    print(f"  {n:4d} x {kind}")'
}

echo "== a spoken question (samples/question.wav, 2 s at 16 kHz) as 100 ms audio messages"
gemini-live-encode "$here/question.wav" | tee "$out/question.ndjson" | summarise
head -c 160 "$out/question.ndjson"; echo " ..."

echo
echo "== a prompt and a picture, in command-line order"
gemini-live-encode "$here/prompt.txt" "$here/picture.jpg" | summarise

echo
echo "== five seconds of ffmpeg's test pattern as an MJPEG stream, thinned to 1 frame per second"
ffmpeg -v error -f lavfi -i testsrc=size=320x240:rate=10 -t 5 -f mjpeg - |
  gemini-live-encode --mjpeg - --source-fps 10 --fps 1 | summarise

echo
echo "== the same question with client-side turn control, paced like a microphone at 4x"
time gemini-live-encode --activity --silence 500 --speed 4 "$here/question.wav" | summarise

echo
echo "== a spoken question through the whole toolkit, offline: encode | session | emulator | decode"
gemini-live-emulator --port 0 --log "$out/frames.ndjson" >"$out/url" &
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.05; done
echo "   (gemini-live-emulator listening on $(cat "$out/url"))"
gemini-live-encode --silence 800 "$here/question.wav" |
  gemini-live-session --endpoint "$(cat "$out/url")" --transcribe input,output |
  gemini-live-decode --wav "$out/reply.wav" --transcript -
soxi "$out/reply.wav" | grep -E "Sample Rate|Duration"
echo "   frames exchanged: $(wc -l <"$out/frames.ndjson") (every one logged by the emulator)"

if command -v gemini-live-decode >/dev/null; then
  echo
  echo "== round trip: the encoded audio wrapped as server replies, decoded back to a WAV"
  gemini-live-encode "$here/question.wav" |
    python3 -c '
import json, sys
for line in sys.stdin:
    audio = json.loads(line)["realtimeInput"]["audio"]
    print(json.dumps({"serverContent": {"modelTurn": {"parts": [{"inlineData": {"mimeType": audio["mimeType"], "data": audio["data"]}}]}}}))
print(json.dumps({"serverContent": {"turnComplete": True}}))' |
    gemini-live-decode --wav "$out/echo.wav"
  soxi "$out/echo.wav" | grep -E "Sample Rate|Duration"
fi
