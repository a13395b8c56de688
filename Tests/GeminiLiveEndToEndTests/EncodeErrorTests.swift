import Foundation
import GeminiLiveTestSupport
import Testing

@Suite("encode: bad input and usage errors")
struct EncodeErrorTests {
    /// stderr must be one line naming the tool and the source.
    func expectOneLineError(_ result: ProcessResult, status: Int32, mentions: [String]) {
        #expect(result.status == status, "stderr: \(result.stderrText)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderrText)")
        for text in mentions { #expect(result.stderrText.contains(text), "stderr: \(result.stderrText)") }
    }

    @Test("a missing file is exit 66 and names the file; lines written before stay valid")
    func missingFile() throws {
        let tmp = try TemporaryDirectory("missing")
        let good = tmp.file("good.wav")
        try MediaFactory.tone(good, seconds: 0.3, rate: 16_000, channels: 1)
        let result = try encode([good, tmp.file("missing.wav")])
        expectOneLineError(result, status: 66, mentions: ["gemini-live-encode: ", "missing.wav", "No such file"])
        #expect(try EncodedStream(result.stdout).audioChunks.count == 3)
    }

    @Test("a dead microphone (no bytes on stdin) and an empty MJPEG stream are 65 and say the input was empty")
    func emptyStreams() throws {
        let silentMicrophone = try encode(["--raw", "--rate", "16000", "-"], stdin: Data())
        expectOneLineError(silentMicrophone, status: 65, mentions: ["stdin: no audio read from stdin"])
        #expect(silentMicrophone.stdout.isEmpty)
        let emptyVideo = try encode(["--mjpeg", "-"], stdin: Data())
        expectOneLineError(emptyVideo, status: 65, mentions: ["stdin: empty"])
        #expect(!emptyVideo.stderrText.contains("first 0"))
    }

    @Test("not audio, M4A, corrupt and truncated files are exit 65 with a reason")
    func badAudio() throws {
        let tmp = try TemporaryDirectory("bad")
        let text = tmp.file("notes.wav")
        try Data("this is not a wave file\n".utf8).write(to: URL(fileURLWithPath: text))
        expectOneLineError(try encode([text]), status: 65, mentions: ["notes.wav"])

        let m4a = tmp.file("talk.m4a")
        let wav = tmp.file("src.wav")
        try MediaFactory.tone(wav, seconds: 0.5, rate: 44_100, channels: 1)
        try MediaFactory.ffmpeg(["-i", wav, "-c:a", "aac", m4a])
        expectOneLineError(try encode([m4a]), status: 65, mentions: ["talk.m4a", "ffmpeg -i"])
        // Piped, the container cannot be sniffed without consuming it: the error still shows the conversion.
        let piped = try encode(["-"], stdin: try Data(contentsOf: URL(fileURLWithPath: m4a)))
        expectOneLineError(piped, status: 65, mentions: ["stdin", "M4A/AAC", "ffmpeg -i - "])

        let long = tmp.file("long.wav")
        try MediaFactory.tone(long, seconds: 2, rate: 16_000, channels: 1, options: ["-b", "16"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: long))
        let cut = tmp.file("cut.wav")
        try bytes.prefix(44 + 16_000).write(to: URL(fileURLWithPath: cut))
        let truncated = try encode([cut])
        expectOneLineError(truncated, status: 65, mentions: ["cut.wav", "truncated"])
        // What was there is sent first: the 8000 samples the cut file holds.
        #expect(try EncodedStream(truncated.stdout).samples.count == 8_000)

        let flac = tmp.file("long.flac")
        try MediaFactory.sox([long, flac])
        let flacBytes = try Data(contentsOf: URL(fileURLWithPath: flac))
        let cutFlac = tmp.file("cut.flac")
        try flacBytes.prefix(flacBytes.count / 2).write(to: URL(fileURLWithPath: cutFlac))
        expectOneLineError(try encode([cutFlac]), status: 65, mentions: ["cut.flac"])
    }

    @Test("bad raw PCM and bad text inputs are exit 65")
    func badRawAndText() throws {
        let odd = try encode(
            ["--raw", "--rate", "16000", "--channels", "2", "-"], stdin: Data(repeating: 1, count: 4 * 100 + 3))
        expectOneLineError(odd, status: 65, mentions: ["stdin"])
        #expect(try EncodedStream(odd.stdout).samples.count == 100)

        let tmp = try TemporaryDirectory("text")
        let empty = tmp.file("empty.txt")
        try Data("\n\n".utf8).write(to: URL(fileURLWithPath: empty))
        expectOneLineError(try encode([empty]), status: 65, mentions: ["empty.txt", "empty"])
        let latin1 = tmp.file("latin1.txt")
        try Data([0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        expectOneLineError(try encode([latin1]), status: 65, mentions: ["latin1.txt", "UTF-8"])
    }

    @Test(
        "usage errors are exit 64 with a hint",
        arguments: [
            ["--chunk-ms", "0", "x.wav"], ["--raw", "-"], ["--rate", "8000", "x.wav"], ["--bogus"], [],
            ["--realtime", "--speed", "2", "x.wav"], ["--text", " "], ["-", "--mjpeg", "-"],
            ["--format", "u8", "--raw", "--rate", "8000"],
        ])
    func usageErrors(arguments: [String]) throws {
        let result = try encode(arguments)
        #expect(result.status == 64, "stderr: \(result.stderrText)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("Error:") || result.stderrText.contains("error"))
    }

    @Test("--help teaches with examples and lists exit codes; --version prints the version")
    func help() throws {
        // Help and version text are not messages: run without capturing for the schema check.
        let result = try ToolRunner.run(ToolRunner.tool("gemini-live-encode"), ["--help"])
        #expect(result.status == 0)
        for text in ["EXAMPLES", "EXIT STATUS", "--chunk-ms", "--mjpeg", "65", "66", "gemini-live-session"] {
            #expect(result.stdoutText.contains(text), "help lacks \(text)")
        }
        let version = try ToolRunner.run(ToolRunner.tool("gemini-live-encode"), ["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    @Test("a reader that closes the pipe early ends the encoder quietly")
    func closedPipe() throws {
        let tmp = try TemporaryDirectory("epipe")
        let long = tmp.file("long.wav")
        try MediaFactory.tone(long, seconds: 30, rate: 16_000, channels: 1)
        let result = try ToolRunner.shell(
            "gemini-live-encode '\(long)' | head -n 1 >/dev/null; echo \"status=${PIPESTATUS[0]}\" >&2")
        #expect(result.stderrText == "status=0\n")
    }
}
