#!/usr/bin/env python3
"""Drive a page in headless Chromium over the DevTools protocol, for the browser tests.

Usage: browser.py [--server CMD] --url URL [--audio WAV] [--timeout S] [--window W,H] STEPS_JSON|@FILE

--server runs CMD with /bin/sh in its own process group while the page is driven; {port} in CMD and URL
is replaced by a free port, and the page is opened once URL answers. Chromium gets a fake camera and a
fake microphone that plays WAV once (--use-fake-device-for-media-stream,
--use-file-for-fake-audio-capture), allows them without asking, and is driven through
--remote-debugging-port=0 (the port is read from DevToolsActivePort in its profile folder).

STEPS_JSON (or the content of FILE) is a list of steps, run in order; each prints one JSON line on stdout:
  {"eval": JS}                     the value of JS (awaited when it is a promise), run as a user gesture
  {"wait": JS, "what": TEXT}       polls JS until it is truthy, then its value; fails after --timeout
  {"screenshot": PATH}             a PNG of the page
A step that fails prints {"error": ..., "state": ...} (state: the value of --state JS) and the run exits 1.
The console and exceptions of the page go to stderr. Chromium and the server are stopped on every exit.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

children = []


def stop_children():
    for child in children:
        try:
            os.killpg(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def start(command, **options):
    child = subprocess.Popen(command, start_new_session=True, **options)
    children.append(child)
    return child


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:g} s waiting for {what}")
        time.sleep(0.2)


class WebSocket:
    """A minimal client (RFC 6455): text frames out, whole messages in."""

    def __init__(self, url):
        host_port, path = url[len("ws://"):].split("/", 1)
        host, port = host_port.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the upgrade")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"DevTools refused the upgrade: {head!r}")

    def _read(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            data += chunk
        return data

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        head = bytes([0x81])
        if len(payload) < 126:
            head += bytes([0x80 | len(payload)])
        elif len(payload) < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + masked)

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the connection")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    """One page target: commands by id, events logged."""

    def __init__(self, url):
        self.ws = WebSocket(url)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.log_event(message)

    @staticmethod
    def log_event(message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            print(f"browser.py: console.{params.get('type')}: {text}", file=sys.stderr)
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            print(f"browser.py: page exception: {text}", file=sys.stderr)

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True, userGesture=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server")
    parser.add_argument("--url", required=True)
    parser.add_argument("--audio")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--window", default="480,960")
    parser.add_argument("--state", default="document.body.innerText")
    parser.add_argument("steps")
    options = parser.parse_args()
    if options.steps.startswith("@"):
        with open(options.steps[1:]) as f:
            steps = json.load(f)
    else:
        steps = json.loads(options.steps)
    port = free_port()
    url = options.url.replace("{port}", str(port))
    profile = tempfile.mkdtemp(prefix="gemini-live-chromium-")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    page = None
    try:
        if options.server:
            server = start(["/bin/sh", "-c", options.server.replace("{port}", str(port))])

            def answers():
                if server.poll() is not None:
                    raise RuntimeError(f"the server exited with status {server.returncode}")
                try:
                    with urllib.request.urlopen(url, timeout=5):
                        return True
                except OSError:
                    return False

            wait_until(answers, options.timeout, url)
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
        flags = [
            "--headless=new", f"--user-data-dir={profile}", "--remote-debugging-port=0", "--no-first-run",
            "--no-default-browser-check", "--disable-gpu", "--mute-audio", f"--window-size={options.window}",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
        ]
        if options.audio:
            flags.append(f"--use-file-for-fake-audio-capture={options.audio}%noloop")
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        browser = start([chromium] + flags + ["about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        active = os.path.join(profile, "DevToolsActivePort")

        def devtools_port():
            if browser.poll() is not None:
                raise RuntimeError(f"chromium exited with status {browser.returncode}")
            try:
                with open(active) as f:
                    return int(f.readline().strip())
            except (OSError, ValueError):
                return None

        devtools = wait_until(devtools_port, options.timeout, "chromium's DevToolsActivePort")
        with urllib.request.urlopen(f"http://127.0.0.1:{devtools}/json/list", timeout=30) as response:
            targets = [t for t in json.load(response) if t.get("type") == "page"]
        page = Page(targets[0]["webSocketDebuggerUrl"])
        page.call("Runtime.enable")
        page.call("Page.enable")
        page.call("Page.navigate", url=url)
        wait_until(lambda: page.evaluate("location.href") == url and page.evaluate("document.readyState")
                   == "complete", options.timeout, f"{url} to load")
        for step in steps:
            if "eval" in step:
                value = page.evaluate(step["eval"])
            elif "wait" in step:
                value = wait_until(lambda: page.evaluate(step["wait"]), step.get("timeout", options.timeout),
                                   step.get("what", step["wait"]))
            elif "screenshot" in step:
                data = page.call("Page.captureScreenshot", format="png")["data"]
                with open(step["screenshot"], "wb") as f:
                    f.write(base64.b64decode(data))
                value = step["screenshot"]
            else:
                raise RuntimeError(f"unknown step {step}")
            print(json.dumps({"value": value}), flush=True)
        return 0
    except Exception as error:  # noqa: BLE001 (any failure is reported as the step's result)
        state = None
        if page is not None:
            try:
                state = page.evaluate(options.state)
            except Exception as problem:  # noqa: BLE001
                state = f"(could not read the state: {problem})"
        print(json.dumps({"error": str(error), "state": state}), flush=True)
        return 1
    finally:
        stop_children()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
