#!/usr/bin/env bash
# voice-chat.sh: talk to Gemini Live through the microphone and the speakers.
#
#   arecord -> gemini-live-encode --raw -> gemini-live-session -> gemini-live-decode --raw -> aplay
#
# Usage: GEMINI_API_KEY=... samples/voice-chat.sh [extra gemini-live-session options]
# Use headphones: without echo cancellation the model hears itself and interrupts itself.
#
# Environment (all optional; RECORD and PLAY are shell commands, so they may quote their arguments):
#   RECORD   command writing 16 kHz mono s16le to stdout   (default: arecord -q -f S16_LE -r 16000 -c 1 -t raw)
#   PLAY     command reading 24 kHz mono s16le from stdin  (default: aplay -q -f S16_LE -r 24000 -c 1)
#   GEMINI_LIVE_ENDPOINT   e.g. ws://127.0.0.1:PORT for gemini-live-emulator
set -euo pipefail
record=${RECORD:-arecord -q -f S16_LE -r 16000 -c 1 -t raw}
play=${PLAY:-aplay -q -f S16_LE -r 24000 -c 1}
endpoint=()
[ -n "${GEMINI_LIVE_ENDPOINT:-}" ] && endpoint=(--endpoint "$GEMINI_LIVE_ENDPOINT")

# Microphone audio is live, so it needs no pacing; the transcript of both sides goes to stderr,
# and 300 ms of silence after each reply lets the player drain its buffer.
sh -c "$record" |
  gemini-live-encode --raw --rate 16000 - |
  gemini-live-session "${endpoint[@]}" --transcribe input,output "$@" |
  gemini-live-decode --raw --flush-silence 300 --transcript 2 |
  sh -c "$play"
