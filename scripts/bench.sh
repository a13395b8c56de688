#!/usr/bin/env bash
# make bench: speed and memory of the tools against what a user would otherwise run.
# Usage: scripts/bench.sh BIN_DIR   (BIN_DIR holds release builds of the tools)
# Prints a Markdown report on stdout; copy the figures into BENCHMARKS.md.
set -euo pipefail
bin=$(cd "${1:?usage: bench.sh BIN_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_DIR:-$here/../bench-out}
mkdir -p "$out"
runs=${BENCH_RUNS:-3}
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }

# best-of-N wall seconds and peak RSS (MiB) of a shell command; output to /dev/null.
measure() {
  local best=999999 rss=0 t r
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time.txt" bash -o pipefail -c "$1" >/dev/null
    read -r t r <"$out/time.txt"
    best=$(python3 -c "print(min($best, $t))")
    rss=$(( r > rss ? r : rss ))
  done
  echo "$best $(( rss / 1024 ))"
}

hour="$out/hour-44k1-stereo.wav"
two="$out/two-hours-44k1-stereo.wav"
[ -s "$hour" ] || sox -n -r 44100 -c 2 -b 16 "$hour" synth 3600 sine 440 sine 660 vol 0.5
[ -s "$two" ] || sox "$hour" "$hour" "$two"

cat >"$out/b64loop.py" <<'PY'
import sys, base64, json
r, w = sys.stdin.buffer, sys.stdout
while True:
    b = r.read(3200)  # 100 ms of 16 kHz mono s16le
    if not b:
        break
    w.write(json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000",
                                                    "data": base64.b64encode(b).decode()}}}) + "\n")
PY

echo "## encode: one hour of 44.1 kHz stereo WAV to 100 ms chunks"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%F); best of $runs runs each."
echo
read -r ours_t ours_m < <(measure "'$bin/gemini-live-encode' '$hour'")
read -r ff_t ff_m < <(measure "ffmpeg -v error -i '$hour' -ac 1 -ar 16000 -f s16le - | python3 '$out/b64loop.py'")
read -r two_t two_m < <(measure "'$bin/gemini-live-encode' '$two'")
ratio=$(python3 -c "print(f'{$ff_t / $ours_t:.1f}')")
echo "| command | wall s | peak RSS MiB |"
echo "|---|---|---|"
echo "| gemini-live-encode hour.wav | $ours_t | $ours_m |"
echo "| ffmpeg -ac 1 -ar 16000 -f s16le - \\| python3 base64+json loop | $ff_t | $ff_m (largest process) |"
echo "| gemini-live-encode two-hours.wav (flat memory check) | $two_t | $two_m |"
echo
echo "Speed-up over the ffmpeg + Python pipeline: **${ratio}x**."
"$bin/gemini-live-encode" "$hour" | wc -lc | awk '{print "\nOutput: " $1 " lines, " $2 " bytes."}'
