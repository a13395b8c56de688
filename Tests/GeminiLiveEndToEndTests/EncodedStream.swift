import Foundation

/// The encoder's stdout read back with Foundation's JSON parser (an oracle independent of our own).
struct EncodedStream {
    /// One message, reduced to what tests compare.
    enum Message: Equatable {
        case audio(mimeType: String, bytes: Data)
        case video(mimeType: String, bytes: Data)
        case legacyChunk(mimeType: String, bytes: Data)
        case text(String, turnComplete: Bool)
        case realtimeText(String)
        case activityStart
        case activityEnd
        case audioStreamEnd
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    let messages: [Message]

    init(_ stdout: Data) throws {
        var result: [Message] = []
        for (index, line) in stdout.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], object.count == 1
            else { throw Malformed(description: "line \(index + 1): not a one-key object") }
            result.append(try Self.message(object, line: index + 1))
        }
        messages = result
    }

    private static func message(_ object: [String: Any], line: Int) throws -> Message {
        func blob(_ value: Any?) throws -> (String, Data) {
            guard let blob = value as? [String: Any], let data = blob["data"] as? String,
                let bytes = Data(base64Encoded: data), let mime = (blob["mimeType"] ?? blob["mime_type"]) as? String
            else { throw Malformed(description: "line \(line): bad blob") }
            return (mime, bytes)
        }
        if let input = object["realtimeInput"] as? [String: Any], input.count == 1 {
            if input["audio"] != nil {
                let (mime, bytes) = try blob(input["audio"])
                return .audio(mimeType: mime, bytes: bytes)
            }
            if input["video"] != nil {
                let (mime, bytes) = try blob(input["video"])
                return .video(mimeType: mime, bytes: bytes)
            }
            if let text = input["text"] as? String { return .realtimeText(text) }
            if input["activityStart"] != nil { return .activityStart }
            if input["activityEnd"] != nil { return .activityEnd }
            if input["audioStreamEnd"] as? Bool == true { return .audioStreamEnd }
        }
        if let input = object["realtime_input"] as? [String: Any], let chunks = input["media_chunks"] as? [Any],
            chunks.count == 1
        {
            let (mime, bytes) = try blob(chunks[0])
            return .legacyChunk(mimeType: mime, bytes: bytes)
        }
        if let content = object["clientContent"] as? [String: Any], let turns = content["turns"] as? [[String: Any]],
            turns.count == 1, turns[0]["role"] as? String == "user",
            let parts = turns[0]["parts"] as? [[String: Any]], parts.count == 1, let text = parts[0]["text"] as? String,
            let complete = content["turnComplete"] as? Bool
        {
            return .text(text, turnComplete: complete)
        }
        throw Malformed(description: "line \(line): unexpected message \(object)")
    }

    /// Payloads of the audio messages, in order.
    var audioChunks: [Data] {
        messages.compactMap {
            if case .audio(_, let bytes) = $0 { return bytes }
            return nil
        }
    }

    /// All audio concatenated as 16-bit samples.
    var samples: [Int16] {
        let all = audioChunks.reduce(into: Data()) { $0.append($1) }
        return all.withUnsafeBytes { raw in Array(raw.bindMemory(to: Int16.self)).map { Int16(littleEndian: $0) } }
    }

    /// A compact description of the message kinds, e.g. ["activityStart", "audio×10", "activityEnd"].
    var shape: [String] {
        var result: [String] = []
        for message in messages {
            let name: String
            switch message {
            case .audio: name = "audio"
            case .video: name = "video"
            case .legacyChunk: name = "legacy"
            case .text(_, let complete): name = complete ? "text" : "text(open)"
            case .realtimeText: name = "realtimeText"
            case .activityStart: name = "activityStart"
            case .activityEnd: name = "activityEnd"
            case .audioStreamEnd: name = "audioStreamEnd"
            }
            if let last = result.last, last.hasPrefix(name), name == "audio" || name == "video" || name == "legacy" {
                let count = last == name ? 1 : Int(last.split(separator: "×")[1])!
                result[result.count - 1] = "\(name)×\(count + 1)"
            } else {
                result.append(name)
            }
        }
        return result
    }
}

/// Signal measurements for checking resampled audio.
enum SignalMeasure {
    /// Root mean square of samples scaled to [-1, 1].
    static func rms(_ samples: ArraySlice<Int16>) -> Double {
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(max(1, samples.count))).squareRoot() / 32768
    }

    /// Magnitude of one frequency (Goertzel), normalised so a full-scale sine gives ~0.5.
    static func magnitude(_ samples: ArraySlice<Int16>, frequency: Double, rate: Double) -> Double {
        let omega = 2 * Double.pi * frequency / rate
        let coefficient = 2 * cos(omega)
        var s1 = 0.0
        var s2 = 0.0
        for sample in samples {
            let s = Double(sample) / 32768 + coefficient * s1 - s2
            s2 = s1
            s1 = s
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        return power.squareRoot() / Double(samples.count)
    }

    /// The frequency with the most energy, searched in 1 Hz steps over `range`.
    static func dominantFrequency(_ samples: ArraySlice<Int16>, rate: Double, range: ClosedRange<Int>) -> Int {
        var best = range.lowerBound
        var bestMagnitude = -1.0
        for frequency in range {
            let m = magnitude(samples, frequency: Double(frequency), rate: rate)
            if m > bestMagnitude {
                bestMagnitude = m
                best = frequency
            }
        }
        return best
    }
}
