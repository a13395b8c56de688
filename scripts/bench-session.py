#!/usr/bin/env python3
"""Session benchmarks for `make bench`: startup, relay latency and upload throughput.

Usage: bench-session.py SESSION_BINARY WORK_DIR HOUR_NDJSON

A Live-protocol stand-in server (Python `websockets`, TLS on loopback) answers setup with a
pretty-printed binary setupComplete, stamps the arrival of every client frame and sends
server frames on a timer. Three clients are measured against it side by side:
  direct   this harness's own WebSocket connection: the floor every relay is compared with
  session  gemini-live-session: lines on stdin, server messages as lines on stdout
  sdk      a relay on the official Python SDK (google-genai): the seed tutorial's approach
Latency is measured at 50 messages per second in each direction at once (20 ms audio up,
40 ms audio down, as the service sends); each message carries a sequence number in its
first audio bytes. Each client sends and receives BENCH_MESSAGES messages (default 3000, a
minute each): p99 of 500 samples is the fifth-worst one, and on this 2-core VM that swings by
0.3 ms between runs of the same binary. Prints a Markdown report.
"""
import asyncio
import base64
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
RATE = 50.0

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


class StandIn:
    """The server side: arrival stamps for client frames, send stamps for server frames."""

    def __init__(self):
        self.arrivals, self.sent, self.first_frame, self.bytes = {}, {}, None, 0
        self.sending = asyncio.Event()
        self.connected = asyncio.Event()

    async def handler(self, ws):
        setup = await ws.recv()
        if self.first_frame is None:
            self.first_frame = time.monotonic()
        await ws.send(json.dumps({"setupComplete": {}}, indent=2).encode())
        self.connected.set()

        async def receive():
            async for frame in ws:
                now = time.monotonic()
                self.bytes += len(frame)
                seq = seq_of_client_frame(frame)
                if seq is not None:
                    self.arrivals[seq] = now

        async def send():
            await self.sending.wait()
            start = time.monotonic()
            for seq in range(MESSAGES):
                await asyncio.sleep(max(0, start + seq / RATE - time.monotonic()))
                data = seq.to_bytes(4, "little") + bytes(1916)
                frame = json.dumps({"serverContent": {"modelTurn": {"parts": [{"inlineData": {
                    "mimeType": "audio/pcm;rate=24000", "data": base64.b64encode(data).decode()}}]}}}, indent=2)
                self.sent[seq] = time.monotonic()
                await ws.send(frame.encode())

        try:
            await asyncio.gather(receive(), send())
        except websockets.ConnectionClosed:
            pass


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


async def run_latency(kind, port):
    """Returns (upstream latencies, downstream latencies) in seconds for one client kind."""
    standin = StandIn()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    async with websockets.serve(standin.handler, "127.0.0.1", port, ssl=context, max_size=None):
        written, read = {}, {}
        if kind == "direct":
            client_context = ssl.create_default_context(cafile=CERT)
            ws = await websockets.connect(f"wss://localhost:{port}/ws/x", ssl=client_context, max_size=None)
            await ws.send(json.dumps({"setup": {"model": "models/x"}}))
            await ws.recv()

            async def write(line):
                await ws.send(line)

            async def reader():
                async for frame in ws:
                    seq = seq_of_server_line(frame)
                    if seq is not None:
                        read[seq] = time.monotonic()
        else:
            if kind == "session":
                argv = [SESSION, "--endpoint", f"wss://localhost:{port}", "--ca-file", CERT, "--idle-timeout", "1"]
                env = dict(os.environ, GEMINI_API_KEY="bench")
            else:
                relay = os.path.join(WORK, "sdk_relay.py")
                open(relay, "w").write(SDK_RELAY)
                argv = [sys.executable, relay, f"https://localhost:{port}"]
                env = dict(os.environ, SSL_CERT_FILE=CERT)
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL, env=env, limit=1 << 24)
            # gemini-live-session connects once the first line arrives (it may be a setup): a warm-up line,
            # outside the measured sequence numbers, opens the connection.
            process.stdin.write(audio_line(1 << 30).encode() + b"\n")
            await process.stdin.drain()
            await process.stdout.readline()  # setupComplete, passed through

            async def write(line):
                process.stdin.write(line.encode() + b"\n")
                await process.stdin.drain()

            async def reader():
                while True:
                    line = await process.stdout.readline()
                    if not line:
                        return
                    seq = seq_of_server_line(line)
                    if seq is not None:
                        read[seq] = time.monotonic()
        await standin.connected.wait()
        reading = asyncio.create_task(reader())
        standin.sending.set()
        start = time.monotonic()
        for seq in range(MESSAGES):
            await asyncio.sleep(max(0, start + seq / RATE - time.monotonic()))
            written[seq] = time.monotonic()
            await write(audio_line(seq))
        await asyncio.sleep(1.0)
        reading.cancel()
        if kind == "direct":
            await ws.close()
        else:
            process.kill()
            await process.wait()
    up = [standin.arrivals[s] - written[s] for s in written if s in standin.arrivals]
    down = [read[s] - standin.sent[s] for s in standin.sent if s in read]
    return up, down


async def run_startup(kind, port, runs=7):
    """Median seconds from spawning the client to the setup frame arriving at the server."""
    times = []
    for _ in range(runs):
        standin = StandIn()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(CERT, KEY)
        async with websockets.serve(standin.handler, "127.0.0.1", port, ssl=context):
            if kind == "session":
                argv = [SESSION, "--endpoint", f"wss://localhost:{port}", "--ca-file", CERT]
                env = dict(os.environ, GEMINI_API_KEY="bench")
            else:
                argv = [sys.executable, os.path.join(WORK, "sdk_relay.py"), f"https://localhost:{port}"]
                env = dict(os.environ, SSL_CERT_FILE=CERT)
            start = time.monotonic()
            process = await asyncio.create_subprocess_exec(
                *argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL, env=env)
            # The first input line is there from the start, as in `encode | session`.
            process.stdin.write(audio_line(1 << 30).encode() + b"\n")
            await process.stdin.drain()
            deadline = time.monotonic() + 30
            while standin.first_frame is None and time.monotonic() < deadline:
                await asyncio.sleep(0.001)
            times.append(standin.first_frame - start)
            process.kill()
            await process.wait()
    return statistics.median(times)


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
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", SESSION, "--endpoint", f"ws://127.0.0.1:{port}", "--idle-timeout", "0.5"],
            stdin=open(HOUR, "rb"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            env=dict(os.environ, GEMINI_API_KEY="bench"))
        while process.poll() is None:
            await asyncio.sleep(0.05)
        rss_kb = int(process.stderr.read().decode().strip().split()[-1])
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
    print("## session: relay latency at 50 messages/s each way (loopback TLS)\n")
    results = {}
    for kind in ("direct", "session", "sdk"):
        results[kind] = await run_latency(kind, port)
    floor_up, floor_down = results["direct"]
    print("| client | up p50 ms | up p99 ms | down p50 ms | down p99 ms | added up p99 ms | added down p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for kind, (up, down) in results.items():
        row = [percentile(up, 50), percentile(up, 99), percentile(down, 50), percentile(down, 99)]
        added = [percentile(up, 99) - percentile(floor_up, 99), percentile(down, 99) - percentile(floor_down, 99)]
        print(f"| {kind} ({len(up)}/{len(down)} msgs) | " + " | ".join(f"{v * 1000:.3f}" for v in row + added) + " |")
    added_p50 = {k: (percentile(v[0], 50) - percentile(floor_up, 50), percentile(v[1], 50) - percentile(floor_down, 50))
                 for k, v in results.items() if k != "direct"}
    print()
    for kind, (up, down) in added_p50.items():
        print(f"- {kind}: adds {up * 1000:.3f} ms (up) and {down * 1000:.3f} ms (down) at p50 over the direct connection")
    print("\n## session: startup to first frame (median of 7)\n")
    ours = await run_startup("session", port)
    sdk = await run_startup("sdk", port)
    print(f"| gemini-live-session | {ours * 1000:.1f} ms |\n| Python SDK relay | {sdk * 1000:.1f} ms |")
    print("\n## session: upload one hour of encoded audio as fast as possible (ws, loopback)\n")
    seconds, received, size, rss = await run_throughput(port)
    floor = await run_sink_floor(port)
    print(f"{size / 1e6:.0f} MB of NDJSON ({received / 1e6:.0f} MB of frames received) in {seconds:.2f} s: "
          f"**{size / 1e6 / seconds:.0f} MB/s**, peak RSS {rss:.0f} MiB. The Python sink alone takes frames from a "
          f"Python client at {floor / 1e6:.0f} MB/s, so above that figure the sink, not the session, is the limit.")


if __name__ == "__main__":
    asyncio.run(main())
