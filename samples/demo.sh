#!/usr/bin/env bash
# make demo: what the tools do, offline, on the bundled samples.
# Usage: samples/demo.sh [BIN_DIR]
# The tools come from BIN_DIR when given, else from PATH (an installed copy, `make install`), else from a
# build of the source tree this script sits in (`swift build`, done here if needed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools="gemini-live-encode gemini-live-session gemini-live-decode gemini-live-emulator"
if [ $# -gt 0 ]; then
  bin=$(cd "$1" && pwd)
elif on_path() { for t in $tools; do command -v "$t" >/dev/null || return 1; done; }; on_path; then
  bin=$(dirname "$(command -v gemini-live-encode)")
elif [ -f "$here/../Package.swift" ]; then
  echo "== building the tools (swift build)" >&2
  (cd "$here/.." && swift build -q)
  bin=$(cd "$here/.." && swift build --show-bin-path)
else
  echo "demo.sh: the gemini-live tools are neither on PATH nor buildable here; give their folder as BIN_DIR" >&2
  exit 69
fi
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
# The emulator prints its URL once it listens: reading that line waits for it.
exec 3< <(exec gemini-live-emulator --port 0 --log "$out/frames.ndjson")
emulator=$!
trap 'kill $emulator 2>/dev/null; rm -rf "$out"' EXIT
read -r url <&3 || { echo "demo.sh: gemini-live-emulator did not start" >&2; exit 69; }
echo "   (gemini-live-emulator listening on $url)"
gemini-live-encode --silence 800 "$here/question.wav" |
  gemini-live-session --endpoint "$url" --transcribe input,output |
  gemini-live-decode --wav "$out/reply.wav" --transcript -
soxi "$out/reply.wav" | grep -E "Sample Rate|Duration"
echo "   frames exchanged: $(grep -c '"direction"' "$out/frames.ndjson") (every one logged by the emulator)"

echo
echo "== round trip: the encoded audio wrapped as server replies, decoded back to a WAV"
gemini-live-encode "$here/question.wav" |
  python3 -c '
import json, sys
for line in sys.stdin:
    audio = json.loads(line)["realtimeInput"].get("audio")
    if audio is None:
        continue  # audioStreamEnd
    print(json.dumps({"serverContent": {"modelTurn": {"parts": [{"inlineData": {"mimeType": audio["mimeType"], "data": audio["data"]}}]}}}))
print(json.dumps({"serverContent": {"turnComplete": True}}))' |
  gemini-live-decode --wav "$out/echo.wav"
soxi "$out/echo.wav" | grep -E "Sample Rate|Duration"
