import GeminiLiveProtocol

/// The frames of one attempt split into user turns, each with what its reply held and its timing: the
/// values of a scenario's queries and the figures of `--stats`, from wire timestamps only.
///
/// Turns are found in the frames themselves, so a recording made by `gemini-live-session --record` needs no
/// scenario: a turn starts with the first input frame (voiced audio, text, `activityStart`, a picture) after
/// the previous turn's input was closed by an end marker or answered; until then more voiced audio extends
/// it. Model output belongs to the reply in progress: after a barge-in, to the previous reply until that
/// one ends (`turnComplete`, or `interrupted` and the content-free frames that may follow it).
public struct RecordedAttempt: Sendable, Equatable {
    /// The turns, in order.
    public var turns: [RecordedTurn]
    /// The code of the last close frame, if the connection was closed.
    public var closeCode: Int?

    /// Splits `frames` into turns. Audio input is s16le PCM; a frame is voiced when a sample is louder than
    /// `speechThreshold` dBFS.
    public init(frames: [RecordedFrame], speechThreshold: Double = PCMLoudness.speechThreshold) {
        var splitter = TurnSplitter(speechThreshold: speechThreshold)
        var closeCode: Int?
        // The recorder stamps a frame before it takes the file's lock, so lines may be a hair out of order.
        let ordered = frames.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        for (_, frame) in ordered {
            if frame.kind == "close" {
                closeCode = frame.closeCode ?? closeCode
                splitter.close(code: frame.closeCode)
            }
            guard let message = frame.message else { continue }
            switch frame.direction {
            case .client:
                guard let decoded = try? ClientMessage(json: message) else { continue }
                splitter.client(decoded, at: frame.time)
            case .server:
                guard let decoded = try? ServerMessage(json: message) else { continue }
                splitter.server(decoded, at: frame.time)
            }
        }
        turns = splitter.turns.map(\.turn)
        self.closeCode = closeCode
    }

    /// The turns of a recording.
    public init(_ recording: FrameRecording, speechThreshold: Double = PCMLoudness.speechThreshold) {
        self.init(frames: recording.frames, speechThreshold: speechThreshold)
    }
}
