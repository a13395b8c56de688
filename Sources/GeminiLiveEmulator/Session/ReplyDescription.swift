/// The default, deterministic reply: the model tells what it received.
enum ReplyDescription {
    /// E.g. `Turn 2. You said: hello. I heard 1.5 seconds of audio: hello world. I saw 1 image: JPEG 64x48.`
    static func describe(_ input: TurnInput, turn: Int, transcript: String) -> String {
        var sentences = ["Turn \(turn)."]
        let text = input.texts.joined(separator: " ")
        if !text.isEmpty { sentences.append("You said: \(text).") }
        if input.audioSeconds > 0 {
            let seconds = (input.audioSeconds * 10).rounded() / 10
            let heard = transcript.isEmpty ? "nothing I could understand" : transcript
            sentences.append("I heard \(seconds) seconds of audio: \(heard).")
        }
        if !input.pictures.isEmpty {
            let list = input.pictures.map { picture in
                if let width = picture.width, let height = picture.height {
                    return "\(picture.format) \(width)x\(height)"
                }
                return picture.format
            }
            let noun = input.pictures.count == 1 ? "image" : "images"
            sentences.append("I saw \(input.pictures.count) \(noun): \(list.joined(separator: ", ")).")
        }
        if sentences.count == 1 { sentences.append("I received an empty turn.") }
        return sentences.joined(separator: " ")
    }
}
