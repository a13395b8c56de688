import Foundation
import GeminiLiveTestSupport
import Testing

/// `gemini-live-decode --relay`: the seed tutorial relay's reply lines, from the real executable.
@Suite("decode: --relay")
struct DecodeRelayTests {
    @Test("each piece is a line on stdout as soon as its message is read, while the input is still open")
    func linePerPieceAsItArrives() throws {
        let tmp = try TemporaryDirectory("relay")
        let out = tmp.file("out.ndjson")
        let audio =
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AQACAA=="}}]}}}"#
        let words = #"{"serverContent":{"outputTranscription":{"text":"Hi \"you\""}}}"#
        // The next message is written only once the line for the one before is out: a decoder that held its
        // output back until more input (or the end) came would never get it, and the script would time out.
        let result = try ToolRunner.shell(
            """
            ( echo '\(audio)'
              wait_until has_lines 1 '"audio"' \(out)
              echo '\(words)'
              wait_until has_lines 1 '"text"' \(out)
              echo '{"serverContent":{"turnComplete":true}}' ) |
              gemini-live-decode --relay - - > \(out)
            """)
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = try String(contentsOfFile: out, encoding: .utf8)
        #expect(lines == #"{"audio":"AQACAA=="}"# + "\n" + #"{"text":"Hi \"you\""}"# + "\n")
    }

    @Test("the conversation log: every audio chunk and every piece of words, in order, and nothing else")
    func conversation() throws {
        let (stream, turn1, turn2) = DecodeTests.conversation()
        let result = try decode(["--relay", "-"], stdin: stream.data)
        #expect(result.status == 0, "\(result.stderrText)")
        var samples: [Int16] = []
        var words: [String] = []
        for line in result.stdoutLines {
            let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
            if let text = object["text"] {
                words.append(text)
            } else {
                let base64 = try #require(object["audio"])
                let data = try #require(Data(base64Encoded: base64))
                samples += data.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
            }
            #expect(object.count == 1)
        }
        #expect(words == ["It is", " sunny", " today.", "The time"])
        #expect(samples == turn1 + turn2)
    }

    @Test("--relay shares stdout with no other output")
    func stdoutConflict() throws {
        let result = try decode(["--relay", "-", "--raw"], stdin: Data())
        #expect(result.status == 64)
        #expect(result.stderrText.contains("--raw and --relay would share stdout"), "\(result.stderrText)")
    }
}
