import Foundation
import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

/// A cassette whose payloads live in a media folder (`--media-dir`) gives the same turns and figures as the inline
/// one: `FrameRecording` resolves the references, so durations and the loudness of the last spoken frame still
/// come from the samples.
@Suite struct MediaCassetteTests {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("media-cassette-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    }

    /// The inline cassette rewritten as the recorder writes it with a media folder.
    private func externalised(_ text: String, into media: MediaFolder, header: CassetteHeader?) throws -> String {
        try media.create()
        var lines = header.map { [JSONValue.object($0.object).description] } ?? []
        for line in text.split(separator: "\n") {
            guard case .object(var object) = try JSONParser.parse(String(line)) else { continue }
            if let message = object["message"] { object["message"] = media.externalising(message) }
            lines.append(JSONValue.object(object).description)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func turnsAndFiguresAreThoseOfTheInlineCassette() throws {
        let inline = try FrameRecording(ndjson: Array(RecordedAttemptTests.threeTurns.utf8), source: "inline")
        let text = try externalised(
            RecordedAttemptTests.threeTurns, into: MediaFolder(path: "\(directory)/media"), header: nil)
        #expect(text.count * 3 < RecordedAttemptTests.threeTurns.count, "the cassette shrinks to a third or less")
        #expect(!text.contains("inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\",\"data\":\""))
        try text.write(toFile: "\(directory)/run.ndjson", atomically: true, encoding: .utf8)

        let read = try FrameRecording(contentsOfFile: "\(directory)/run.ndjson")
        #expect(read.frames == inline.frames)
        let attempt = RecordedAttempt(read)
        #expect(attempt == RecordedAttempt(inline))
        #expect(attempt.turns.first?.inputEndSource == .speech, "the loud samples were found in the side files")
        #expect(attempt.turns.first?.reply.audioMilliseconds == 500)
    }

    @Test func theHeaderNamesAnotherFolder() throws {
        let text = try externalised(
            RecordedAttemptTests.threeTurns, into: MediaFolder(path: "\(directory)/blobs"),
            header: CassetteHeader(media: "blobs"))
        try text.write(toFile: "\(directory)/run.ndjson", atomically: true, encoding: .utf8)
        let read = try FrameRecording(contentsOfFile: "\(directory)/run.ndjson")
        #expect(
            RecordedAttempt(read)
                == RecordedAttempt(
                    try FrameRecording(ndjson: Array(RecordedAttemptTests.threeTurns.utf8), source: "inline")))
    }

    @Test func aMissingSideFileNamesTheLine() throws {
        let text = try externalised(
            RecordedAttemptTests.threeTurns, into: MediaFolder(path: "\(directory)/media"), header: nil)
        try text.write(toFile: "\(directory)/run.ndjson", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(directory)/media")
        do {
            _ = try FrameRecording(contentsOfFile: "\(directory)/run.ndjson")
            Issue.record("read a cassette whose media are gone")
        } catch {
            #expect(error.category == .badData)
            #expect(error.description.hasPrefix("\(directory)/run.ndjson:3:1: media file '\(directory)/media/"))
        }
    }
}
