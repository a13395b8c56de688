#!/usr/bin/env bash
# batch-analyze.sh: put a folder of recordings to Gemini Live, one session per recording.
#
# For each recording: one transcript (IN.txt: what was said, what the model answered) and one
# reply (IN.reply.wav) in OUT_DIR. GNU parallel runs the sessions: -j N at once on this machine,
# or across machines with --sshloginfile. Remote hosts need the tools on their PATH and the same
# IN_DIR and OUT_DIR paths (a shared file system such as NFS): each job reads its recording and
# writes its results in place.
#
# Usage: GEMINI_API_KEY=... samples/batch-analyze.sh [-j N] [--sshloginfile FILE] [--prompt TEXT] IN_DIR OUT_DIR
#   --prompt TEXT   a text turn sent after each recording (default: none; the recording is the question)
#   GEMINI_LIVE_ENDPOINT   e.g. ws://127.0.0.1:PORT for gemini-live-emulator
# Exit status: 0 when every recording was analysed; otherwise 1, after the failed recordings and their
# count on stderr (each job's own errors come before, on stderr too).
set -euo pipefail
jobs=4
ssh=()
prompt=""
while [ $# -gt 2 ]; do
  case "$1" in
    -j) jobs=$2; shift 2 ;;
    --sshloginfile) ssh=(--sshloginfile "$2"); shift 2 ;;
    --prompt) prompt=$2; shift 2 ;;
    *) echo "batch-analyze.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
[ $# -eq 2 ] || { echo "usage: batch-analyze.sh [-j N] [--sshloginfile FILE] [--prompt TEXT] IN_DIR OUT_DIR" >&2; exit 64; }
in_dir=$(cd "$1" && pwd)
out_dir=$(mkdir -p "$2" && cd "$2" && pwd)
command -v parallel >/dev/null || { echo "batch-analyze.sh: needs GNU parallel (apt-get install parallel)" >&2; exit 69; }

# One recording: speech, 800 ms of silence so the service hears the end, then the optional prompt.
analyse() {
  set -o pipefail  # parallel runs this in a new bash: a failing encoder or session must fail the job
  local recording=$1 out=$2 name
  name=$(basename "${recording%.*}")
  local text=()
  [ -n "$PROMPT" ] && text=(--text "$PROMPT")
  gemini-live-encode --silence 800 "$recording" "${text[@]}" |
    gemini-live-session ${GEMINI_LIVE_ENDPOINT:+--endpoint "$GEMINI_LIVE_ENDPOINT"} --transcribe input,output |
    gemini-live-decode --wav "$out/$name.reply.wav" --transcript "$out/$name.txt"
}
export -f analyse
export PROMPT=$prompt GEMINI_LIVE_ENDPOINT=${GEMINI_LIVE_ENDPOINT:-}

mapfile -d '' recordings < <(find "$in_dir" -maxdepth 1 -type f \( -iname '*.wav' -o -iname '*.flac' \
  -o -iname '*.ogg' -o -iname '*.opus' -o -iname '*.mp3' -o -iname '*.aiff' \) -print0 | sort -z)
[ ${#recordings[@]} -gt 0 ] || { echo "batch-analyze.sh: no recordings in $in_dir" >&2; exit 0; }
joblog=$(mktemp)
trap 'rm -f "$joblog"' EXIT
status=0
printf '%s\0' "${recordings[@]}" |
  parallel -0 --will-cite --halt never --joblog "$joblog" -j "$jobs" "${ssh[@]}" \
    --env analyse --env PROMPT --env GEMINI_LIVE_ENDPOINT analyse {} "$out_dir" || status=$?

# The job log's columns: Seq Host Starttime JobRuntime Send Receive Exitval Signal Command; job Seq is recording Seq.
failed=0
while read -r seq; do
  echo "batch-analyze.sh: failed: ${recordings[seq - 1]}" >&2
  failed=$((failed + 1))
done < <(awk -F '\t' 'NR > 1 && ($7 != 0 || $8 != 0) { print $1 }' "$joblog")
if [ $failed -gt 0 ] || [ "$status" != 0 ]; then
  echo "batch-analyze.sh: $failed of ${#recordings[@]} recordings failed" >&2
  exit 1
fi
