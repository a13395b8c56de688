#!/usr/bin/env bash
# Decoder benchmark: one hour of 24 kHz replies in the four layouts users feed the decoder, against the
# json+base64+wave Python loop on the same file; then every text report at once against a Python loop that
# writes the same reports. Usage: scripts/bench-decode.sh BIN_DIR (release builds). Markdown on stdout.
set -euo pipefail
bin=$(cd "${1:?usage: bench-decode.sh BIN_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_DIR:-$here/../bench-out}
runs=${BENCH_RUNS:-3}
. "$here/bench-lib.sh"

# The same messages in four layouts: 40 ms chunks (960 samples), a turn boundary with usage every 10 s.
if [ ! -s "$out/layout-pretty.json" ]; then
  sox -n -r 24000 -c 1 -b 16 -e signed-integer -t raw "$out/reply.raw" synth 3600 pinknoise vol 0.3
  python3 - "$out/reply.raw" "$out" <<'PY'
import base64, json, sys
src, dst = sys.argv[1], sys.argv[2]
words = "the capital of France is Paris and it is sunny there today".split()
files = {name: open(f"{dst}/layout-{name}.json", "w") for name in ("compact", "python", "pretty", "threex")}
def emit(message, threex=None):
    files["compact"].write(json.dumps(message, separators=(",", ":")) + "\n")
    files["python"].write(json.dumps(message) + "\n")
    files["pretty"].write(json.dumps(message, indent=2) + "\n")
    files["threex"].write(json.dumps(threex or message, separators=(",", ":")) + "\n")
with open(src, "rb") as f:
    n = 0
    while True:
        chunk = f.read(1920)
        if not chunk:
            break
        turn = {"parts": [{"inlineData": {"mimeType": "audio/pcm;rate=24000", "data": base64.b64encode(chunk).decode()}}]}
        word = {"text": words[n % len(words)] + " "}
        emit({"serverContent": {"modelTurn": turn}}, {"serverContent": {"modelTurn": turn, "outputTranscription": word}})
        n += 1
        if n % 250 == 0:
            emit({"serverContent": {"generationComplete": True}})
            emit({"serverContent": {"turnComplete": True},
                  "usageMetadata": {"promptTokenCount": 40, "responseTokenCount": 250, "totalTokenCount": 290}})
PY
  rm -f "$out/reply.raw"
fi

cat >"$out/decode-lines.py" <<'PY'
import base64, json, sys, wave
# The loop a user would write for one message per line: json + base64 + wave.
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(24000)
    for line in sys.stdin:
        msg = json.loads(line)
        for part in msg.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                w.writeframes(base64.b64decode(part["inlineData"]["data"]))
PY
cat >"$out/decode-stream.py" <<'PY'
import base64, json, sys, wave
# The same loop for values laid out any way (the service's pretty frames): raw_decode over a buffer.
decoder, buf = json.JSONDecoder(), ""
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(24000)
    for block in iter(lambda: sys.stdin.read(1 << 20), ""):
        buf += block
        pos = 0
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            try:
                msg, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError:
                break
            pos = end
            for part in msg.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
                if "inlineData" in part:
                    w.writeframes(base64.b64decode(part["inlineData"]["data"]))
        buf = buf[pos:]
PY

echo "## decode: one hour of 24 kHz replies to WAV, four layouts"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%F); best of $runs runs each."
echo
echo "| layout | input MiB | gemini-live-decode --wav s | peak RSS MiB | Python loop s | speed-up | samples |"
echo "|---|---|---|---|---|---|---|"
for layout in compact python pretty threex; do
  file="$out/layout-$layout.json"
  script=decode-lines.py
  [ "$layout" = pretty ] && script=decode-stream.py
  # Each run writes a new file, as a batch does: replacing a file makes ext4 flush it on close, a cost
  # of the file system, not of the decoder (see BENCHMARKS.md). `sync` first, so the last run's writeback
  # does not compete with this one.
  read -r ours_t ours_m < <(measure "'$bin/gemini-live-decode' --wav '$out/ours.wav' < '$file'" "rm -f '$out/ours.wav'; sync")
  read -r py_t _ < <(measure "python3 '$out/$script' '$out/py.wav' < '$file'" "rm -f '$out/py.wav'; sync")
  cmp -s <(sox "$out/ours.wav" -t raw -) <(sox "$out/py.wav" -t raw -) && same=identical || same=DIFFER
  ratio=$(python3 -c "print(f'{$py_t / $ours_t:.1f}')")
  echo "| $layout | $(du -m "$file" | cut -f1) | $ours_t | $ours_m | $py_t | **${ratio}x** | $same |"
done
echo
echo "Layouts: compact is what gemini-live-session writes; python is json.dumps defaults (\", \" and \": \");"
echo "pretty is indent 2, what the service sends; threex is compact with an outputTranscription in every"
echo "audio message, as the 3.x models send. The Python loop reads lines, except for pretty (raw_decode)."

cat >"$out/reports.py" <<'PY'
import base64, json, sys
# --text, --transcript and --json in one pass, the way a user would write them.
text_out, transcript_out, json_out = (open(p, "w") for p in sys.argv[1:4])
def fresh():
    return {"text": "", "input": "", "output": "", "samples": 0, "calls": []}
turn, index, usage = fresh(), 1, [0, 0, 0]
for line in sys.stdin:
    msg = json.loads(line)
    content = msg.get("serverContent", {})
    for part in content.get("modelTurn", {}).get("parts", []):
        if "text" in part:
            turn["text"] += part["text"]
        if "inlineData" in part:
            turn["samples"] += len(base64.b64decode(part["inlineData"]["data"])) // 2
    turn["input"] += content.get("inputTranscription", {}).get("text", "")
    turn["output"] += content.get("outputTranscription", {}).get("text", "")
    if "usageMetadata" in msg:
        u = msg["usageMetadata"]
        usage = [usage[0] + u.get("promptTokenCount", 0), usage[1] + u.get("responseTokenCount", 0), usage[2] + u.get("totalTokenCount", 0)]
    if content.get("turnComplete"):
        words = (turn["text"] or turn["output"]).strip()
        text_out.write(words + "\n")
        if turn["input"]:
            transcript_out.write("user: " + turn["input"].strip() + "\n")
        if words:
            transcript_out.write("model: " + words + "\n")
        json_out.write(json.dumps({"turn": index, "text": words, "inputTranscript": turn["input"],
                                   "outputTranscript": turn["output"], "audioSeconds": round(turn["samples"] / 24000, 3),
                                   "interrupted": False, "usage": msg.get("usageMetadata")}, separators=(",", ":")) + "\n")
        turn, index = fresh(), index + 1
transcript_out.write(f"usage: {usage[0]} prompt + {usage[1]} response tokens, {usage[2]} total, over {index - 1} turns\n")
PY
echo
echo "## decode: --text --transcript --json together, one hour (threex layout)"
echo
file="$out/layout-threex.json"
read -r ours_t ours_m < <(measure "'$bin/gemini-live-decode' --text '$out/t.txt' --transcript '$out/tr.txt' --json '$out/j.ndjson' < '$file'")
read -r py_t _ < <(measure "python3 '$out/reports.py' '$out/pt.txt' '$out/ptr.txt' '$out/pj.ndjson' < '$file'")
cmp -s "$out/t.txt" "$out/pt.txt" && same="--text identical" || same="--text DIFFERS"
ratio=$(python3 -c "print(f'{$py_t / $ours_t:.1f}')")
echo "| command | wall s | peak RSS MiB |"
echo "|---|---|---|"
echo "| gemini-live-decode --text --transcript --json | $ours_t | $ours_m |"
echo "| python3 json+base64 report loop | $py_t | |"
echo
echo "Speed-up: **${ratio}x** ($same)."
