import Foundation
import GeminiLiveSystem
import Testing

@testable import GeminiLiveMedia

struct MediaErrorTests {
    @Test func messagesNameTheSourceAndTheProblem() {
        #expect(
            MediaError.needsConversion(source: "talk.m4a", format: "M4A/AAC").description
                == "talk.m4a: M4A/AAC is not readable by libsndfile; convert it first: "
                + "ffmpeg -i talk.m4a -ac 1 -ar 16000 talk.wav")
        #expect(
            MediaError.truncated(source: "cut.wav", promisedFrames: 48000, actualFrames: 20000).description
                == "cut.wav: truncated: header promises 48000 frames, file holds 20000")
        #expect(
            MediaError.notMJPEG(source: "frames.mjpeg", searchedBytes: 1 << 20).description
                == "frames.mjpeg: not an MJPEG stream (no JPEG start marker in the first 1 MiB)")
        #expect(
            MediaError.partialFrame(source: "x.raw", trailingBytes: 3).description
                == "x.raw: 3 trailing bytes are not a whole frame")
        #expect(MediaError.cannotOpen(source: "missing.wav", errno: 2).category == .noInput)
        #expect(MediaError.cannotOpen(source: "folder", errno: EISDIR).category == .noInput)
        #expect(MediaError.io(source: "x.wav", operation: "read", errno: EIO).category == .io)
    }
}
