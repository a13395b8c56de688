import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-emulator --replay`: a session recorded with `gemini-live-session --record` against the emulator,
/// replayed by a second emulator process to the same (or a changed) input.
@Suite("emulator: replaying a recorded session", .serialized)
struct EmulatorReplayTests {
    /// What a session printed, one entry per server message: its kind and any text or transcript, with the
    /// resumption handle left out (a live emulator makes a new one each time; a cassette keeps it redacted).
    static func summary(_ result: ProcessResult) -> [String] {
        SessionLines.objects(result).map { object in
            var entry = object.keys.sorted().joined(separator: "+")
            if let content = object["serverContent"] as? [String: Any] {
                entry += ": " + content.keys.sorted().joined(separator: "+")
                for key in ["inputTranscription", "outputTranscription"] {
                    if let text = (content[key] as? [String: Any])?["text"] as? String { entry += " \(key)=\(text)" }
                }
                let parts = ((content["modelTurn"] as? [String: Any])?["parts"] as? [[String: Any]]) ?? []
                for part in parts {
                    if let text = part["text"] as? String { entry += " text=\(text)" }
                    if let data = (part["inlineData"] as? [String: Any])?["data"] as? String {
                        entry += " audio=\(data.count)"
                    }
                }
            }
            return entry
        }
    }

    /// Records `input` (a shell pipeline's head) against a normal emulator into `cassette`.
    static func record(_ input: String, to cassette: String, _ sessionFlags: String = "") throws -> ProcessResult {
        let live = try SessionEmulator()
        let result = try live.shell(
            "\(input) | gemini-live-session --endpoint \"$URL\" \(sessionFlags) --record '\(cassette)'", timeout: 120)
        #expect(result.status == 0, "\(result.stderrText)")
        return result
    }

    @Test("re-chunked audio gets the recorded answer, transcripts and all")
    func spokenQuestion() throws {
        let directory = try TemporaryDirectory("replay")
        let cassette = directory.file("question.ndjson")
        let wav = "'\(SamplesTests.samples)/question.wav'"
        let flags = "--transcribe input,output"
        let recorded = try Self.record("gemini-live-encode \(wav)", to: cassette, flags)
        #expect(Self.summary(recorded).contains { $0.contains("inputTranscription=") })

        let replay = try SessionEmulator(["--replay", cassette, "--speed", "0"])
        // 37 ms chunks where the recording has the encoder's default: only the total duration has to agree.
        let replayed = try replay.shell(
            "gemini-live-encode --chunk-ms 37 \(wav) | gemini-live-session --endpoint \"$URL\" \(flags)", timeout: 120)
        #expect(replayed.status == 0, "\(replayed.stderrText)")
        #expect(Self.summary(replayed) == Self.summary(recorded))
        // --log still records the replayed connection: the client's chunks as sent, the recorded answers.
        let audio = try replay.clientMessages().filter {
            ($0.message["realtimeInput"] as? [String: Any])?["audio"] != nil
        }
        #expect(audio.count > 40)
    }

    @Test("the same text gets the recorded answer; a changed text ends with 1011 and says where")
    func textTurn() throws {
        let directory = try TemporaryDirectory("replay")
        let cassette = directory.file("rivers.ndjson")
        let recorded = try Self.record("gemini-live-encode --text 'Name three rivers'", to: cassette)
        let replay = try SessionEmulator(["--replay", cassette, "--speed", "0"])

        let same = try replay.shell(
            "gemini-live-encode --text 'Name  three rivers' | gemini-live-session --endpoint \"$URL\"")
        #expect(same.status == 0, "\(same.stderrText)")
        #expect(Self.summary(same) == Self.summary(recorded))
        #expect(Self.summary(same).contains { $0.contains("turnComplete") })

        let changed = try replay.shell(
            "gemini-live-encode --text 'Name three seas' | gemini-live-session --retries 0 --endpoint \"$URL\"")
        #expect(changed.status != 0)
        #expect(
            changed.stderrText.contains(
                #"1011 (internal error): replay diverged at client frame 2: /clientContent/turns/0/parts/0/text: recorded "Name three rivers", got "Name three seas""#
            ), "\(changed.stderrText)")
        #expect(!Self.summary(changed).contains { $0.contains("turnComplete") })
    }
}
