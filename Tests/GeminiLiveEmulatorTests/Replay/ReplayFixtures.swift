@testable import GeminiLiveEmulator
import GeminiLiveProtocol
import GeminiLiveTestSupport

/// Hand-made recordings and client messages for the replay tests.
enum ReplayFixtures {
    static let setup: JSONValue = ["setup": ["model": "models/gemini-3.8-live"]]
    static let setupComplete: JSONValue = ["setupComplete": [:]]
    static let turnComplete: JSONValue = ["serverContent": ["turnComplete": true]]

    static func reply(_ text: String) -> JSONValue {
        ["serverContent": ["modelTurn": ["parts": [["text": .string(text)]]]]]
    }

    /// A `realtimeInput.audio` message of `bytes` bytes of 16-bit PCM at `rate`.
    static func audio(bytes: Int, rate: Int = 16_000) -> JSONValue {
        let data = Base64.encodedString([UInt8](repeating: 0, count: bytes))
        return ["realtimeInput": ["audio": ["mimeType": .string("audio/pcm;rate=\(rate)"), "data": .string(data)]]]
    }

    static func text(_ text: String) -> JSONValue {
        ["clientContent": ["turns": [["role": "user", "parts": [["text": .string(text)]]]], "turnComplete": true]]
    }

    static func client(_ millis: Int, _ message: JSONValue, connection: Int = 1) -> RecordedFrame {
        RecordedFrame(time: millis * 1000, connection: connection, direction: .client, kind: "text", message: message)
    }

    static func server(_ millis: Int, _ message: JSONValue, connection: Int = 1) -> RecordedFrame {
        RecordedFrame(
            time: millis * 1000, connection: connection, direction: .server, kind: "binary", message: message)
    }

    static func cursor(
        _ frames: [RecordedFrame], clock: ManualClock = ManualClock(), speed: Double = 0
    ) -> ReplayCursor<ManualClock> {
        let script = ReplayScript(recording: FrameRecording(frames: frames), connection: 1, source: "test")
        return ReplayCursor(script: script, clock: clock, speed: speed)
    }

    /// The messages sent by `actions`.
    static func sent(_ actions: [ReplayAction]) -> [JSONValue] {
        actions.compactMap { if case .send(let message, _) = $0 { message } else { nil } }
    }

    /// The close reason in `actions`, if any.
    static func closed(_ actions: [ReplayAction]) -> CloseReason? {
        for case .close(let reason) in actions { return reason }
        return nil
    }
}
