import Foundation
import GeminiLiveTestSupport
import Testing

/// A TCP connect that never completes: the session gives up after `--connect-timeout`, whatever its length;
/// and the range every option in seconds must fall in.
@Suite("session: connect timeout")
struct SessionConnectTimeoutTests {
    /// A listener whose accept queue is full (backlog 0 and connections it never accepts), so the kernel
    /// drops further SYNs and a new connect hangs. Prints its port once the queue is full, then lives 40 s
    /// at most.
    static let hangingListener = #"""
        import select, socket, sys, time
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        fillers = []
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            try:
                filler.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            fillers.append(filler)
        # The queue is full once a filler's handshake is done (it turns writable); the rest stay half-open.
        select.select([], fillers, [])
        print(port, flush=True)
        time.sleep(40)
        """#

    /// Above NIO's own 10 s default connect timeout, which used to end the attempt first with a bare socket
    /// error and exit 69 instead of the documented 75.
    @Test("a connect that hangs past 10 s ends with 75 after the --connect-timeout given, named on stderr")
    func longerThanTheTransportDefault() throws {
        let directory = try TemporaryDirectory("session-connect-timeout")
        let listener = directory.file("listener.py")
        try Self.hangingListener.write(toFile: listener, atomically: true, encoding: .utf8)
        let portFile = directory.file("port")
        let start = Date()
        let result = try ToolRunner.shell(
            """
            python3 \(listener) > \(portFile) 2> /dev/null < /dev/null &
            listener=$!
            listening() { [ -s \(portFile) ] || ! kill -0 $listener 2> /dev/null; }
            wait_until listening
            echo '{"realtimeInput":{"text":"hi"}}' | GEMINI_API_KEY=k gemini-live-session \
                --endpoint "ws://127.0.0.1:$(head -1 \(portFile))" --connect-timeout 11 --retries 0
            status=$?
            kill -9 $listener 2> /dev/null
            exit $status
            """, timeout: 60)
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 75, "\(result.stderrText)")
        #expect(
            result.stderrText.contains("connection 1: could not connect within 11 s (--connect-timeout)"),
            "\(result.stderrText)")
        #expect(elapsed >= 11, "gave up after \(elapsed) s")
    }

    @Test(
        "seconds options out of range are usage errors (64) naming the option, not a crash",
        arguments: [
            ["--connect-timeout", "1e300"], ["--connect-timeout", "0"], ["--idle-timeout", "inf"],
            ["--ping-interval", "1e20"],
        ])
    func outOfRange(arguments: [String]) throws {
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), arguments + ["--endpoint", "ws://127.0.0.1:9"], stdin: Data(),
            timeout: 30)
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains("\(arguments[0]) must be"), "\(result.stderrText)")
        #expect(result.stderrText.contains("86400 seconds"), "\(result.stderrText)")
    }
}
