#!/usr/bin/env bash
# serve.sh: a voice and camera chat with Gemini Live in the browser, served by websocketd.
#
#   browser page <-> websocketd <-> gemini-live-session (one per connection)
#
# Usage: samples/web/serve.sh [PORT] [-- SESSION OPTIONS]
#   PORT              where to listen (default 9080, as in the tutorial); the page is at http://localhost:PORT/
#   SESSION OPTIONS   more gemini-live-session options for every connection (--voice Kore, --system @file, ...)
# Examples:
#   GEMINI_API_KEY=... samples/web/serve.sh
#   source samples/emulator/start.sh && samples/web/serve.sh 9080 -- --voice Kore
#
# websocketd runs samples/web/connection.sh for each WebSocket connection: its text messages become the
# session's input lines, and the session's output lines (server messages) become messages; the page and
# the session speak the Live wire protocol of gemini-live(7). The same port serves this folder's page.
# websocketd passes on only the environment named below (the key, the model, the emulator's URL).
# Microphone and camera need a secure context: http://localhost is one; from another machine use
# websocketd's --ssl, --sslcert and --sslkey.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=9080
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  port=$1
  shift
fi
if [ $# -gt 0 ]; then
  if [ "$1" != "--" ]; then
    echo "usage: serve.sh [PORT] [-- SESSION OPTIONS]" >&2
    exit 64
  fi
  shift
fi
case $port in
  '' | *[!0-9]*) echo "serve.sh: '$port' is not a port number" >&2; exit 64 ;;
esac
for tool in websocketd gemini-live-session; do
  command -v "$tool" >/dev/null || { echo "serve.sh: $tool not found on PATH" >&2; exit 69; }
done
echo "serve.sh: open http://localhost:$port/ in a browser (Ctrl-C stops the server)" >&2
[ -n "${GEMINI_LIVE_ENDPOINT:-}" ] && echo "serve.sh: sessions connect to $GEMINI_LIVE_ENDPOINT" >&2
# The page's setup names a model; $GEMINI_LIVE_MODEL, then a --model among the options, override it.
model=()
[ -n "${GEMINI_LIVE_MODEL:-}" ] && model=(--model "$GEMINI_LIVE_MODEL")
exec websocketd --port "$port" --staticdir "$here" --loglevel error --closems 2000 \
  --passenv PATH,LD_LIBRARY_PATH,HOME,GOOGLE_API_KEY,GEMINI_API_KEY,GEMINI_LIVE_MODEL,GEMINI_LIVE_ENDPOINT \
  "$here/connection.sh" --transcribe input,output "${model[@]}" "$@"
