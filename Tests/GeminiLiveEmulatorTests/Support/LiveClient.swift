import Foundation
import Synchronization
import GeminiLiveProtocol
import GeminiLiveTestSupport
import HTTPTypes
import Logging
import NIOCore
import NIOWebSocket
import NIOSSL
import WSClient

/// One frame the client received.
struct ReceivedFrame: Sendable {
    /// The frame's bytes.
    var bytes: [UInt8]
    /// Whether it was a binary frame.
    var isBinary: Bool

    /// The parsed server message (nil if it does not parse).
    var message: ServerMessage? { try? ServerMessage(line: bytes) }
    /// The parsed JSON.
    var json: JSONValue? { try? JSONParser.parse(bytes) }
    /// The text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Frames received and not yet read, with a timed wait for the next one.
actor FrameQueue {
    private var buffer: [ReceivedFrame] = []
    private var ended = false
    private var waiter: CheckedContinuation<ReceivedFrame?, Never>?
    private var waiterID = 0

    func push(_ frame: ReceivedFrame) {
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: frame)
        } else {
            buffer.append(frame)
        }
    }

    /// Whether the connection ended (rather than a wait timing out).
    var hasEnded: Bool { ended }

    func end() {
        ended = true
        waiter?.resume(returning: nil)
        waiter = nil
    }

    func next(timeout: Double) async -> ReceivedFrame? {
        if !buffer.isEmpty { return buffer.removeFirst() }
        if ended { return nil }
        waiterID += 1
        let id = waiterID
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(Int(max(0, timeout) * 1000)))
            self.expire(id)
        }
        let frame = await withCheckedContinuation { waiter = $0 }
        timer.cancel()
        return frame
    }

    private func expire(_ id: Int) {
        guard id == waiterID, let waiter else { return }
        self.waiter = nil
        waiter.resume(returning: nil)
    }
}

/// The client side of one test connection: send JSON, read frames with timeouts.
final class LiveConnection: Sendable {
    let outbound: WebSocketOutboundWriter
    let queue: FrameQueue

    init(outbound: WebSocketOutboundWriter, queue: FrameQueue) {
        self.outbound = outbound
        self.queue = queue
    }

    /// Sends JSON text as a text frame (or binary with `binary`).
    func send(_ json: String, binary: Bool = false) async throws {
        if binary {
            try await outbound.write(.binary(ByteBuffer(string: json)))
        } else {
            try await outbound.write(.text(json))
        }
    }

    /// Sends a typed client message.
    func send(_ message: ClientMessage) async throws {
        try await send(String(decoding: message.compactBytes, as: UTF8.self))
    }

    /// The next frame, or nil when the connection ended or `timeout` passed.
    func next(timeout: Double = 20) async -> ReceivedFrame? {
        let frame = await queue.next(timeout: timeout)
        if let frame { SchemaCheck.record(frame) }
        return frame
    }

    /// Frames until one satisfies `done` (included), or nil on timeout/end.
    func collect(until done: (ReceivedFrame) -> Bool, timeout: Double = 30) async -> [ReceivedFrame]? {
        var collected: [ReceivedFrame] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let frame = await next(timeout: deadline.timeIntervalSinceNow) else { return nil }
            collected.append(frame)
            if done(frame) { return collected }
        }
        return nil
    }

    /// Frames up to and including the next `turnComplete`.
    func turn(timeout: Double = 30) async -> [ReceivedFrame]? {
        await collect(until: { $0.message?.serverContent?.turnComplete == true }, timeout: timeout)
    }
}

/// Connects test clients to an emulator.
enum LiveClient {
    /// What a connection ended with.
    struct Outcome<Value: Sendable>: Sendable {
        /// What the body returned.
        var value: Value
        /// The server's close code, if it sent a close frame.
        var closeCode: Int?
        /// The server's close reason.
        var closeReason: String?
    }

    /// Connects to `url`, runs `body`, then closes normally (unless the server closed first).
    static func run<Value: Sendable>(
        _ url: String, headers: HTTPFields = [:], trustPEM: String? = nil, pingEvery: Duration? = nil,
        _ body: @escaping @Sendable (LiveConnection) async throws -> Value
    ) async throws -> Outcome<Value> {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 16 << 20
        configuration.additionalHeaders = headers
        if let pingEvery { configuration.autoPing = .enabled(timePeriod: pingEvery) }
        var tls: TLSConfiguration?
        if let trustPEM {
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(trustPEM))
            tls = settings
            configuration.sniHostname = "localhost"
        }
        let result = Mutex<Result<Value, any Error>?>(nil)
        let closeFrame = try await WebSocketClient.connect(
            url: url, configuration: configuration, tlsConfiguration: tls, logger: Logger(label: "test-client")
        ) { inbound, outbound, _ in
            let queue = FrameQueue()
            let connection = LiveConnection(outbound: outbound, queue: queue)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 16 << 20) {
                            switch message {
                            case .text(let text):
                                await queue.push(ReceivedFrame(bytes: Array(text.utf8), isBinary: false))
                            case .binary(let buffer):
                                await queue.push(ReceivedFrame(bytes: Array(buffer.readableBytesView), isBinary: true))
                            }
                        }
                    } catch {}
                    await queue.end()
                }
                do {
                    let value = try await body(connection)
                    result.withLock { $0 = .success(value) }
                } catch {
                    result.withLock { $0 = .failure(error) }
                }
                // WSClient ends a close the server leaves unanswered after its `closeTimeout` (15 s), so the
                // reader always finishes.
                try? await outbound.close(.normalClosure, reason: nil)
                try await group.waitForAll()
            }
        }
        guard let outcome = result.withLock({ $0 }) else { throw HarnessError("the connection was refused") }
        return Outcome(
            value: try outcome.get(), closeCode: closeFrame.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) },
            closeReason: closeFrame?.reason)
    }

    /// The setup message JSON for `model` with extra setup members (JSON text without braces).
    static func setup(model: String = "models/gemini-2.0-flash-live-001", _ extra: String = "") -> String {
        let members = extra.isEmpty ? "" : ", " + extra
        return #"{"setup":{"model":"\#(model)"\#(members)}}"#
    }

    /// A user text turn via clientContent.
    static func textTurn(_ text: String) -> String {
        #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"\#(text)"}]}],"turnComplete":true}}"#
    }
}

/// Records every received server message for the schema check, as received: `scripts/validate-schema.py`
/// allow-lists the fields the published schema lacks (`voiceActivity`, `interactionStatus`, `sessionId`, ...).
enum SchemaCheck {
    static func record(_ frame: ReceivedFrame) {
        guard let json = frame.json else { return }
        var line = json.compactBytes
        line.append(UInt8(ascii: "\n"))
        SchemaLog.record(Data(line), kind: "server")
    }
}
