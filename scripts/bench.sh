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

# ---------------------------------------------------------------------------------------------
echo
echo "## decode: one hour of 24 kHz reply audio (40 ms server chunks) to WAV"
echo
replies="$out/hour-replies.ndjson"
if [ ! -s "$replies" ]; then
  sox -n -r 24000 -c 1 -b 16 -e signed-integer -t raw "$out/reply.raw" synth 3600 pinknoise vol 0.3
  python3 - "$out/reply.raw" "$replies" <<'PY'
import base64, json, sys
# What gemini-live-session writes: the service's pretty-printed frames compacted to one line each;
# 40 ms chunks (960 samples), a turn boundary with usage every 10 s.
src, dst = sys.argv[1], sys.argv[2]
with open(src, "rb") as f, open(dst, "w") as out:
    n = 0
    while True:
        chunk = f.read(1920)
        if not chunk:
            break
        part = {"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": base64.b64encode(chunk).decode()}}
        out.write(json.dumps({"serverContent": {"modelTurn": {"parts": [part]}}}, separators=(",", ":")) + "\n")
        n += 1
        if n % 250 == 0:
            out.write('{"serverContent":{"generationComplete":true}}\n')
            out.write('{"serverContent":{"turnComplete":true},"usageMetadata":{"promptTokenCount":40,"responseTokenCount":250,"totalTokenCount":290}}\n')
PY
  rm -f "$out/reply.raw"
fi
cat >"$out/decode.py" <<'PY'
import base64, json, sys, wave
# The loop a user would write: json + base64 + wave.
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(24000)
    for line in sys.stdin:
        msg = json.loads(line)
        for part in msg.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                w.writeframes(base64.b64decode(part["inlineData"]["data"]))
PY
read -r dec_t dec_m < <(measure "'$bin/gemini-live-decode' --wav '$out/ours.wav' < '$replies'")
read -r py_t py_m < <(measure "python3 '$out/decode.py' '$out/py.wav' < '$replies'")
cmp <(sox "$out/ours.wav" -t raw -) <(sox "$out/py.wav" -t raw -) && same="identical samples" || same="SAMPLES DIFFER"
ratio=$(python3 -c "print(f'{$py_t / $dec_t:.1f}')")
echo "Input: $(wc -l <"$replies") lines, $(du -m "$replies" | cut -f1) MiB. Outputs: $same."
echo
echo "| command | wall s | peak RSS MiB |"
echo "|---|---|---|"
echo "| gemini-live-decode --wav out.wav < replies.ndjson | $dec_t | $dec_m |"
echo "| python3 json+base64+wave loop | $py_t | $py_m |"
echo
echo "Speed-up over the Python loop: **${ratio}x**."

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
