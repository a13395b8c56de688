import GeminiLiveProtocol
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// Carries out one replayed connection's `ReplayAction`s: claims a recording on the client's setup, then feeds
/// every client frame to its cursor and writes what the cursor releases.
///
/// Action lists run one at a time in the order the cursor produced them (a FIFO gate), each write awaited, so
/// a timer's frames never overtake a reply's.
actor ReplayConnection {
    private let outbound: WebSocketOutboundWriter
    private let channel: any Channel
    private let number: Int
    private let services: EmulatorServices
    private let library: ReplayLibrary
    private var cursor: ReplayCursor<ContinuousClock>?
    private var timer: Task<Void, Never>?
    private var busy = false
    private var gate: [CheckedContinuation<Void, Never>] = []
    /// Whether the connection was closed or dropped.
    private(set) var finished = false

    init(
        outbound: WebSocketOutboundWriter, channel: any Channel, number: Int, services: EmulatorServices,
        library: ReplayLibrary
    ) {
        self.outbound = outbound
        self.channel = channel
        self.number = number
        self.services = services
        self.library = library
    }

    /// Closes at once (refused credentials) before any frame is read.
    func refuse(_ reason: CloseReason) async {
        await perform([.close(reason)])
    }

    /// Handles one client frame.
    func receive(_ message: WebSocketMessage) async {
        guard !finished else { return }
        let frame = ClientFrame(message)
        let json = try? JSONParser.parse(frame.bytes)
        if let log = services.log { frame.record(in: log, connection: number, json: json) }
        if cursor == nil {
            // The first frame picks the recording: the one whose setup it repeats.
            switch library.claim(ReplayNormalisation.normalised(json ?? .null)) {
            case .success(let script):
                cursor = ReplayCursor(script: script, clock: ContinuousClock(), speed: library.speed)
                await perform(cursor?.start() ?? [])
            case .failure(let divergence):
                await perform([.report(divergence), .close(divergence.closeReason)])
                return
            }
        }
        // Parsed once: audio frames are large, and the cursor needs only the tree.
        if let json {
            await perform(cursor?.receive(message: json) ?? [])
        } else {
            await perform(cursor?.receive(frame.bytes) ?? [])
        }
    }

    /// The client went away (close frame or end of stream).
    func clientGone() {
        finish()
    }

    private func fire() async {
        await perform(cursor?.timerFired() ?? [])
    }

    private func perform(_ actions: [ReplayAction]) async {
        guard !actions.isEmpty else { return }
        await enterGate()
        defer { leaveGate() }
        for action in actions {
            guard !finished else { return }
            switch action {
            case .send(let message, let binary):
                services.log?.record(
                    connection: number, direction: "server", frame: binary ? "binary" : "text", message: message)
                let pretty = PrettyJSON.frame(message)
                do {
                    if binary {
                        var buffer = ByteBuffer()
                        buffer.writeBytes(pretty)
                        try await outbound.write(.binary(buffer))
                    } else {
                        try await outbound.write(.text(String(decoding: pretty, as: UTF8.self)))
                    }
                } catch {
                    finish()
                }
            case .schedule(let delay):
                timer = Task {
                    guard (try? await Task.sleep(for: delay)) != nil else { return }
                    await self.fire()
                }
            case .report(let divergence):
                services.configuration.replayDivergenceHandler?(divergence)
            case .close(let reason):
                services.log?.record(
                    connection: number, direction: "server", frame: "close", code: reason.code, reason: reason.reason)
                finished = true
                try? await outbound.close(WebSocketErrorCode(codeNumber: Int(reason.code)), reason: reason.reason)
                finish()
            case .drop:
                services.log?.record(connection: number, direction: "server", frame: "drop")
                finish()
                channel.close(mode: .all, promise: nil)
            }
        }
    }

    private func finish() {
        finished = true
        timer?.cancel()
        timer = nil
    }

    private func enterGate() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { gate.append($0) }
    }

    private func leaveGate() {
        if gate.isEmpty {
            busy = false
        } else {
            gate.removeFirst().resume()
        }
    }
}
