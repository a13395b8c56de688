import Foundation
import GeminiLiveTestSupport
import Testing

/// A WebSocket upgrade answered with an HTTP status instead of 101: reported with the status, mapped to an exit code.
@Suite("session: refused upgrades", .serialized)
struct SessionUpgradeTests {
    /// A one-file HTTP server that answers every request with `argv[1]` as its status line and logs each
    /// request's first line and whether it carried the API key header; prints its port first, and exits
    /// after 20 s without a request (so it never outlives the test, whatever happens to the script).
    static let refusingServer = #"""
        import socket, sys
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(20)
        print(server.getsockname()[1], flush=True)
        while True:
            try:
                client, _ = server.accept()
            except socket.timeout:
                sys.exit(0)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = client.recv(4096)
                if not chunk:
                    break
                data += chunk
            head = data.decode("latin-1").split("\r\n")
            keyed = any(line.lower().startswith("x-goog-api-key:") for line in head)
            with open(sys.argv[2], "a") as log:
                log.write(head[0] + (" keyed" if keyed else "") + "\n")
            client.sendall(("HTTP/1.1 " + sys.argv[1] + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").encode())
            client.close()
        """#

    /// Runs the session against the refusing server; returns the session's result and the request log lines.
    static func refused(status: String) throws -> (ProcessResult, [String]) {
        let directory = try TemporaryDirectory("session-upgrade")
        let server = directory.file("server.py")
        try refusingServer.write(toFile: server, atomically: true, encoding: .utf8)
        let log = directory.file("requests.log")
        let portFile = directory.file("port")
        let result = try ToolRunner.shell(
            """
            python3 \(server) '\(status)' \(log) > \(portFile) 2> /dev/null < /dev/null &
            server=$!
            listening() { [ -s \(portFile) ] || ! kill -0 $server 2> /dev/null; }
            wait_until listening
            GEMINI_API_KEY=sekrit-key gemini-live-session --endpoint "ws://127.0.0.1:$(head -1 \(portFile))" --retries 1
            status=$?
            kill -9 $server 2> /dev/null
            exit $status
            """, timeout: 60)
        let requests = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init)
        return (result, requests ?? [])
    }

    @Test(
        "401/403 exit 77 and 404 exits 78, each after one attempt; the status is named, the key is not",
        arguments: [("401 Unauthorized", Int32(77)), ("403 Forbidden", 77), ("404 Not Found", 78)])
    func clientErrors(status: String, exit: Int32) throws {
        let (result, requests) = try Self.refused(status: status)
        #expect(result.status == exit, "\(result.stderrText)")
        #expect(
            result.stderrText.contains(
                "connection 1: the WebSocket upgrade at ws://127.0.0.1:"), "\(result.stderrText)")
        #expect(result.stderrText.contains("was refused: HTTP \(status)"), "\(result.stderrText)")
        #expect(!result.stderrText.contains("sekrit-key"))
        #expect(!result.stderrText.contains("reconnecting"), "a 4xx is not retried")
        #expect(requests.count == 1)
        #expect(requests.first?.hasPrefix("GET /ws/google.ai.generativelanguage.v1.") == true, "\(requests)")
        #expect(requests.first?.hasSuffix(" keyed") == true, "the key goes in the x-goog-api-key header")
    }

    @Test("503 is retried like a 1011, then 69")
    func serverError() throws {
        let (result, requests) = try Self.refused(status: "503 Service Unavailable")
        #expect(result.status == 69, "\(result.stderrText)")
        #expect(result.stderrText.contains("was refused: HTTP 503 Service Unavailable"), "\(result.stderrText)")
        #expect(result.stderrText.contains("giving up after 2 attempts"), "\(result.stderrText)")
        #expect(requests.count == 2)
    }

    @Test("the emulator answers a path it does not serve with 404: exit 78")
    func emulatorWrongPath() throws {
        let emulator = try SessionEmulator()
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--endpoint", emulator.url + "/no/such/path"], stdin: Data(),
            timeout: 30)
        #expect(result.status == 78, "\(result.stderrText)")
        #expect(result.stderrText.contains("/no/such/path was refused: HTTP 404 Not Found"), "\(result.stderrText)")
    }
}
