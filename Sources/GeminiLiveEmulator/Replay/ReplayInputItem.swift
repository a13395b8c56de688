import GeminiLiveProtocol

/// One piece of client input as the replay counts it: a normalised client message splits into one item per
/// member (a `realtimeInput` may carry audio and text at once).
struct ReplayInputItem: Sendable, Equatable {
    /// The cursor that consumes it.
    var modality: ReplayModality
    /// Where it sits in the message, as a JSON pointer (`/realtimeInput/text`).
    var pointer: String
    /// What must equal the recording (nil for audio and video, which are counted, not compared).
    var value: JSONValue?
    /// The audio's duration in microseconds (audio only).
    var audioMicros = 0

    /// The sample rate assumed for `audio/pcm` without a `rate`: the service's input rate.
    static let defaultInputRate = 16_000

    /// The items of one normalised client message, in member order.
    static func items(of message: JSONValue) -> [ReplayInputItem] {
        guard case .object(let object) = message else {
            return [ReplayInputItem(modality: .other, pointer: "", value: message)]
        }
        var items: [ReplayInputItem] = []
        for (key, value) in object {
            let pointer = "/" + JSONDifference.escaped(key)
            switch key {
            case "setup": items.append(ReplayInputItem(modality: .setup, pointer: pointer, value: value))
            case "clientContent":
                items.append(ReplayInputItem(modality: .clientContent, pointer: pointer, value: value))
            case "toolResponse":
                items.append(ReplayInputItem(modality: .toolResponse, pointer: pointer, value: value))
            case "realtimeInput": items += realtimeItems(value, pointer: pointer)
            default: items.append(ReplayInputItem(modality: .other, pointer: pointer, value: value))
            }
        }
        return items
    }

    private static func realtimeItems(_ input: JSONValue, pointer: String) -> [ReplayInputItem] {
        guard case .object(let object) = input else {
            return [ReplayInputItem(modality: .other, pointer: pointer, value: input)]
        }
        var items: [ReplayInputItem] = []
        for (key, value) in object {
            let memberPointer = pointer + "/" + JSONDifference.escaped(key)
            switch key {
            case "audio": items.append(blob(value, pointer: memberPointer, audio: true))
            case "video": items.append(blob(value, pointer: memberPointer, audio: false))
            case "mediaChunks":
                for (index, chunk) in (value.arrayValue ?? []).enumerated() {
                    let audio = chunk["mimeType"]?.stringValue?.lowercased().hasPrefix("audio/") ?? false
                    items.append(blob(chunk, pointer: memberPointer + "/\(index)", audio: audio))
                }
            case "text": items.append(ReplayInputItem(modality: .text, pointer: memberPointer, value: value))
            case "activityStart", "activityEnd":
                // One cursor for both markers, so a start may not stand in for an end.
                items.append(ReplayInputItem(modality: .activity, pointer: memberPointer, value: .string(key)))
            case "audioStreamEnd":
                items.append(ReplayInputItem(modality: .audioStreamEnd, pointer: memberPointer, value: value))
            default: items.append(ReplayInputItem(modality: .other, pointer: memberPointer, value: value))
            }
        }
        return items
    }

    private static func blob(_ value: JSONValue, pointer: String, audio: Bool) -> ReplayInputItem {
        guard audio else { return ReplayInputItem(modality: .video, pointer: pointer, value: nil) }
        let mimeType = value["mimeType"]?.stringValue ?? ""
        let rate = AudioMIME.pcmRate(mimeType, absent: defaultInputRate) ?? defaultInputRate
        let bytes = decodedCount(value["data"]?.stringValue ?? "")
        // 16-bit mono PCM, the only audio the Live API takes.
        let micros = Int((Int64(bytes / 2) * 1_000_000) / Int64(rate))
        return ReplayInputItem(modality: .audio, pointer: pointer, value: nil, audioMicros: micros)
    }

    /// The byte count of base64 text without decoding it (either alphabet, padding optional).
    static func decodedCount(_ text: String) -> Int {
        var symbols = 0
        for byte in text.utf8 where byte != UInt8(ascii: "=") && byte > 0x20 { symbols += 1 }
        return symbols * 3 / 4
    }
}
