#!/usr/bin/env python3
"""Session benchmarks for `make bench`: startup, relay latency and upload throughput.

Usage: bench-session.py SESSION_BINARY WORK_DIR HOUR_NDJSON

A Live-protocol stand-in server (Python `websockets`, TLS on loopback) answers setup with a
pretty-printed binary setupComplete, stamps the arrival of every client frame and sends
server frames on a timer. Three clients are measured against it side by side:
  direct   this harness's own WebSocket connection: the floor every relay is compared with
  session  gemini-live-session: lines on stdin, server messages as lines on stdout
  sdk      a relay on the official Python SDK (google-genai): the seed tutorial's approach
Latency is measured at 50 messages per second in each direction (20 ms audio up,
40 ms audio down, as the service sends); each message carries a sequence number in its
first audio bytes. Each client sends and receives BENCH_MESSAGES messages (default 3000, a
minute each), in BENCH_ROUNDS rounds (default 10) taken in turn with the other clients, so a
disturbance of this shared 2-core VM falls on all of them alike rather than on one client's
minute. Every line and frame is built before the clock starts, the collector is off while
measuring, and each arrival is stamped before it is parsed: the harness measures the clients,
not its own Python.

Each relay is used as an SDK user uses a session: the harness starts it and waits for `setupComplete`
on its stdout before it writes anything to its stdin (the SDK relay prints that line once the SDK's
connect() has returned, which is after the server's setupComplete). gemini-live-session must therefore
connect at start, with the setup from its flags; one that waits for a first stdin line before connecting
never prints the line, and the harness stops with a message after BENCH_SETUP_TIMEOUT seconds
(default 10) instead of waiting for ever.

Downstream frames leave half a period (10 ms) after upstream lines (BENCH_PHASE, a fraction of the
period; 0 sends both at once). The service's replies are not in step with the client's audio, and a
harness that makes both sends at the same instant measures itself: while it finishes its second send,
the relay that its first one woke waits for the CPU (Linux runs a task woken by a pipe or loopback
write on the writer's CPU, expecting the writer to block), and the harness's own second message
queues behind the first.

The latency run is made twice: as the processes fall, and with the harness on CPU 0 and the relay
under test (session or SDK) on CPU 1, so that neither can wait for the other's CPU (BENCH_PIN=0 skips
that run). Each round's latencies, and each relay's time waiting for a CPU (its threads' run-queue wait
from /proc/PID/task/*/schedstat), are written to WORK/latency-{unpinned,pinned}.json for a closer look.
On a machine busy with other work, a woken relay can wait milliseconds for a CPU, which the direct
client never does; `chrt -f 10 python3 bench-session.py ...` (the relays inherit the policy) takes that
wait out, to tell a relay's own cost from the machine's load. It is a diagnosis, not the measure.
Start-up is timed from spawning each relay to its setupComplete line read on its stdout
(and to its setup frame arriving at the server), with nothing written to its stdin. Prints a Markdown
report.
"""
import asyncio
import base64
import gc
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

import websockets

SESSION, WORK, HOUR = sys.argv[1], sys.argv[2], sys.argv[3]
CERT, KEY = os.path.join(WORK, "cert.pem"), os.path.join(WORK, "key.pem")
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "3000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
CAN_PIN = hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) >= 2
ALL_CPUS = os.sched_getaffinity(0) if CAN_PIN else None
HARNESS_CPU, RELAY_CPU = (sorted(os.sched_getaffinity(0))[:2] if CAN_PIN else (None, None))
RATE = 50.0
PHASE = float(os.environ.get("BENCH_PHASE", "0.5"))
SETUP_TIMEOUT = float(os.environ.get("BENCH_SETUP_TIMEOUT", "10"))
RELAY_NAMES = {"session": "gemini-live-session", "sdk": "the google-genai relay"}

SDK_RELAY = r'''
import asyncio, base64, json, sys
from google import genai
from google.genai import types
async def main():
    client = genai.Client(api_key="bench", http_options={"base_url": sys.argv[1]})
    async with client.aio.live.connect(model="gemini-3.8-live", config={"response_modalities": ["AUDIO"]}) as session:
        print(json.dumps({"setupComplete": {}}), flush=True)
        loop = asyncio.get_running_loop()
        async def upstream():
            while True:
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    return
                audio = json.loads(line)["realtimeInput"]["audio"]
                await session.send_realtime_input(audio=types.Blob(data=base64.b64decode(audio["data"]), mime_type=audio["mimeType"]))
        async def downstream():
            while True:
                async for message in session.receive():
                    print(message.model_dump_json(exclude_none=True), flush=True)
        await asyncio.gather(upstream(), downstream())
asyncio.run(main())
'''


def audio_line(seq, size=640):
    data = seq.to_bytes(4, "little") + bytes(size - 4)
    return json.dumps({"realtimeInput": {"audio": {"mimeType": "audio/pcm;rate=16000",
                                                   "data": base64.b64encode(data).decode()}}}, separators=(",", ":"))


def decode_base64(text):
    """Both alphabets, with or without padding, as the service accepts (python-genai sends URL-safe)."""
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def seq_of_client_frame(frame):
    message = json.loads(frame)
    inner = message.get("realtimeInput") or message.get("realtime_input") or {}
    audio = inner.get("audio")
    if not audio:
        return None
    return int.from_bytes(decode_base64(audio["data"])[:4], "little")


def seq_of_server_line(line):
    message = json.loads(line)
    content = message.get("serverContent") or message.get("server_content") or {}
    turn = content.get("modelTurn") or content.get("model_turn") or {}
    for part in turn.get("parts", []):
        blob = part.get("inlineData") or part.get("inline_data")
        if blob:
            return int.from_bytes(decode_base64(blob["data"])[:4], "little")
    return None


def server_frame(seq):
    """A 40 ms audio chunk as the service sends it: pretty-printed JSON."""
    data = seq.to_bytes(4, "little") + bytes(1916)
    return json.dumps({"serverContent": {"modelTurn": {"parts": [{"inlineData": {
        "mimeType": "audio/pcm;rate=24000", "data": base64.b64encode(data).decode()}}]}}}, indent=2).encode()


class StandIn:
    """The server side: arrival stamps for client frames, send stamps for server frames."""

    def __init__(self, messages=0):
        self.arrivals, self.sent, self.first_frame, self.setup = {}, {}, None, None
        self.frames = [server_frame(seq) for seq in range(messages)]
        self.sending = asyncio.Event()
        self.start = 0.0  # the clock both directions keep: set by the client side before `sending`
        self.connected = asyncio.Event()
        self.all_in = asyncio.Event()  # every client frame of the run has arrived

    async def handler(self, ws):
        setup = await ws.recv()
        if self.first_frame is None:
            self.first_frame, self.setup = time.monotonic(), setup
        await ws.send(json.dumps({"setupComplete": {}}, indent=2).encode())
        self.connected.set()
        received = []

        async def receive():
            async for frame in ws:
                now = time.monotonic()
                received.append((now, frame))
                if len(received) >= len(self.frames):
                    self.all_in.set()

        async def send():
            await self.sending.wait()
            for seq, frame in enumerate(self.frames):
                await asyncio.sleep(max(0, self.start + (seq + PHASE) / RATE - time.monotonic()))
                self.sent[seq] = time.monotonic()
                await ws.send(frame)

        try:
            await asyncio.gather(receive(), send())
        except websockets.ConnectionClosed:
            pass
        finally:
            # Parsed after the run, so that parsing never delays a stamp.
            for now, frame in received:
                seq = seq_of_client_frame(frame)
                if seq is not None:
                    self.arrivals[seq] = now


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def relay_on_its_cpu():
    os.sched_setaffinity(0, {RELAY_CPU})


def cpu_times(pid):
    """(on-CPU ns, run-queue wait ns, times run, threads) summed over a live process's threads; zeros where
    unreadable."""
    run = wait = slices = threads = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                fields = stat.read().split()
            run, wait, slices = run + int(fields[0]), wait + int(fields[1]), slices + int(fields[2])
            threads += 1
    except (OSError, IndexError, ValueError):
        pass
    return run, wait, slices, threads


def relay_argv(kind, port):
    """The command line and environment of a relay under test, connecting to the stand-in on `port`."""
    if kind == "session":
        return ([SESSION, "--endpoint", f"wss://localhost:{port}", "--ca-file", CERT, "--idle-timeout", "1"],
                dict(os.environ, GEMINI_API_KEY="bench"))
    return ([sys.executable, os.path.join(WORK, "sdk_relay.py"), f"https://localhost:{port}"],
            dict(os.environ, SSL_CERT_FILE=CERT))


async def start_relay(kind, port, pin=False):
    """Spawns a relay and waits for its setupComplete line, writing nothing to its stdin first.

    Returns (process, spawn time, time the setupComplete line was read). Exits with a message when the
    line does not come within SETUP_TIMEOUT seconds, or something else comes first."""
    argv, env = relay_argv(kind, port)
    stderr_path = os.path.join(WORK, f"{kind}-stderr.log")
    with open(stderr_path, "wb") as stderr:
        spawned = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=stderr, env=env,
            limit=1 << 24, preexec_fn=relay_on_its_cpu if pin else None)
    try:
        line = await asyncio.wait_for(process.stdout.readline(), SETUP_TIMEOUT)
        ready = time.monotonic()
    except asyncio.TimeoutError:
        line, ready = None, None
    problem = None
    if line is None:
        problem = (f"printed no setupComplete within {SETUP_TIMEOUT:g} s of starting, with nothing written to "
                   f"its stdin. A session that connects only once its first stdin line arrives never will; "
                   f"this harness needs one that connects at start with the setup from its flags "
                   f"(BENCH_SETUP_TIMEOUT sets the wait)")
    elif not line:
        problem = f"exited (status {await process.wait()}) before printing setupComplete"
    else:
        try:
            first = json.loads(line)
        except ValueError:
            first = None
        if not isinstance(first, dict) or "setupComplete" not in first:
            problem = f"printed {line[:200]!r} before setupComplete"
    if problem:
        if process.returncode is None:
            process.kill()
            await process.wait()
        tail = open(stderr_path, "rb").read()[-2000:].decode(errors="replace").strip()
        sys.exit(f"bench-session: {RELAY_NAMES[kind]} {problem}.\n  command: {' '.join(argv)}"
                 + (f"\n  its stderr ends:\n{tail}" if tail else "\n  its stderr was empty"))
    return process, spawned, ready


async def run_latency(kind, port, messages, pin):
    """Returns (upstream latencies, downstream latencies) in seconds for one client kind, and the relay's
    (on-CPU ns, run-queue wait ns, times run, threads) over the measured part of the round."""
    standin = StandIn(messages)
    lines = [audio_line(seq) for seq in range(messages)]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    async with websockets.serve(standin.handler, "127.0.0.1", port, ssl=context, max_size=None):
        written, received, all_read = {}, [], asyncio.Event()
        if kind == "direct":
            client_context = ssl.create_default_context(cafile=CERT)
            ws = await websockets.connect(f"wss://localhost:{port}/ws/x", ssl=client_context, max_size=None)
            await ws.send(json.dumps({"setup": {"model": "models/x"}}))
            await ws.recv()

            async def write(line):
                await ws.send(line)

            async def reader():
                async for frame in ws:
                    received.append((time.monotonic(), frame))
                    if len(received) >= messages:
                        all_read.set()
        else:
            # As an SDK user would: the relay's setupComplete first, then the first line on its stdin.
            process, _, _ = await start_relay(kind, port, pin)
            lines = [line.encode() + b"\n" for line in lines]

            async def write(line):
                process.stdin.write(line)
                await process.stdin.drain()

            async def reader():
                while True:
                    line = await process.stdout.readline()
                    if not line:
                        return
                    received.append((time.monotonic(), line))
                    if len(received) >= messages:
                        all_read.set()
        await standin.connected.wait()
        before = cpu_times(process.pid) if kind != "direct" else (0, 0, 0, 0)
        reading = asyncio.create_task(reader())
        gc.collect()
        gc.disable()
        try:
            start = standin.start = time.monotonic()
            standin.sending.set()
            for seq, line in enumerate(lines):
                await asyncio.sleep(max(0, start + seq / RATE - time.monotonic()))
                written[seq] = time.monotonic()
                await write(line)
            # Until the last message has arrived each way; one lost shows as a short count in the table.
            try:
                await asyncio.wait_for(asyncio.gather(standin.all_in.wait(), all_read.wait()), 10)
            except asyncio.TimeoutError:
                print(f"bench-session: {kind}: after 10 s, {len(received)} of {messages} server messages read "
                      f"and not every client message arrived; counting those that did", file=sys.stderr)
        finally:
            gc.enable()
        after = cpu_times(process.pid) if kind != "direct" else (0, 0, 0, 0)
        reading.cancel()
        if kind == "direct":
            await ws.close()
        else:
            process.kill()
            await process.wait()
    read = {}
    for now, line in received:
        seq = seq_of_server_line(line)
        if seq is not None:
            read[seq] = now
    up = [standin.arrivals[s] - written[s] for s in written if s in standin.arrivals]
    down = [read[s] - standin.sent[s] for s in standin.sent if s in read]
    sched = (after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3])
    return up, down, sched


async def measure_latency(port, pin):
    """Each client's pooled (up, down) latencies over ROUNDS interleaved rounds; the rounds are also
    written to WORK/latency-(un)pinned.json."""
    kinds = ["direct", "session", "sdk"]
    results = {kind: ([], []) for kind in kinds}
    rounds = []
    per_round = max(1, MESSAGES // ROUNDS)
    for round in range(ROUNDS):
        # Alternating order, so no client always runs right after another.
        for kind in kinds if round % 2 == 0 else kinds[::-1]:
            load = os.getloadavg()[0]
            up, down, (run_ns, wait_ns, slices, threads) = await run_latency(kind, port, per_round, pin)
            results[kind][0].extend(up)
            results[kind][1].extend(down)
            rounds.append({"round": round, "kind": kind, "load1": load, "up": up, "down": down,
                           "relay_run_ns": run_ns, "relay_wait_ns": wait_ns, "relay_times_run": slices, "relay_threads": threads})
    with open(os.path.join(WORK, f"latency-{'pinned' if pin else 'unpinned'}.json"), "w") as dump:
        json.dump(rounds, dump)
    return results


def report_latency(results):
    floor_up, floor_down = results["direct"]
    print("| client | up p50 ms | up p99 ms | down p50 ms | down p99 ms | added up p99 ms | added down p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for kind, (up, down) in results.items():
        row = [percentile(up, 50), percentile(up, 99), percentile(down, 50), percentile(down, 99)]
        added = [percentile(up, 99) - percentile(floor_up, 99), percentile(down, 99) - percentile(floor_down, 99)]
        print(f"| {kind} ({len(up)}/{len(down)} msgs) | " + " | ".join(f"{v * 1000:.3f}" for v in row + added) + " |")
    print()
    for kind in ("session", "sdk"):
        up, down = results[kind]
        print(f"- {kind}: adds {(percentile(up, 50) - percentile(floor_up, 50)) * 1000:.3f} ms (up) and "
              f"{(percentile(down, 50) - percentile(floor_down, 50)) * 1000:.3f} ms (down) at p50 over the direct connection")
    ours, sdk = results["session"], results["sdk"]
    for name, index, floor in (("up", 0, floor_up), ("down", 1, floor_down)):
        added_ours = percentile(ours[index], 99) - percentile(floor, 99)
        added_sdk = percentile(sdk[index], 99) - percentile(floor, 99)
        ratio = f"{added_sdk / added_ours:.1f}x less than the SDK relay" if added_ours > 0 else "nothing measurable"
        print(f"- {name}, p99: the session adds {added_ours * 1000:.3f} ms, the SDK relay {added_sdk * 1000:.3f} ms: {ratio}")


async def run_startup(kind, port, runs=7):
    """Medians, in seconds, from spawning the relay to (its setup frame arriving at the server, its
    setupComplete line read on its stdout), with nothing written to its stdin."""
    to_frame, to_ready = [], []
    for _ in range(runs):
        standin = StandIn()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(CERT, KEY)
        async with websockets.serve(standin.handler, "127.0.0.1", port, ssl=context):
            process, spawned, ready = await start_relay(kind, port)
            # The server stamped the setup frame before it sent setupComplete.
            to_frame.append(standin.first_frame - spawned)
            to_ready.append(ready - spawned)
            if "setup" not in json.loads(standin.setup):
                sys.exit(f"bench-session: {RELAY_NAMES[kind]}'s first frame was not a setup: {standin.setup[:200]!r}")
            process.kill()
            await process.wait()
    return statistics.median(to_frame), statistics.median(to_ready), to_ready


async def run_throughput(port):
    """Seconds and peak RSS for the session to upload HOUR to a sink that only counts bytes."""
    done = asyncio.Event()
    total = {"bytes": 0, "last": 0.0}

    async def sink(ws):
        await ws.recv()
        await ws.send(json.dumps({"setupComplete": {}}, indent=2).encode())
        async for frame in ws:
            total["bytes"] += len(frame)
            total["last"] = time.monotonic()

    async with websockets.serve(sink, "127.0.0.1", port, max_size=None, compression=None):
        start = time.monotonic()
        with open(HOUR, "rb") as hour:
            process = await asyncio.create_subprocess_exec(
                "/usr/bin/time", "-f", "%M", SESSION, "--endpoint", f"ws://127.0.0.1:{port}", "--idle-timeout", "0.5",
                stdin=hour, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
                env=dict(os.environ, GEMINI_API_KEY="bench"))
        _, stderr = await process.communicate()
        rss_kb = int(stderr.decode().strip().split()[-1])
    size = os.path.getsize(HOUR)
    return total["last"] - start, total["bytes"], size, rss_kb / 1024


async def run_sink_floor(port):
    """How fast this Python sink itself can take the same frames from a Python client."""
    lines = open(HOUR, "rb").read().splitlines()[:6000]
    total = {"bytes": 0}

    async def sink(ws):
        async for frame in ws:
            total["bytes"] += len(frame)

    async with websockets.serve(sink, "127.0.0.1", port, max_size=None, compression=None):
        ws = await websockets.connect(f"ws://127.0.0.1:{port}", max_size=None, compression=None)
        start = time.monotonic()
        for line in lines:
            await ws.send(line.decode())
        await ws.close()
        return sum(map(len, lines)) / (time.monotonic() - start)


async def main():
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-days", "1", "-keyout", KEY, "-out", CERT],
                   check=True, capture_output=True)
    port = 47000 + os.getpid() % 1000
    with open(os.path.join(WORK, "sdk_relay.py"), "w") as relay:
        relay.write(SDK_RELAY)
    print("## session: relay latency at 50 messages/s each way (loopback TLS, not pinned)\n")
    print(f"{MESSAGES} messages each way per client, in {ROUNDS} interleaved rounds; downstream frames "
          f"{PHASE * 1000 / RATE:.0f} ms after upstream lines.\n")
    report_latency(await measure_latency(port, False))
    if CAN_PIN and os.environ.get("BENCH_PIN", "1") != "0":
        os.sched_setaffinity(0, {HARNESS_CPU})
        print(f"\n## session: relay latency, harness on CPU {HARNESS_CPU} and relay on CPU {RELAY_CPU}\n")
        report_latency(await measure_latency(port, True))
        os.sched_setaffinity(0, ALL_CPUS)
    print("\n## session: start-up to setupComplete, nothing on stdin (median of 7)\n")
    print("| client | spawn to setup frame at the server | spawn to setupComplete read on its stdout |")
    print("|---|---|---|")
    ready = {}
    for kind, label in (("session", "gemini-live-session"), ("sdk", "google-genai relay (start-up, import, connect())")):
        to_frame, to_ready, runs = await run_startup(kind, port)
        ready[kind] = to_ready
        print(f"| {label} | {to_frame * 1000:.1f} ms | {to_ready * 1000:.1f} ms "
              f"({min(runs) * 1000:.1f}–{max(runs) * 1000:.1f}) |")
    print(f"\nBar (under 50 ms to setupComplete): {'met' if ready['session'] < 0.050 else 'NOT met'}; "
          f"the SDK relay takes {ready['sdk'] / ready['session']:.0f}x as long.")
    print("\n## session: upload one hour of encoded audio as fast as possible (ws, loopback)\n")
    seconds, received, size, rss = await run_throughput(port)
    floor = await run_sink_floor(port)
    print(f"{size / 1e6:.0f} MB of NDJSON ({received / 1e6:.0f} MB of frames received) in {seconds:.2f} s: "
          f"**{size / 1e6 / seconds:.0f} MB/s**, peak RSS {rss:.0f} MiB. The Python sink alone takes frames from a "
          f"Python client at {floor / 1e6:.0f} MB/s, so above that figure the sink, not the session, is the limit.")


if __name__ == "__main__":
    asyncio.run(main())
