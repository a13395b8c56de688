#!/usr/bin/env bash
# batch-analyze.sh: put a folder of recordings to Gemini Live, one session per recording.
#
# For each recording: one transcript (IN.txt: what was said, what the model answered) and one
# reply (IN.reply.wav) in OUT_DIR. GNU parallel runs the sessions: -j N at once on this machine,
# or -j N on each host of an --sshloginfile. No shared file system is needed: parallel copies each
# recording to the host that analyses it and the two results back (rsync over ssh; --transferfile,
# --return, --cleanup), in a working folder of the job's own under the host's ~/.parallel/tmp.
# Each host needs the tools on the PATH of a non-interactive ssh command, and rsync.
#
# A result is complete once both files exist: a job writes them under temporary names and renames
# them when the session has ended well, and rsync, which brings them back from a host, renames too.
# A recording with complete results is skipped, so an interrupted batch (of thousands) is resumed
# by running the same command again; only the missing or failed recordings are analysed.
#
# Usage: GEMINI_API_KEY=... samples/batch-analyze.sh [OPTIONS] IN_DIR OUT_DIR
#   -j N                 sessions at once, per host (default 4)
#   --sshloginfile FILE  hosts to run on (GNU parallel's format; a line ":" is this machine)
#   --ssh COMMAND        how parallel runs ssh, e.g. 'ssh -F cluster.conf' (default ssh)
#   --api-key-file FILE  the session's --api-key-file, a path on every host (remote hosts do not see
#                        this shell's GEMINI_API_KEY, which is not passed on command lines)
#   --joblog FILE        keep GNU parallel's job log (which host ran what, bytes sent and received)
#   --prompt TEXT        a text turn sent after each recording (default: none; the recording is the question)
#   GEMINI_LIVE_ENDPOINT   e.g. ws://127.0.0.1:PORT for gemini-live-emulator
# Exit status: 0 when every recording has its results; otherwise 1, after the failed recordings and
# their count on stderr (each job's own errors come before, on stderr too).
set -euo pipefail
jobs=4
remote=()
prompt=""
keyfile=""
joblog=""
usage="usage: batch-analyze.sh [-j N] [--sshloginfile FILE] [--ssh COMMAND] [--api-key-file FILE] [--joblog FILE] [--prompt TEXT] IN_DIR OUT_DIR"
while [ $# -gt 2 ]; do
  case "$1" in
    -j) jobs=$2; shift 2 ;;
    --sshloginfile) remote+=(--sshloginfile "$2"); shift 2 ;;
    --ssh) remote+=(--ssh "$2"); shift 2 ;;
    --api-key-file) keyfile=$2; shift 2 ;;
    --joblog) joblog=$2; shift 2 ;;
    --prompt) prompt=$2; shift 2 ;;
    *) echo "batch-analyze.sh: unknown option $1" >&2; exit 64 ;;
  esac
done
[ $# -eq 2 ] || { echo "$usage" >&2; exit 64; }
in_dir=$(cd "$1" && pwd)
out_dir=$(mkdir -p "$2" && cd "$2" && pwd)
command -v parallel >/dev/null || { echo "batch-analyze.sh: needs GNU parallel (apt-get install parallel)" >&2; exit 69; }

# One recording: speech, 800 ms of silence so the service hears the end, then the optional prompt.
# On this machine (PARALLEL_SSHLOGIN is ":") it reads IN_DIR and writes OUT_DIR; on a remote host it
# works in its job folder, where parallel put the recording and fetches the results from.
analyse() {
  set -o pipefail  # parallel runs this in a new bash: a failing encoder or session must fail the job
  local in_dir=$1 out_dir=$2 file=$3 recording out name
  if [ "${PARALLEL_SSHLOGIN:-:}" = : ]; then recording=$in_dir/$file out=$out_dir; else recording=$file out=.; fi
  name=${file%.*}
  local text=() key=()
  [ -n "$PROMPT" ] && text=(--text "$PROMPT")
  [ -n "$API_KEY_FILE" ] && key=(--api-key-file "$API_KEY_FILE")
  rm -f "$out/$name.reply.wav" "$out/$name.txt"  # a half result is redone whole
  if gemini-live-encode --silence 800 "$recording" "${text[@]}" |
    gemini-live-session ${GEMINI_LIVE_ENDPOINT:+--endpoint "$GEMINI_LIVE_ENDPOINT"} "${key[@]}" --transcribe input,output |
    gemini-live-decode --wav "$out/$name.reply.tmp.wav" --transcript "$out/$name.tmp.txt"; then
    mv "$out/$name.reply.tmp.wav" "$out/$name.reply.wav" && mv "$out/$name.tmp.txt" "$out/$name.txt"
  else
    local status=$?
    rm -f "$out/$name.reply.tmp.wav" "$out/$name.tmp.txt"
    return $status
  fi
}
export -f analyse
export PROMPT=$prompt API_KEY_FILE=$keyfile GEMINI_LIVE_ENDPOINT=${GEMINI_LIVE_ENDPOINT:-}

# Symbolic links count as what they point to (a folder of links to recordings, or a link to the folder).
mapfile -d '' all < <(find -L "$in_dir" -maxdepth 1 -type f \( -iname '*.wav' -o -iname '*.flac' \
  -o -iname '*.ogg' -o -iname '*.opus' -o -iname '*.mp3' -o -iname '*.aiff' \) -printf '%f\0' | sort -z)
[ ${#all[@]} -gt 0 ] || { echo "batch-analyze.sh: no recordings in $in_dir" >&2; exit 0; }
recordings=()
for file in "${all[@]}"; do
  name=${file%.*}
  [ -f "$out_dir/$name.txt" ] && [ -f "$out_dir/$name.reply.wav" ] || recordings+=("$file")
done
done_before=$((${#all[@]} - ${#recordings[@]}))
[ $done_before -eq 0 ] || echo "batch-analyze.sh: $done_before of ${#all[@]} recordings already have results; skipped" >&2
[ ${#recordings[@]} -gt 0 ] || exit 0

# Remote hosts: the recording goes to the job's own folder (the part after /./), the results come back
# to OUT_DIR, and the folder is removed. Ignored for jobs on this machine.
if [ ${#remote[@]} -gt 0 ]; then
  # rsync's options are parallel's default (-rlDzR) with -L for -l, so a linked recording goes as its
  # contents, and --ignore-missing-args: a failed job has no results to fetch, and its exit status says so.
  remote+=(--workdir ... --transferfile "$in_dir/./{}" --return "$out_dir/./{.}.txt"
    --return "$out_dir/./{.}.reply.wav" --cleanup --rsync-opts "-rLDzR --ignore-missing-args")
fi
if [ -z "$joblog" ]; then
  joblog=$(mktemp)
  trap 'rm -f "$joblog"' EXIT
fi
status=0
printf '%s\0' "${recordings[@]}" |
  parallel -0 --will-cite --halt never --joblog "$joblog" -j "$jobs" "${remote[@]}" \
    --env analyse --env PROMPT --env API_KEY_FILE --env GEMINI_LIVE_ENDPOINT \
    analyse "$in_dir" "$out_dir" {} || status=$?

# The job log's columns: Seq Host Starttime JobRuntime Send Receive Exitval Signal Command; job Seq is
# the Seq-th recording of this run. A recording whose job failed, or whose results did not arrive, failed.
mapfile -t failed_jobs < <(awk -F '\t' 'NR > 1 && ($7 != 0 || $8 != 0) { print $1 }' "$joblog")
failed=0
for seq in "${!recordings[@]}"; do
  file=${recordings[seq]} name=${recordings[seq]%.*}
  if [[ " ${failed_jobs[*]} " == *" $((seq + 1)) "* ]] ||
    ! { [ -f "$out_dir/$name.txt" ] && [ -f "$out_dir/$name.reply.wav" ]; }; then
    echo "batch-analyze.sh: failed: $in_dir/$file" >&2
    failed=$((failed + 1))
  fi
done
if [ $failed -gt 0 ] || [ "$status" != 0 ]; then
  echo "batch-analyze.sh: $failed of ${#recordings[@]} recordings failed" >&2
  exit 1
fi
