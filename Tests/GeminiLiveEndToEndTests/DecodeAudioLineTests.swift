import Foundation
import GeminiLiveTestSupport
import Testing

/// The service writes audio chunks in one compact form, which the decoder reads without a JSON tree. These tests
/// feed that exact form (Foundation's writer sorts keys and escapes `/`, so `ServerStream.audio` never produces it)
/// and hold the results to what the full parser makes of the same messages written differently.
@Suite("decode: audio chunks in the service's compact form")
struct DecodeAudioLineTests {
    /// One chunk exactly as the Live service writes it.
    static func compactChunk(mimeType: String = "audio/pcm;rate=24000", base64: String) -> String {
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"\#(mimeType)","data":"\#(base64)"}}]}}}"#
    }

    static func base64(_ samples: [Int16]) -> String {
        samples.withUnsafeBytes { Data($0) }.base64EncodedString()
    }

    /// The same conversation twice: every chunk in the compact form, and every chunk in Foundation's form (sorted
    /// keys, escaped slashes), which only the full parser reads. Good and bad chunks, mixed rates, text, a tool
    /// call, an interruption.
    static func twoForms() -> (compact: ServerStream, full: ServerStream) {
        var compact = ServerStream()
        var full = ServerStream()
        func chunk(_ mimeType: String, _ base64: String) {
            compact.addRaw(compactChunk(mimeType: mimeType, base64: base64))
            full.add([
                "serverContent": ["modelTurn": ["parts": [["inlineData": ["mimeType": mimeType, "data": base64]]]]]
            ])
        }
        func both(_ add: (inout ServerStream) -> Void) {
            add(&compact)
            add(&full)
        }
        both { $0.inputTranscript("play something") }
        for index in 0..<40 { chunk("audio/pcm;rate=24000", base64(rampSamples(960, seed: index))) }
        chunk("audio/pcm;rate=24000", "AAEC")  // 3 bytes: not whole samples
        chunk("audio/pcm;rate=24000", "@@@not base64@@@")
        chunk("audio/pcm;rate=24000", "")
        chunk("audio/pcm;rate=99", "AAAA")  // no usable rate
        chunk("audio/mpeg", "AAAA")
        chunk("image/png", "AAAA")  // not audio: ignored without a report
        let urlSafe = base64(rampSamples(480, seed: 77)).replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        chunk("audio/pcm;rate=24000", urlSafe)
        chunk("audio/pcm;rate=16000", base64(rampSamples(1_600, seed: 5)))  // converted to the file's 24 kHz
        chunk("audio/pcm", base64(rampSamples(240, seed: 6)))  // no rate: 24 kHz
        both { $0.outputTranscript("a tune") }
        both { $0.generationComplete() }
        both { $0.turnComplete() }
        for index in 0..<10 { chunk("audio/pcm;rate=24000", base64(rampSamples(960, seed: 100 + index))) }
        both {
            $0.add(["toolCall": ["functionCalls": [["id": "c1", "name": "stop", "args": ["now": true]]]]])
        }
        chunk("audio/pcm;rate=24000", base64(rampSamples(960, seed: 200)))
        both { $0.interrupted() }
        both { $0.turnComplete(prompt: 3, response: 4) }
        chunk("audio/pcm;rate=24000", base64(rampSamples(960, seed: 300)))  // a turn cut off by the end
        return (compact, full)
    }

    /// Runs one decode into a fresh folder and returns everything it produced.
    static func outputs(_ arguments: [String], input: Data) throws -> (
        status: Int32, stderr: String, files: [String: Data]
    ) {
        let tmp = try TemporaryDirectory("audioline")
        try input.write(to: URL(fileURLWithPath: tmp.file("in.ndjson")))
        let expanded = arguments.map { $0.replacingOccurrences(of: "@", with: tmp.path + "/") }
        let result = try decode(expanded + [tmp.file("in.ndjson")])
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: tmp.path)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if name != "in.ndjson", FileManager.default.fileExists(atPath: tmp.file(name), isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: tmp.file(name)))
            }
        }
        let stderr = result.stderrText.replacingOccurrences(of: tmp.path + "/", with: "")
        return (result.status, stderr, files)
    }

    @Test(
        "compact chunks give the same files, reports and diagnostics as the full parser",
        arguments: [
            ["--wav", "@all.wav", "--split-turns", "@turns"],
            [
                "--wav", "@all.wav", "--events", "@events.txt", "--json", "@turns.ndjson", "--transcript",
                "@dialogue.txt",
            ],
            ["--out", "@all.flac", "--resample", "16000", "--text", "@words.txt", "-v"],
        ])
    func sameAsFullParser(arguments: [String]) throws {
        let (compact, full) = Self.twoForms()
        let fast = try Self.outputs(arguments, input: compact.data)
        let slow = try Self.outputs(arguments, input: full.data)
        #expect(fast.status == 65)
        #expect(fast.status == slow.status)
        #expect(fast.stderr == slow.stderr)
        // Four bad chunks, each named by its line: 3 bytes, bad base64, no usable rate, audio/mpeg.
        let diagnostics = fast.stderr.split(separator: "\n").filter { $0.contains("in.ndjson:") }
        #expect(diagnostics.map { $0.split(separator: ":")[2] } == ["42", "43", "45", "46"], "\(fast.stderr)")
        #expect(diagnostics[1].contains("base64"))
        #expect(fast.files.keys.sorted() == slow.files.keys.sorted())
        for (name, data) in fast.files {
            #expect(data == slow.files[name], "\(name) differs")
        }
        #expect(fast.files.values.allSatisfy { !$0.isEmpty })
    }

    @Test("compact chunks decode sample-exactly across batches, with CRLF endings, and from a pipe in small writes")
    func sampleExact() throws {
        let tmp = try TemporaryDirectory("audioline-large")
        var lines: [String] = []
        var expected: [Int16] = []
        for index in 0..<1_500 {  // 60 s of 40 ms chunks: about 4 MB, many batches
            let chunk = rampSamples(960, seed: index)
            expected += chunk
            lines.append(Self.compactChunk(base64: Self.base64(chunk)))
            if index % 250 == 249 { lines.append(#"{"serverContent":{"turnComplete":true}}"#) }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: tmp.file("lf.ndjson")))
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(
            to: URL(fileURLWithPath: tmp.file("crlf.ndjson")))
        for name in ["lf", "crlf"] {
            let result = try decode(["--wav", tmp.file("\(name).wav"), tmp.file("\(name).ndjson")])
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(try wavSamples(tmp.file("\(name).wav")) == expected)
        }
        let piped = try ToolRunner.shell(
            "dd if='\(tmp.file("lf.ndjson"))' bs=1000 status=none | gemini-live-decode --wav '\(tmp.file("pipe.wav"))'")
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(try wavSamples(tmp.file("pipe.wav")) == expected)
    }
}
