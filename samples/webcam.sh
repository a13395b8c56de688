#!/usr/bin/env bash
# webcam.sh: show Gemini Live the camera (one frame a second) while talking to it.
#
# Video frames from ffmpeg and microphone audio are encoded separately and merged, whole line by
# whole line, into one session through two FIFOs (gemini-live-session --input, repeatable).
#
# Usage: GEMINI_API_KEY=... samples/webcam.sh [extra gemini-live-session options]
#
# Environment (all optional):
#   VIDEO    ffmpeg input options  (default: -f v4l2 -i /dev/video0)
#   AUDIO    command writing 16 kHz mono s16le to stdout (default: arecord -q -f S16_LE -r 16000 -c 1 -t raw)
#   AUDIO_FILE  an audio file to send instead of the microphone (paced in real time)
#   OUTPUT   where the reply goes: a .wav file, or '-' to play it with aplay (default: -)
#   GEMINI_LIVE_ENDPOINT   e.g. ws://127.0.0.1:PORT for gemini-live-emulator
set -euo pipefail
video=${VIDEO:--f v4l2 -i /dev/video0}
audio=${AUDIO:-arecord -q -f S16_LE -r 16000 -c 1 -t raw}
output=${OUTPUT:--}
endpoint=()
[ -n "${GEMINI_LIVE_ENDPOINT:-}" ] && endpoint=(--endpoint "$GEMINI_LIVE_ENDPOINT")

fifos=$(mktemp -d)
trap 'rm -rf "$fifos"; kill $(jobs -p) 2>/dev/null || true' EXIT
mkfifo "$fifos/video" "$fifos/audio"

# One frame a second, as the service recommends; the encoder thins further if the camera is faster.
# shellcheck disable=SC2086
ffmpeg -nostdin -v error $video -r 1 -f mjpeg - | gemini-live-encode --mjpeg - --fps 1 >"$fifos/video" &
if [ -n "${AUDIO_FILE:-}" ]; then
  gemini-live-encode --realtime --silence 800 "$AUDIO_FILE" >"$fifos/audio" &
else
  sh -c "$audio" | gemini-live-encode --raw --rate 16000 - >"$fifos/audio" &
fi

if [ "$output" = - ]; then
  gemini-live-session "${endpoint[@]}" --input "$fifos/video" --input "$fifos/audio" --transcribe output "$@" |
    gemini-live-decode --raw --flush-silence 300 --text 2 | aplay -q -f S16_LE -r 24000 -c 1
else
  gemini-live-session "${endpoint[@]}" --input "$fifos/video" --input "$fifos/audio" --transcribe output "$@" |
    gemini-live-decode --wav "$output" --text -
fi
