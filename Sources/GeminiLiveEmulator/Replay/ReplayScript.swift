import GeminiLiveProtocol

/// One recorded connection prepared for replay: what the client sent, stream by stream, and each server frame
/// with the client progress it waited for and how long after the client frame that completed it.
struct ReplayScript: Sendable {
    /// A recorded server frame and when it may go out.
    struct ServerEvent: Sendable, Equatable {
        /// What to do: send a message, close, or drop.
        enum Output: Sendable, Equatable {
            /// A message frame (`binary` as the service sends them, or `text`).
            case message(JSONValue, binary: Bool)
            /// A close frame.
            case close(CloseReason)
            /// The TCP connection dropped without a close.
            case drop
        }

        var output: Output
        /// The client progress reached just before it in the recording.
        var gate: ReplayProgress
        /// Microseconds between the last client frame before it (the connection's first frame if none) and it.
        var delayMicros: Int
    }

    /// Where the recording came from, for messages (`c.ndjson connection 2`).
    var source: String
    /// The recorded connection number.
    var connection: Int
    /// The recorded client input, one list of items per modality.
    var inputs: [[ReplayInputItem]]
    /// The server frames in recorded order.
    var events: [ServerEvent]
    /// The audio match tolerance: the longest recorded chunk, at least 50 ms.
    var audioToleranceMicros: Int
    /// The normalised setup message (`{"setup": …}`), if the connection recorded one.
    var setup: JSONValue?

    /// The least audio tolerance, however short the chunks.
    static let minimumAudioTolerance = 50_000

    /// Prepares the frames of `connection` in `recording`; frames of other connections are ignored.
    init(recording: FrameRecording, connection: Int, source: String) {
        self.source = source
        self.connection = connection
        inputs = Array(repeating: [], count: ReplayModality.allCases.count)
        events = []
        var tolerance = Self.minimumAudioTolerance
        var progress = ReplayProgress()
        let frames = recording.frames.filter { $0.connection == connection }
        var lastClientTime = frames.first?.time ?? 0
        replay: for frame in frames {
            switch frame.direction {
            case .client:
                // The client ended the connection: what the server wrote after that (the echo of its close)
                // answered the close, which the live client will send in its own time.
                if frame.kind == "close" || frame.kind == "drop" { break replay }
                guard let message = frame.message, frame.kind == "text" || frame.kind == "binary" else { continue }
                let normalised = ReplayNormalisation.normalised(message)
                if setup == nil, let member = normalised["setup"] { setup = .object(["setup": member]) }
                for item in ReplayInputItem.items(of: normalised) {
                    inputs[item.modality.rawValue].append(item)
                    progress.advance(by: item)
                    tolerance = max(tolerance, item.audioMicros)
                }
                lastClientTime = frame.time
            case .server:
                let output: ServerEvent.Output
                switch frame.kind {
                case "text", "binary":
                    guard let message = frame.message else { continue }
                    output = .message(message, binary: frame.kind == "binary")
                case "close":
                    output = .close(
                        CloseReason(code: UInt16(clamping: frame.closeCode ?? 1000), reason: frame.reason ?? ""))
                case "drop":
                    output = .drop
                default:
                    continue  // pongs are the WebSocket layer's business
                }
                events.append(
                    ServerEvent(output: output, gate: progress, delayMicros: max(0, frame.time - lastClientTime)))
            }
        }
        audioToleranceMicros = tolerance
    }

    /// The connection numbers in `recording`, in order of first appearance.
    static func connections(in recording: FrameRecording) -> [Int] {
        var seen: [Int] = []
        for frame in recording.frames where !seen.contains(frame.connection) { seen.append(frame.connection) }
        return seen
    }

    /// The recorded items of `modality`.
    func recorded(_ modality: ReplayModality) -> [ReplayInputItem] {
        inputs[modality.rawValue]
    }

    /// All recorded audio, in microseconds.
    var totalAudioMicros: Int {
        recorded(.audio).reduce(0) { $0 + $1.audioMicros }
    }
}
