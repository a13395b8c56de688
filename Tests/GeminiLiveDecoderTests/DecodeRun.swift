import Foundation
import GeminiLiveDecoder
import GeminiLiveSystem
import GeminiLiveTestSupport
import Synchronization

/// One in-process decode of `input` with every text report on and all audio in one WAV file: what each output
/// held afterwards, and what was reported.
struct DecodeRun: Sendable {
    var events: String
    var transcript: String
    var json: [String]
    var text: String
    /// The WAV file's samples.
    var samples: [Int16]
    var problems: [String]
    var statistics: ReplyDecoder.Statistics

    init(_ input: [UInt8], strict: Bool = false, audioOnly: Bool = false) throws {
        let tmp = try TemporaryDirectory("decode")
        let inputPath = tmp.file("in.log")
        _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input))
        var options = DecodeOptions()
        options.audioFiles = [tmp.file("out.wav")]
        if !audioOnly {
            options.events = .file(tmp.file("events.txt"))
            options.transcript = .file(tmp.file("transcript.txt"))
            options.turnRecords = .file(tmp.file("turns.ndjson"))
            options.text = .file(tmp.file("text.txt"))
        }
        options.strict = strict
        let collected = Collected()
        let decoder = try ReplyDecoder(options: options) { collected.append($0) }
        let fd = open(inputPath, O_RDONLY)
        defer { close(fd) }
        var failure: ToolError?
        do {
            try decoder.decode(fileDescriptor: fd, sourceName: "in.log")
        } catch {
            failure = error
        }
        try decoder.finish()
        if let failure { collected.append("thrown: " + failure.description) }
        func read(_ name: String) -> String {
            (try? String(contentsOfFile: tmp.file(name), encoding: .utf8)) ?? ""
        }
        events = read("events.txt")
        transcript = read("transcript.txt")
        json = read("turns.ndjson").split(separator: "\n").map(String.init)
        text = read("text.txt")
        samples = Self.wavSamples(try Data(contentsOf: URL(fileURLWithPath: tmp.file("out.wav"))))
        problems = collected.lines
        statistics = decoder.statistics
    }

    init(_ text: String, strict: Bool = false, audioOnly: Bool = false) throws {
        try self.init(Array(text.utf8), strict: strict, audioOnly: audioOnly)
    }

    /// The 16-bit samples of a WAV file's `data` chunk.
    static func wavSamples(_ data: Data) -> [Int16] {
        let bytes = [UInt8](data)
        var offset = 12
        while offset + 8 <= bytes.count {
            let size =
                Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                let body = bytes[(offset + 8)..<min(bytes.count, offset + 8 + size)]
                return stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map {
                    Int16(bitPattern: UInt16(body[$0]) | UInt16(body[$0 + 1]) << 8)
                }
            }
            offset += 8 + size + (size & 1)
        }
        return []
    }
}

/// Diagnostics gathered from the decoder's report callback.
final class Collected: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func append(_ line: String) { storage.withLock { $0.append(line) } }
}

/// Server messages in the layouts other tools write them.
enum Layout: String, CaseIterable, Sendable {
    /// One line each, no spaces: what gemini-live-session writes.
    case compact
    /// Python's `json.dumps` default separators `", "` and `": "`.
    case python
    /// Pretty-printed with two-space indents: what the service sends.
    case pretty

    func write(_ value: Any) -> String {
        switch self {
        case .compact:
            return String(
                decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
                + "\n"
        case .python:
            let compact = Layout.compact.write(value)
            return Layout.spaced(compact)
        case .pretty:
            let data = try! JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    /// `", "` and `": "` between tokens, outside strings.
    private static func spaced(_ compact: String) -> String {
        var result = ""
        var inString = false
        var escaped = false
        for character in compact {
            result.append(character)
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
            } else if character == "\"" {
                inString = true
            } else if character == "," || character == ":" {
                result.append(" ")
            }
        }
        return result
    }
}

/// Messages of a short spoken reply with text, transcription and a tool call.
enum Messages {
    static func audio(_ samples: [Int16]) -> [String: Any] {
        var bytes: [UInt8] = []
        for sample in samples {
            bytes.append(UInt8(truncatingIfNeeded: sample))
            bytes.append(UInt8(truncatingIfNeeded: sample >> 8))
        }
        return [
            "serverContent": [
                "modelTurn": [
                    "parts": [
                        ["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": Data(bytes).base64EncodedString()]]
                    ]
                ]
            ]
        ]
    }

    static func ramp(_ count: Int, from start: Int) -> [Int16] { (0..<count).map { Int16((start + $0) % 30_000) } }

    /// A turn: input transcript, four audio chunks, output transcript, a tool call, turnComplete.
    static var turn: [[String: Any]] {
        [
            ["serverContent": ["inputTranscription": ["text": "what is the weather"]]],
            audio(ramp(480, from: 0)),
            audio(ramp(480, from: 480)),
            ["serverContent": ["outputTranscription": ["text": "It is sunny."]]],
            ["toolCall": ["functionCalls": [["id": "c1", "name": "get_weather", "args": ["city": "Paris"]]]]],
            audio(ramp(480, from: 960)),
            audio(ramp(480, from: 1440)),
            ["serverContent": ["generationComplete": true]],
            ["serverContent": ["turnComplete": true], "usageMetadata": ["totalTokenCount": 42]],
        ]
    }
}
