#!/usr/bin/env bash
# gemini-live-test's bars (issue 13): replay speed against the recording, and --parallel 8 against one emulator.
# Usage: scripts/bench-regression.sh BIN_DIR   (BIN_DIR holds release builds of the tools)
# Prints a Markdown report on stdout; copy the figures into BENCHMARKS.md. BENCH_RUNS runs per figure
# (default 3), record and replay taken in turn; the figures are medians.
set -euo pipefail
bin=$(cd "${1:?usage: bench-regression.sh BIN_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_DIR:-$here/../bench-out}/regression
runs=${BENCH_RUNS:-3}
repeat=${BENCH_REPEAT:-5}
parallel_repeat=${BENCH_PARALLEL_REPEAT:-8}
suite=$here/../samples/regression
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
test_tool=$bin/gemini-live-test

median() { python3 -c 'import statistics, sys; print(f"{statistics.median(float(a) for a in sys.argv[1:]):.3f}")' "$@"; }
# Wall seconds of a command run in the suite's folder (its scenarios name their files relative to it);
# stdout to $2, stderr to $2.err.
timed() {
  local output=$1
  shift
  (cd "$suite" && /usr/bin/time -f '%e %M' -o "$output.time" "$@" >"$output" 2>"$output.err") || {
    echo "bench: $* failed (exit $?):" >&2
    cat "$output.err" >&2
    exit 1
  }
  cut -d' ' -f1 "$output.time"
}

scenarios=$(ls "$suite"/*.yaml | grep -vc emulator.yaml)
attempts=$((scenarios * repeat))
echo "## gemini-live-test: replay against recording, samples/regression"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u '+%F %H:%M') UTC;" \
  "load average at the start $(cut -d' ' -f1-3 /proc/loadavg); median of $runs runs, record and replay in turn."
echo
record_times=()
replay_times=()
for run in $(seq "$runs"); do
  cassettes=$out/cassettes-$run
  record_times+=("$(timed "$out/record-$run.txt" "$test_tool" --emulator --emulator-script emulator.yaml \
    --record "$cassettes" --repeat "$repeat" .)")
  replay_times+=("$(timed "$out/replay-$run.txt" "$test_tool" --replay "$cassettes" .)")
  # The replay is judged from the recorded cassettes: verdict lines and latency table must be the live run's.
  if ! cmp -s "$out/record-$run.txt" "$out/replay-$run.txt"; then
    echo "bench: run $run: the replay's report differs from the recording's:" >&2
    diff "$out/record-$run.txt" "$out/replay-$run.txt" >&2 || true
    exit 1
  fi
done
record=$(median "${record_times[@]}")
replay=$(median "${replay_times[@]}")
echo "| command | attempts | wall s (median) | runs |"
echo "|---|---|---|---|"
echo "| \`gemini-live-test --emulator --emulator-script emulator.yaml --record DIR --repeat $repeat .\` | $attempts | $record | ${record_times[*]} |"
echo "| \`gemini-live-test --replay DIR .\` (speed 0) | $attempts | $replay | ${replay_times[*]} |"
echo
echo "Replay speed-up: **$(python3 -c "print(f'{$record / $replay:.1f}')")x** (bar: 30x). Reports equal in every run:" \
  "$(grep -c . "$out/record-1.txt") lines, verdicts and latency table."
echo
echo '```'
cat "$out/replay-1.txt"
echo '```'

# ---------------------------------------------------------------------------------------------
echo
echo "## gemini-live-test --parallel 8 against one gemini-live-emulator"
echo
parallel_attempts=$((scenarios * parallel_repeat))
rates=()
hwms=()
runner_rss=()
for run in $(seq "$runs"); do
  log=$out/emulator-$run.ndjson
  # The emulator prints its URL once it listens: reading that line waits for it (as samples/demo.sh does).
  exec 3< <(exec "$bin/gemini-live-emulator" --port 0 --script "$suite/emulator.yaml" --log "$log" \
    2>"$out/emulator-$run.err")
  emulator=$!
  read -r url <&3 || { echo "bench: the emulator did not start:" >&2; cat "$out/emulator-$run.err" >&2; exit 1; }
  seconds=$(GEMINI_API_KEY=bench-key-7f3a9c2e timed "$out/parallel-$run.txt" "$test_tool" --endpoint "$url" \
    --record "$out/parallel-$run" --repeat "$parallel_repeat" --parallel 8 .)
  hwms+=("$(awk '/VmHWM/{print int($2 / 1024)}' "/proc/$emulator/status")")
  runner_rss+=("$(( $(cut -d' ' -f2 "$out/parallel-$run.txt.time") / 1024 ))")
  kill -TERM "$emulator"
  wait "$emulator" 2>/dev/null || true
  exec 3<&-
  rates+=("$(python3 -c "print(f'{$parallel_attempts / $seconds:.2f}')")")
  # Every attempt's frames reached the emulator once and whole: each connection's frames, both ways, are
  # exactly one attempt's cassette (what its client wrote and read), and every cassette is one connection's.
  python3 - "$log" "$out/parallel-$run" "$parallel_attempts" <<'PY' || exit 1
import collections, glob, json, re, sys
log, folder, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
def key(message):
    # Cassettes keep resumption handles redacted; the emulator's log has them.
    return re.sub(r'"newHandle":"[^"]*"', '"newHandle":"-"', json.dumps(message, sort_keys=True, separators=(",", ":")))
def frames(lines):
    found = collections.defaultdict(lambda: ([], []))
    for line in lines:
        frame = json.loads(line)  # a cut or merged line fails here
        if "message" in frame:  # the header, closes and pongs have none
            found[frame.get("connection", 1)][frame["direction"] == "server"].append(key(frame["message"]))
    return found
with open(log) as f:
    connections = frames(f.read().splitlines())
cassettes = []
for path in sorted(glob.glob(f"{folder}/*/attempt-*.ndjson")):
    with open(path) as f:
        cassettes.append((path, frames(f.read().splitlines())[1]))
problems = []
if len(cassettes) != expected or len(connections) != expected:
    problems.append(f"{len(cassettes)} cassettes and {len(connections)} connections for {expected} attempts")
for number, (client, server) in connections.items():
    setups = sum(1 for m in client if m.startswith('{"setup"'))
    ready = sum(1 for m in server if m.startswith('{"setupComplete"'))
    if setups != 1 or ready != 1:
        problems.append(f"connection {number}: {setups} setups, {ready} setupComplete")
# One connection per cassette: the same client frames, and the server frames the client read, which are all
# the emulator sent but a last sessionResumptionUpdate that crossed the client's close.
unmatched = dict(connections)
for path, (client, server) in cassettes:
    match = next((n for n, (c, s) in unmatched.items() if c == client and s[:len(server)] == server
                  and all(m.startswith('{"sessionResumptionUpdate"') for m in s[len(server):])), None)
    if match is None:
        problems.append(f"{path}: no connection in the log sent and got its frames")
    else:
        del unmatched[match]
if problems:
    sys.exit("bench: " + "; ".join(problems[:5]))
count = sum(len(c) + len(s) for c, s in connections.values())
turns = sum(1 for c, s in connections.values() for m in s if '"turnComplete":true' in m)
print(f"{len(connections)} connections, {count} frames, {turns} turnComplete: each one attempt's", file=sys.stderr)
PY
done
echo "Command: \`gemini-live-emulator --port 0 --script emulator.yaml --log LOG\`, then"
echo "\`gemini-live-test --endpoint URL --record DIR --repeat $parallel_repeat --parallel 8 .\` ($parallel_attempts attempts)."
echo
echo "| figure | median | runs |"
echo "|---|---|---|"
echo "| attempts/s | $(median "${rates[@]}") | ${rates[*]} |"
echo "| emulator peak RSS MiB (VmHWM) | $(median "${hwms[@]}") | ${hwms[*]} |"
echo "| gemini-live-test peak RSS MiB | $(median "${runner_rss[@]}") | ${runner_rss[*]} |"
echo
echo "Every run: each of the $parallel_attempts connections in the emulator's log holds one setup and one" \
  "setupComplete; its client frames are exactly one attempt's cassette's, and its server frames are what that" \
  "attempt read (a last sessionResumptionUpdate that crossed the client's close aside), one for one."
