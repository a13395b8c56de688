#!/usr/bin/env bash
# make test-cluster: samples/batch-analyze.sh across two hosts with GNU parallel's --sshloginfile, against the
# same batch run on this machine with -j.
#
# Usage: scripts/test-cluster.sh BIN_DIR    (BIN_DIR holds gemini-live-encode, -session, -decode, -emulator)
#
# The two "hosts" are network namespaces made here (ip netns, a veth pair each, 10.213.N.0/30 addresses),
# each running its own sshd on port 22 with host keys and a client key made here by ssh-keygen. A host runs in
# its own mount namespace (ip netns exec makes one) where its HOME (/root) is a folder of its own, and where
# the batch's local folder is hidden under an empty tmpfs: a host can read a recording, and the batch can get
# a result, only through parallel's transfers (--transferfile, --return). The tools are on the hosts' PATH
# (sshd's SetEnv). The emulator listens on this side, at the first veth address, which both hosts reach by
# their default route.
#
# Checks: both runs succeed; the transcripts are the same bytes and the reply WAVs the same samples; the job
# log names both hosts, each with jobs that sent and received files; the hosts' homes hold nothing afterwards
# (--cleanup); a second run skips every recording (resume).
# Everything made here (namespaces, veths, sshd and emulator process groups, files) is removed on any exit.
# TEST_CLUSTER_KEEP=DIR keeps the recordings, results, job logs and the emulator's frame log there.
# Exit status: 0 passed, 1 failed, 77 skipped (not root, or no ip netns / sshd / rsync / parallel).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: scripts/test-cluster.sh BIN_DIR" >&2; exit 64; }
bin=$(cd "$1" && pwd)
skip() { echo "test-cluster: skipped: $*" >&2; exit 77; }
fail() { echo "test-cluster: FAILED: $*" >&2; exit 1; }
say() { echo "test-cluster: $*" >&2; }

[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, sshd)"
command -v ip >/dev/null && ip netns list >/dev/null 2>&1 || skip "ip netns is unavailable"
[ -x /usr/sbin/sshd ] || skip "no /usr/sbin/sshd (apt-get install openssh-server)"
for c in ssh ssh-keygen rsync parallel espeak-ng python3; do
  command -v "$c" >/dev/null || skip "no $c on PATH"
done
for t in gemini-live-encode gemini-live-session gemini-live-decode gemini-live-emulator; do
  [ -x "$bin/$t" ] || fail "no $bin/$t (make build)"
done

started=$(date +%s)
tmp=$(mktemp -d /tmp/gemini-live-cluster.XXXXXX)
tag=glc$$ # names of our own: namespaces and veths (interface names are at most 15 characters)
hosts=(1 2)
pgids=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for g in "${pgids[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for g in "${pgids[@]}"; do
    # Each group's leader (sshd, the emulator) is this script's own job: wait for it to end on TERM, then
    # take whatever of its group is left (sshd's session processes).
    wait "$g" 2>/dev/null || true
    kill -KILL -- "-$g" 2>/dev/null || true
  done
  for h in "${hosts[@]}"; do
    # What still runs in a host (an ssh session's job: sshd gives each session a process group of its own).
    ip netns pids "$tag-$h" 2>/dev/null | xargs -r kill -KILL 2>/dev/null || true
    ip netns del "$tag-$h" 2>/dev/null || true
    ip link del "$tag-$h" 2>/dev/null || true # gone with the namespace's end of the pair, usually
  done
  if [ -n "${TEST_CLUSTER_KEEP:-}" ] && [ -d "$tmp" ]; then
    mkdir -p "$TEST_CLUSTER_KEEP" && cp -r "$tmp/local" "$tmp"/*.log "$tmp"/joblog* "$tmp"/emulator.* \
      "$TEST_CLUSTER_KEEP/" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
# A step in a process group of its own, waited for so that a signal stops the test at once; the clean-up
# ends the group (parallel, its ssh clients, the local jobs).
step() {
  setsid "$@" &
  local pid=$! status=0
  pgids+=("$pid")
  wait "$pid" || status=$?
  unset 'pgids[-1]'
  return $status
}
trap 'exit 130' INT
trap 'exit 143' TERM

# Two free /30 subnets under 10.213.0.0/16: 10.213.N.1 on this side, 10.213.N.2 in namespace N.
used=$(ip -4 -o addr show | awk '{ print $4 }')
subnets=()
for n in $(seq 1 254); do
  grep -q "^10\.213\.$n\." <<<"$used" || subnets+=("$n")
  [ ${#subnets[@]} -lt 2 ] || break
done
[ ${#subnets[@]} -eq 2 ] || fail "no free 10.213.N.0/30 subnets"

say "making the hosts: namespaces $tag-1, $tag-2 on 10.213.${subnets[0]}.2, 10.213.${subnets[1]}.2"
ssh-keygen -q -t ed25519 -N '' -C test-cluster -f "$tmp/client_key"
: >"$tmp/known_hosts"
: >"$tmp/sshloginfile"
cat >"$tmp/ssh_config" <<EOF
Host 10.213.*
  User root
  IdentityFile $tmp/client_key
  IdentitiesOnly yes
  BatchMode yes
  StrictHostKeyChecking yes
  UserKnownHostsFile $tmp/known_hosts
  GlobalKnownHostsFile /dev/null
  ConnectTimeout 10
  LogLevel ERROR
EOF
mkdir -p "$tmp/local" /run/sshd # sshd's privilege separation folder; the package's service would make it
for i in 0 1; do
  h=${hosts[i]} n=${subnets[i]} ns=$tag-${hosts[i]}
  addr=10.213.$n.2
  ip netns add "$ns"
  ip link add "$ns" type veth peer name "$ns-p"
  ip link set "$ns-p" netns "$ns"
  ip addr add "10.213.$n.1/30" dev "$ns"
  ip link set "$ns" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "$ns-p" name eth0
  ip -n "$ns" addr add "$addr/30" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route add default via "10.213.$n.1"

  d=$tmp/host$h
  mkdir -p "$d/home"
  chmod 700 "$d/home"
  ssh-keygen -q -t ed25519 -N '' -C "host$h" -f "$d/ssh_host_ed25519_key"
  cp "$tmp/client_key.pub" "$d/authorized_keys"
  echo "$addr $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >>"$tmp/known_hosts"
  echo "$addr" >>"$tmp/sshloginfile"
  cat >"$d/sshd_config" <<EOF
Port 22
ListenAddress $addr
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv PATH=$bin:/usr/local/bin:/usr/bin:/bin
EOF
  # sshd -D in its own process group (setsid), in the namespace, with its own /root and the local folder hidden.
  setsid ip netns exec "$ns" bash -c '
    set -e
    mount --bind "$1" /root
    mount -t tmpfs -o size=1m,mode=755 none "$2"
    exec /usr/sbin/sshd -D -e -f "$3"' sshd "$d/home" "$tmp/local" "$d/sshd_config" 2>"$d/sshd.log" &
  pgids+=($!)
done

# The emulator, in its own process group, on the first veth address of this side: host 1 reaches it on its
# link, host 2 by its default route (the address is this side's own), and the local batch directly.
setsid "$bin/gemini-live-emulator" --host "10.213.${subnets[0]}.1" --port 0 --log "$tmp/emulator.ndjson" \
  >"$tmp/emulator.url" 2>"$tmp/emulator.log" &
emulator=$!
pgids+=($emulator)

# Wait for the line each server prints once it listens (sshd: "Server listening on", the emulator: its URL),
# for as long as it runs: tail follows the file and ends with the server (--pid), grep stops at the line.
wait_for_line() { # file, pattern, pid
  grep -q -m1 -- "$2" < <(tail -n +1 -F --pid="$3" "$1" 2>/dev/null)
}
for i in 0 1; do
  addr=10.213.${subnets[i]}.2
  wait_for_line "$tmp/host${hosts[i]}/sshd.log" "Server listening on" "${pgids[i]}" &&
    ssh -F "$tmp/ssh_config" "$addr" true ||
    { cat "$tmp/host${hosts[i]}/sshd.log" >&2; fail "sshd on $addr did not start"; }
done
wait_for_line "$tmp/emulator.url" "^ws://" "$emulator" ||
  { cat "$tmp/emulator.log" >&2; fail "the emulator did not start"; }
port=$(sed -n 's|^ws://[^:]*:\([0-9]*\).*|\1|p' "$tmp/emulator.url")
[ -n "$port" ] || fail "no port in the emulator's URL: $(cat "$tmp/emulator.url")"
export GEMINI_LIVE_ENDPOINT=ws://10.213.${subnets[0]}.1:$port
say "emulator at $GEMINI_LIVE_ENDPOINT"

# The hosts see neither the local folder nor a shared home, and find the tools on their PATH.
for i in 0 1; do
  addr=10.213.${subnets[i]}.2
  touch "$tmp/local/probe"
  ssh -F "$tmp/ssh_config" "$addr" "test ! -e $tmp/local/probe && command -v gemini-live-session >/dev/null" ||
    fail "$addr sees the local folder or lacks the tools on its PATH"
  rm "$tmp/local/probe"
done

# The recordings: spoken sentences, a few more than the hosts' job slots so both hosts get several.
mkdir -p "$tmp/local/in"
words=("hello world" "good morning" "thank you" "what time is it" "the weather is fine" "open the door"
  "seven eight nine" "see you tomorrow")
for k in "${!words[@]}"; do
  espeak-ng -w "$tmp/local/in/rec$k.wav" "${words[k]}"
done
# One is a symbolic link to a recording elsewhere: what goes to the host is the recording.
mkdir "$tmp/local/elsewhere"
mv "$tmp/local/in/rec7.wav" "$tmp/local/elsewhere/"
ln -s ../elsewhere/rec7.wav "$tmp/local/in/rec7.wav"
export PATH="$bin:$PATH"
batch=$here/samples/batch-analyze.sh

say "the batch on this machine, -j 2"
step "$batch" -j 2 "$tmp/local/in" "$tmp/local/out-local" || fail "the local batch failed"

say "the batch on both hosts, -j 2 each, over ssh"
t0=$(date +%s)
step "$batch" -j 2 --sshloginfile "$tmp/sshloginfile" --ssh "ssh -F $tmp/ssh_config" --joblog "$tmp/joblog" \
  "$tmp/local/in" "$tmp/local/out-cluster" || { cat "$tmp/joblog" >&2; fail "the cluster batch failed"; }
say "the cluster batch took $(($(date +%s) - t0)) s"
cat "$tmp/joblog" >&2

# The same results. The transcripts are the same bytes but for the usage line: the emulator speaks with
# espeak-ng, whose output for a text varies by a few samples with what it spoke before (and by about a
# thousand on its first call), and the usage line counts the reply audio. So a reply WAV is checked against
# what the emulator sent: sample for sample the audio of a session of its own run, and the local and the
# cluster WAV of a recording come from two sessions that got the same input audio (the emulator's frame log).
for k in "${!words[@]}"; do
  a=$tmp/local/out-local/rec$k b=$tmp/local/out-cluster/rec$k
  cmp <(grep -v '^usage: ' "$a.txt") <(grep -v '^usage: ' "$b.txt") ||
    { diff "$a.txt" "$b.txt" >&2 || true; fail "rec$k: the transcripts differ"; }
  grep -q "model: Turn 1. I heard" "$b.txt" || fail "rec$k: no answer in the transcript: $(cat "$b.txt")"
done
python3 - "$tmp/emulator.ndjson" "$tmp/local" ${#words[@]} <<'EOF' || fail "the reply audio differs"
import base64, collections, hashlib, json, sys, wave
log, local, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sent, heard = collections.defaultdict(bytearray), collections.defaultdict(hashlib.sha256)
for line in open(log):
    frame = json.loads(line)
    message = frame.get("message") or {}
    if frame.get("direction") == "client":
        audio = message.get("realtimeInput", {}).get("audio")
        if audio:
            heard[frame["connection"]].update(base64.b64decode(audio["data"]))
    else:
        for part in message.get("serverContent", {}).get("modelTurn", {}).get("parts", []):
            if "inlineData" in part:
                sent[frame["connection"]] += base64.b64decode(part["inlineData"]["data"])
if len(sent) != 2 * count:
    sys.exit(f"{len(sent)} sessions with reply audio, not {2 * count}")
def sessions(path):  # the sessions whose reply audio is this WAV's samples
    with wave.open(path) as w:
        frames = w.readframes(w.getnframes())
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, 24000) or len(frames) < 48000:
            sys.exit(f"{path}: {w.getnchannels()} channels, {w.getsampwidth()} bytes, {w.getframerate()} Hz, {len(frames)} bytes")
    return {c for c, audio in sent.items() if audio == frames}
for k in range(count):
    a, b = sessions(f"{local}/out-local/rec{k}.reply.wav"), sessions(f"{local}/out-cluster/rec{k}.reply.wav")
    if not any(x != y and heard[x].digest() == heard[y].digest() for x in a for y in b):
        sys.exit(f"rec{k}: the local reply is the audio of sessions {sorted(a)}, the cluster's of {sorted(b)}, "
                 "which did not get the same input")
EOF
say "the same transcripts and reply audio for all ${#words[@]} recordings"

# The job log (Seq Host Starttime JobRuntime Send Receive Exitval Signal Command): every job on one of the two
# hosts, both hosts with jobs, every job with bytes sent (the recording) and received (its results).
for i in 0 1; do
  addr=10.213.${subnets[i]}.2
  share=$(awk -F '\t' -v h="$addr" 'NR > 1 && $2 == h && $5 > 0 && $6 > 0 && $7 == 0' "$tmp/joblog" | wc -l)
  say "$addr ran $share of ${#words[@]} recordings"
  [ "$share" -gt 0 ] || fail "$addr did no work"
  left=$(find "$tmp/host${hosts[i]}/home" -mindepth 1 -not -path '*/.parallel' -not -path '*/.parallel/tmp' |
    head -5)
  [ -z "$left" ] || fail "files left on $addr (no --cleanup?): $left"
done
total=$(awk -F '\t' 'NR > 1 && $5 > 0 && $6 > 0 && $7 == 0' "$tmp/joblog" | wc -l)
[ "$total" -eq ${#words[@]} ] || fail "$total jobs with transfers both ways, not ${#words[@]}"

# Resume: as if the batch had been stopped while rec3's results came back (its reply arrived, its transcript
# not), a second run analyses rec3 again, and a new recording that is not sound, and skips the others. The
# broken one fails on its host and is named, with the count, at the end.
cp "$tmp/local/out-cluster/rec3.txt" "$tmp/rec3.txt"
rm "$tmp/local/out-cluster/rec3.txt"
echo "not a sound file" >"$tmp/local/in/broken.wav"
say "the batch again, after an interruption and with broken.wav added (its failure below is expected)"
status=0
step "$batch" -j 2 --sshloginfile "$tmp/sshloginfile" --ssh "ssh -F $tmp/ssh_config" --joblog "$tmp/joblog2" \
  "$tmp/local/in" "$tmp/local/out-cluster" 2>"$tmp/rerun.log" || status=$?
cat "$tmp/rerun.log" >&2
[ $status -eq 1 ] || fail "the re-run exited with $status, not 1"
for line in "$((${#words[@]} - 1)) of $((${#words[@]} + 1)) recordings already have results; skipped" \
  "failed: $tmp/local/in/broken.wav" "1 of 2 recordings failed"; do
  grep -qF "batch-analyze.sh: $line" "$tmp/rerun.log" || fail "the re-run did not say: $line"
done
rerun=$(awk -F '\t' 'NR > 1 { print $NF }' "$tmp/joblog2" | sed 's/.* //' | sort | tr '\n' ' ')
[ "$rerun" = "broken.wav rec3.wav " ] || fail "the re-run ran: $rerun"
cmp <(grep -v '^usage: ' "$tmp/rec3.txt") <(grep -v '^usage: ' "$tmp/local/out-cluster/rec3.txt") ||
  fail "rec3's transcript differs after the re-run"
[ ! -e "$tmp/local/out-cluster/broken.txt" ] && [ ! -e "$tmp/local/out-cluster/broken.reply.wav" ] ||
  fail "the failed recording has results"

say "passed in $(($(date +%s) - started)) s"
