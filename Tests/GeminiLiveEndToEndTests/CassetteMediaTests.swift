import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-session --record FILE --media-dir DIR`: payloads go to side files and the cassette refers to them;
/// `gemini-live-test --stats` reads such a cassette with its audio (the reply's rtf needs the samples).
@Suite("cassettes with a media folder", .serialized)
struct CassetteMediaTests {
    @Test func aSpokenReplyGoesToSideFilesAndStatsStillReadIt() throws {
        let emulator = try SessionEmulator()
        let folder = emulator.directory
        let question =
            #"{"clientContent":{"turns":[{"role":"user","parts":[{"text":"Say something"}]}],"turnComplete":true}}"#
        let session = try emulator.shell(
            "cd '\(folder.path)' && echo '\(question)' | "
                + #"gemini-live-session --endpoint "$URL" --record run.ndjson --media-dir blobs > /dev/null"#,
            timeout: 60)
        #expect(session.status == 0, "\(session.stderrText)")
        let cassette = try String(contentsOfFile: folder.file("run.ndjson"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("blobs"))
        #expect(!files.isEmpty && files.allSatisfy { $0.wholeMatch(of: /[0-9a-f]{64}\.pcm/) != nil }, "\(files)")
        #expect(cassette.contains(#""media":"blobs""#) && cassette.contains(#""data":{"$media":""#))
        #expect(!cassette.contains("audio/pcm;rate=24000\",\"data\":\""), "no payload stays inline")

        let stats = try ToolRunner.run(ToolRunner.tool("gemini-live-test"), ["--stats", folder.file("run.ndjson")])
        #expect(stats.status == 0, "\(stats.stderrText)")
        #expect(stats.stdoutText.contains(" rtf "), "the reply's audio was read: \(stats.stdoutText)")

        try FileManager.default.moveItem(atPath: folder.file("blobs"), toPath: folder.file("elsewhere"))
        let missing = try ToolRunner.run(ToolRunner.tool("gemini-live-test"), ["--stats", folder.file("run.ndjson")])
        #expect(missing.status == 65 && missing.stderrText.contains("media file"), "\(missing.stderrText)")
    }

    @Test func mediaDirWithoutRecordIsAUsageError() throws {
        let result = try ToolRunner.run(
            ToolRunner.tool("gemini-live-session"), ["--media-dir", "m", "--endpoint", "ws://127.0.0.1:9"])
        #expect(result.status == 64 && result.stderrText.contains("--record"), "\(result.stderrText)")
    }
}
