import Foundation
import GeminiLiveDecoder
import GeminiLiveTestSupport
import Testing

/// `--relay`: the seed tutorial relay's reply lines, `{"text":...}` and `{"audio":...}`, one per piece.
@Suite("decoder: relay lines")
struct RelayReportTests {
    /// One relay line: its words or its audio samples.
    enum Piece: Equatable {
        case text(String)
        case audio([Int16])
    }

    /// Decodes `input` with `--relay` to a file (and all audio to a WAV file, to compare); the relay's lines.
    static func relay(_ input: String, resample: Int? = nil, thoughts: Bool = false) throws -> (
        lines: [String], pieces: [Piece], wav: [Int16]
    ) {
        let tmp = try TemporaryDirectory("relay")
        let inputPath = tmp.file("in.log")
        _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
        var options = DecodeOptions()
        options.relay = .file(tmp.file("relay.ndjson"))
        options.audioFiles = [tmp.file("out.wav")]
        options.resampleRate = resample
        options.includeThoughts = thoughts
        let decoder = try ReplyDecoder(options: options) { Issue.record("problem: \($0)") }
        let fd = open(inputPath, O_RDONLY)
        defer { close(fd) }
        try decoder.decode(fileDescriptor: fd, sourceName: "in.log")
        try decoder.finish()
        let text = try String(contentsOfFile: tmp.file("relay.ndjson"), encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let pieces = try lines.map { line -> Piece in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object.count == 1, "\(line)")
            if let words = object["text"] { return .text(words) }
            let base64 = try #require(object["audio"], "\(line)")
            let data = try #require(Data(base64Encoded: base64), "\(line)")
            return .audio(DecodeRun.wavSamples(Self.wav(data)))
        }
        let wav = DecodeRun.wavSamples(try Data(contentsOf: URL(fileURLWithPath: tmp.file("out.wav"))))
        return (lines, pieces, wav)
    }

    /// PCM bytes in a minimal WAV container, so `DecodeRun.wavSamples` reads them.
    static func wav(_ pcm: Data) -> Data {
        var data = Data("RIFF\0\0\0\0WAVE".utf8)
        data.append(contentsOf: Array("data".utf8))
        withUnsafeBytes(of: UInt32(pcm.count).littleEndian) { data.append(contentsOf: $0) }
        return data + pcm
    }

    @Test(
        "a spoken turn: each audio chunk and each transcription piece is a line, in arrival order",
        arguments: Layout.allCases)
    func spokenTurn(layout: Layout) throws {
        let input = Messages.turn.map(layout.write).joined()
        let run = try Self.relay(input)
        #expect(
            run.pieces == [
                .audio(Messages.ramp(480, from: 0)), .audio(Messages.ramp(480, from: 480)), .text("It is sunny."),
                .audio(Messages.ramp(480, from: 960)), .audio(Messages.ramp(480, from: 1440)),
            ])
        // The same audio every other output gets.
        let relayed = run.pieces.flatMap { piece -> [Int16] in
            if case .audio(let samples) = piece { return samples }
            return []
        }
        #expect(relayed == run.wav)
    }

    @Test("the tutorial relay's exact bytes: compact objects, standard base64, one per line")
    func exactLines() throws {
        let input =
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AQACAA=="}}]}}}"#
            + "\n" + #"{"serverContent":{"outputTranscription":{"text":"Hi"}}}"# + "\n"
            + #"{"serverContent":{"turnComplete":true}}"# + "\n"
        #expect(try Self.relay(input).lines == [#"{"audio":"AQACAA=="}"#, #"{"text":"Hi"}"#])
    }

    @Test("audio and transcription in one message (3.x events): the audio line, then the words")
    func oneEventWithBoth() throws {
        let input =
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AQACAA=="}},{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AwAEAA=="}}]},"outputTranscription":{"text":"Hello"}}}"#
            + "\n"
        #expect(try Self.relay(input).pieces == [.audio([1, 2]), .audio([3, 4]), .text("Hello")])
    }

    @Test("text parts are the words; the transcription that says the same again is not repeated")
    func textPartsWin() throws {
        let input = [
            #"{"serverContent":{"modelTurn":{"parts":[{"text":"Paris"},{"text":" is big."}]}}}"#,
            #"{"serverContent":{"outputTranscription":{"text":"Paris is big."}}}"#,
            #"{"serverContent":{"inputTranscription":{"text":"tell me"}}}"#,
            #"{"toolCall":{"functionCalls":[{"id":"a","name":"f","args":{}}]}}"#,
            #"{"serverContent":{"turnComplete":true}}"#,
        ].joined(separator: "\n")
        #expect(try Self.relay(input).pieces == [.text("Paris"), .text(" is big.")])
    }

    @Test("thoughts only with --thoughts, where they arrive")
    func thoughts() throws {
        let input =
            #"{"serverContent":{"modelTurn":{"parts":[{"text":"Hmm.","thought":true},{"text":"Yes."}]}}}"# + "\n"
        #expect(try Self.relay(input).pieces == [.text("Yes.")])
        #expect(try Self.relay(input, thoughts: true).pieces == [.text("Hmm."), .text("Yes.")])
    }

    @Test("quotes, line breaks, control characters and non-ASCII survive as JSON strings")
    func escaping() throws {
        let words = "He said \"hi\"\\\n\tcafé 👋 \u{1}"
        let encoded = String(decoding: try JSONSerialization.data(withJSONObject: [words]), as: UTF8.self)
        let input = #"{"serverContent":{"modelTurn":{"parts":[{"text":"# + encoded.dropFirst().dropLast() + "}]}}}\n"
        let run = try Self.relay(input)
        #expect(run.pieces == [.text(words)])
        #expect(run.lines.count == 1)
    }

    @Test("--resample applies to the relay's audio as to every audio output")
    func resampled() throws {
        let input = Messages.turn.map(Layout.compact.write).joined()
        let run = try Self.relay(input, resample: 16_000)
        let relayed = run.pieces.flatMap { piece -> [Int16] in
            if case .audio(let samples) = piece { return samples }
            return []
        }
        #expect(relayed.count == run.wav.count)
        #expect(abs(relayed.count - 1_920 * 2 / 3) <= 2)
    }

    @Test("a run with no words and no audio writes nothing")
    func empty() throws {
        #expect(try Self.relay(#"{"setupComplete":{}}"# + "\n").lines.isEmpty)
    }
}
