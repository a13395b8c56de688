import HTTPTypes
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization
import WSClient

/// Opens and runs the session's WebSocket connections with WSClient; the only code that touches sockets.
///
/// Each connection has one reader loop that runs for its whole life (WSClient answers pings only while
/// `inbound` is iterated) and hands every message to the event queue, waiting when the queue is full.
/// Frames are written from the driver's task, each write awaited. Every connection lives on one event
/// loop, and the reader tasks run on it (`executor`), as should the driver: see `EventLoopTaskExecutor`.
final class SocketTransport: Sendable {
    /// Largest server message accepted (audio replies are far above WSClient's 16 KiB default).
    static let maxMessageSize = 64 << 20

    let endpoint: SessionEndpoint
    let tlsConfiguration: TLSConfiguration?
    let pingInterval: Duration?
    /// Runs the reader tasks (and the driver) on the loop that owns the sockets.
    let executor = EventLoopTaskExecutor(loop: MultiThreadedEventLoopGroup.singleton.next())
    private let writers = Mutex<[Int: WebSocketOutboundWriter]>([:])
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])

    init(endpoint: SessionEndpoint, caFile: String?, pingInterval: Duration?) throws(SessionSetupError) {
        self.endpoint = endpoint
        self.pingInterval = pingInterval
        if endpoint.usesTLS {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile {
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw SessionSetupError(.noInput, "--ca-file '\(caFile)': cannot read a PEM certificate: \(error)")
                }
            }
            tlsConfiguration = tls
        } else {
            tlsConfiguration = nil
        }
    }

    private var configuration: WebSocketClientConfiguration {
        var headers = HTTPFields()
        for header in endpoint.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        var configuration = WebSocketClientConfiguration(
            maxFrameSize: Self.maxMessageSize, additionalHeaders: headers, closeTimeout: .seconds(3),
            autoPing: pingInterval.map { .enabled(timePeriod: $0) } ?? .disabled)
        if endpoint.usesTLS, endpoint.host.first?.isNumber ?? false || endpoint.host.contains(":") {
            // WSClient cannot put an IP address in SNI; a loopback server's certificate names localhost.
            configuration.sniHostname = endpoint.isLoopback ? "localhost" : nil
        }
        return configuration
    }

    /// Opens connection `id`, sends `setup` first, then reports `.connected`, every message, and how it ended.
    func open(_ id: Int, setup: [UInt8], events: EventQueue) {
        let task = Task(executorPreference: executor) {
            let event = await self.run(id, setup: setup, events: events)
            self.writers.withLock { _ = $0.removeValue(forKey: id) }
            self.tasks.withLock { _ = $0.removeValue(forKey: id) }
            events.pushNow(event)
        }
        tasks.withLock { $0[id] = task }
    }

    private func run(_ id: Int, setup: [UInt8], events: EventQueue) async -> SessionEvent {
        let logger = Logger(label: "gemini-live-session") { _ in SwiftLogNoOpLogHandler() }
        do {
            let closeFrame = try await WebSocketClient.connect(
                url: endpoint.url, configuration: configuration, tlsConfiguration: tlsConfiguration,
                eventLoopGroup: executor.loop, logger: logger
            ) { inbound, outbound, _ in
                try await outbound.write(.custom(Self.textFrame(setup)))
                self.writers.withLock { $0[id] = outbound }
                await events.push(.connected(connection: id))
                for try await message in inbound.messages(maxSize: Self.maxMessageSize) {
                    let frame: ServerFrame?
                    switch message {
                    case .binary(let buffer): frame = ServerFrame(payload: buffer.readableBytesView)
                    case .text(let text): frame = ServerFrame(payload: text.utf8)
                    }
                    if let frame {
                        await events.push(.serverMessage(connection: id, frame))
                    } else {
                        await events.push(.serverMessage(connection: id, ServerFrame(line: [], message: nil)))
                    }
                }
            }
            guard let closeFrame else {
                return .socketDropped(connection: id, reason: "the connection ended without a close frame")
            }
            let code = Int(UInt16(webSocketErrorCode: closeFrame.closeCode))
            return .socketClosed(connection: id, code: code, reason: closeFrame.reason ?? "")
        } catch {
            let reason = Self.describe(error, endpoint: endpoint)
            if reason.contains("CERTIFICATE_VERIFY_FAILED") {
                return .connectRefused(
                    connection: id, reason: reason + " (use --ca-file for a private root)", kind: .unavailable)
            }
            return .socketDropped(connection: id, reason: reason)
        }
    }

    /// Sends one frame on connection `id`; false when it is gone (its end is reported separately).
    @discardableResult
    func send(_ id: Int, _ frame: [UInt8]) async -> Bool {
        guard let writer = writers.withLock({ $0[id] }) else { return false }
        do {
            try await writer.write(.custom(Self.textFrame(frame)))
            return true
        } catch {
            return false
        }
    }

    /// Starts the close handshake on connection `id`.
    func close(_ id: Int, code: Int, reason: String) async {
        guard let writer = writers.withLock({ $0[id] }) else {
            abort(id)
            return
        }
        do {
            try await writer.close(WebSocketErrorCode(codeNumber: code), reason: reason.isEmpty ? nil : reason)
        } catch {
            abort(id)
        }
    }

    /// Tears connection `id` down.
    func abort(_ id: Int) {
        tasks.withLock { $0[id] }?.cancel()
    }

    static func textFrame(_ bytes: [UInt8]) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))
    }

    static func describe(_ error: any Error, endpoint: SessionEndpoint) -> String {
        if let client = error as? WebSocketClientError, client == .webSocketUpgradeFailed {
            return "the WebSocket upgrade at \(endpoint.url) failed (wrong path, or the key was refused)"
        }
        if let ssl = error as? NIOSSLError { return "TLS: \(ssl)" }
        return "\(error)"
    }
}
