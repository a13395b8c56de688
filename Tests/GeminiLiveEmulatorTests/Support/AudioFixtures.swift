import Foundation
import GeminiLiveProtocol
import GeminiLiveTestSupport

/// Speech and PCM helpers for the audio tests.
enum AudioFixtures {
    /// Speaks `text` with espeak-ng; returns its 16-bit mono samples and their rate.
    static func speech(_ text: String) throws -> (samples: [Int16], rate: Int) {
        let directory = try TemporaryDirectory("speech")
        let path = directory.file("speech.wav")
        try MediaFactory.speech(text, to: path)
        return try wav(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The samples and rate of a 16-bit mono WAV file.
    static func wav(_ bytes: [UInt8]) throws -> (samples: [Int16], rate: Int) {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        var offset = 12
        var rate = 0
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = u32(offset + 4)
            if id == "fmt " { rate = u32(offset + 12) }
            if id == "data" {
                let end = min(bytes.count, offset + 8 + size)
                return (pcm(Array(bytes[offset + 8..<end])), rate)
            }
            offset += 8 + size + (size & 1)
        }
        throw HarnessError("no data chunk in WAV")
    }

    /// Little-endian 16-bit PCM bytes as samples.
    static func pcm(_ bytes: [UInt8]) -> [Int16] {
        stride(from: 0, to: bytes.count - 1, by: 2).map {
            Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
        }
    }

    /// Samples as little-endian bytes.
    static func bytes(_ samples: ArraySlice<Int16>) -> [UInt8] {
        samples.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] }
    }

    /// `realtimeInput.audio` messages of about 100 ms each.
    static func realtimeMessages(_ samples: [Int16], rate: Int) -> [String] {
        let step = rate / 10
        return stride(from: 0, to: samples.count, by: step).map { start in
            let chunk = samples[start..<min(samples.count, start + step)]
            let data = Base64.encodedString(bytes(chunk))
            return #"{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=\#(rate)","data":"\#(data)"}}}"#
        }
    }

    /// The RMS level of samples, 0...1.
    static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot() / 32768
    }
}
