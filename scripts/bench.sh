#!/usr/bin/env bash
# make bench: speed and memory of the tools against what a user would otherwise run.
# Usage: scripts/bench.sh BIN_DIR   (BIN_DIR holds release builds of the tools)
# Prints a Markdown report on stdout; copy the figures into BENCHMARKS.md.
set -euo pipefail
bin=$(cd "${1:?usage: bench.sh BIN_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_DIR:-$here/../bench-out}
runs=${BENCH_RUNS:-3}
. "$here/bench-lib.sh"

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

# ---------------------------------------------------------------------------------------------
echo
# The decoder has its own script, over four layouts: scripts/bench-decode.sh (make bench runs both).

# ---------------------------------------------------------------------------------------------
echo
echo "## encode: resampling quality (44.1 kHz to 16 kHz)"
echo
# A tone above the new Nyquist frequency must vanish (an alias would appear at 16000 - f);
# a tone inside the passband must keep its level. Measured on the decoded PCM of both pipelines.
quality() {  # $1 = frequency; prints "level_dB alias_dB" for ours and for ffmpeg
  sox -n -r 44100 -c 1 -b 16 "$out/q.wav" synth 2 sine "$1" vol 0.5
  "$bin/gemini-live-encode" "$out/q.wav" | python3 -c '
import base64, json, sys
sys.stdout.buffer.write(b"".join(base64.b64decode(json.loads(l)["realtimeInput"]["audio"]["data"]) for l in sys.stdin))' >"$out/q-ours.raw"
  ffmpeg -v error -y -i "$out/q.wav" -ac 1 -ar 16000 -f s16le "$out/q-ffmpeg.raw"
  python3 - "$1" "$out/q-ours.raw" "$out/q-ffmpeg.raw" <<'PY'
import sys, numpy as np
f = float(sys.argv[1])
for path in sys.argv[2:]:
    x = np.frombuffer(open(path, "rb").read(), dtype="<i2").astype(np.float64)[4000:28000] / 32768
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)))) / (len(x) / 4)
    freqs = np.fft.rfftfreq(len(x), 1 / 16000)
    def level(hz):
        band = (freqs > hz - 30) & (freqs < hz + 30)
        return 20 * np.log10(max(spectrum[band].max(), 1e-12) / 0.5)
    print(f"{level(f) if f < 8000 else level(16000 - f):.1f}", end=" ")
print()
PY
}
echo "| test tone | gemini-live-encode (libsoxr HQ) | ffmpeg -ar 16000 (swr default) |"
echo "|---|---|---|"
for f in 1000 7000 7600; do read -r a b < <(quality $f); echo "| $f Hz, level relative to input | $a dB | $b dB |"; done
for f in 8500 9500 12000; do read -r a b < <(quality $f); echo "| $f Hz, alias at $((16000 - f)) Hz | $a dB | $b dB |"; done

# ---------------------------------------------------------------------------------------------
echo
encoded="$out/hour-encoded.ndjson"
"$bin/gemini-live-encode" "$hour" >"$encoded"
python="${BENCH_PYTHON:-$here/../.venv/bin/python}"
if "$python" -c "import google.genai, websockets" 2>/dev/null; then
  mkdir -p "$out/session"
  "$python" "$here/bench-session.py" "$bin/gemini-live-session" "$out/session" "$encoded"
else
  echo "(session benchmarks skipped: $python lacks google-genai; run make test once to create .venv)"
fi
