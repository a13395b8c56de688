/// What the user gave in one turn: text, speech (16 kHz mono) and pictures.
public struct TurnInput: Sendable, Equatable {
    /// One picture: its format and size.
    public struct Picture: Sendable, Equatable {
        /// `JPEG`, `PNG`, ... or `image`.
        public var format: String
        /// Width and height in pixels, when they could be read.
        public var width: Int?
        /// Height in pixels.
        public var height: Int?
    }

    /// How the turn was given.
    public enum Kind: String, Sendable, Equatable {
        /// `clientContent` with `turnComplete`.
        case content
        /// `realtimeInput.text`.
        case text
        /// Realtime audio cut by voice activity (or activityStart/End).
        case audio
    }

    /// The kind of input that ended the turn.
    public var kind: Kind
    /// Text parts, in order.
    public var texts: [String] = []
    /// Speech at 16 kHz mono.
    public var audio: [Int16] = []
    /// Audio given as whole parts (clientContent inlineData), in seconds, not recognised.
    public var otherAudioSeconds: Double = 0
    /// Pictures.
    public var pictures: [Picture] = []

    /// Seconds of audio in the turn.
    public var audioSeconds: Double { Double(audio.count) / 16_000 + otherAudioSeconds }

    /// Creates an empty input of `kind`.
    public init(kind: Kind) {
        self.kind = kind
    }
}
