import Foundation
import GeminiLiveTestSupport

/// Builds server-message logs for decode tests, with Foundation's JSON writer as an independent oracle.
struct ServerStream {
    private(set) var lines: [String] = []

    /// Adds a message as one compact line, or pretty-printed over several lines.
    mutating func add(_ message: [String: Any], pretty: Bool = false) {
        let options: JSONSerialization.WritingOptions = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        let data = try! JSONSerialization.data(withJSONObject: message, options: options)
        lines.append(String(decoding: data, as: UTF8.self))
    }

    /// Adds a line verbatim (for corrupt input).
    mutating func addRaw(_ line: String) { lines.append(line) }

    /// A model audio chunk of s16le `samples` at `rate`.
    mutating func audio(_ samples: [Int16], rate: Int? = 24_000, snakeCase: Bool = false, pretty: Bool = false) {
        let bytes = samples.withUnsafeBytes { Data($0) }
        let mime = rate.map { "audio/pcm;rate=\($0)" } ?? "audio/pcm"
        if snakeCase {
            add(
                [
                    "server_content": [
                        "model_turn": [
                            "parts": [["inline_data": ["mime_type": mime, "data": bytes.base64EncodedString()]]]
                        ]
                    ]
                ], pretty: pretty)
        } else {
            add(
                [
                    "serverContent": [
                        "modelTurn": [
                            "parts": [["inlineData": ["mimeType": mime, "data": bytes.base64EncodedString()]]]
                        ]
                    ]
                ], pretty: pretty)
        }
    }

    mutating func text(_ text: String, thought: Bool = false) {
        var part: [String: Any] = ["text": text]
        if thought { part["thought"] = true }
        add(["serverContent": ["modelTurn": ["parts": [part]]]])
    }

    mutating func outputTranscript(_ text: String) { add(["serverContent": ["outputTranscription": ["text": text]]]) }
    mutating func inputTranscript(_ text: String) { add(["serverContent": ["inputTranscription": ["text": text]]]) }
    mutating func interrupted() { add(["serverContent": ["interrupted": true]]) }
    mutating func generationComplete() { add(["serverContent": ["generationComplete": true]]) }

    mutating func turnComplete(prompt: Int = 10, response: Int = 20) {
        add([
            "serverContent": ["turnComplete": true],
            "usageMetadata": [
                "promptTokenCount": prompt, "responseTokenCount": response, "totalTokenCount": prompt + response,
            ],
        ])
    }

    var data: Data { Data((lines.joined(separator: "\n") + "\n").utf8) }
}

/// Deterministic test audio: a sweep of values that makes any reordering or loss visible.
func rampSamples(_ count: Int, seed: Int = 0) -> [Int16] {
    (0..<count).map { Int16(truncatingIfNeeded: ($0 &* 7919 &+ seed &* 104_729) % 60_000 - 30_000) }
}

/// The samples in a WAV file, read back through sox as raw s16le.
func wavSamples(_ path: String) throws -> [Int16] {
    let result = try ToolRunner.run("sox", [path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-"])
    guard result.status == 0 else { throw MediaFactory.Failure(description: "sox \(path): \(result.stderrText)") }
    return result.stdout.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
}
