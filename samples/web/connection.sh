#!/usr/bin/env bash
# connection.sh: what websocketd runs for one browser connection (see serve.sh).
#
# Runs gemini-live-session with the options given; its standard output (server messages, one per line)
# goes to the page. What it prints for a person also goes to websocketd's standard error, and its last
# line, with the exit status, reaches the page as one more line after the session has ended:
#   {"sessionEnded":{"status":0,"message":"gemini-live-session: connection 1 closed by the server: 1008 ..."}}
# so the page can say why the conversation stopped.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
exec 3> >(tee "$log" >&2)
tee=$!
gemini-live-session "$@" 2>&3
status=$?
exec 3>&-
wait "$tee"   # so the log is complete
message=$(grep -v '^$' "$log" | tail -n 1)
jq -cn --argjson status "$status" --arg message "$message" '{sessionEnded: {status: $status, message: $message}}'
