import GeminiLiveProtocol

/// Hand-made frame recordings in the `FrameRecorder` line schema, with timestamps set to the millisecond.
struct CassetteLines {
    private(set) var text = ""

    /// A frame at `seconds` (decimal text, as the recorder writes it).
    mutating func frame(_ seconds: String, _ direction: String, _ message: JSONValue, connection: Int = 1) {
        let kind = direction == "client" ? "text" : "binary"
        text +=
            #"{"time":\#(seconds),"connection":\#(connection),"direction":"\#(direction)","frame":"\#(kind)","message":\#(message)}"#
            + "\n"
    }

    /// A close frame from the server.
    mutating func close(_ seconds: String, code: Int, reason: String) {
        text +=
            #"{"time":\#(seconds),"connection":1,"direction":"server","frame":"close","code":\#(code),"reason":\#(JSONValue.string(reason))}"#
            + "\n"
    }

    mutating func client(_ seconds: String, _ message: JSONValue) { frame(seconds, "client", message) }
    mutating func server(_ seconds: String, _ message: JSONValue) { frame(seconds, "server", message) }

    /// s16le PCM of `milliseconds` at `rate`: `loudMilliseconds` of a square wave of `amplitude` first, then
    /// samples of `quietAmplitude`.
    static func pcm(
        milliseconds: Int, rate: Int, amplitude: Int16, loudMilliseconds: Int? = nil, quietAmplitude: Int16 = 0
    ) -> String {
        let count = milliseconds * rate / 1000
        let loud = (loudMilliseconds ?? milliseconds) * rate / 1000
        var bytes: [UInt8] = []
        for index in 0..<count {
            let level = index < loud ? amplitude : quietAmplitude
            let sample = index % 2 == 0 ? level : -level
            let bits = UInt16(bitPattern: sample)
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8)]
        }
        return Base64.encodedString(bytes)
    }

    static func micAudio(_ milliseconds: Int = 100, amplitude: Int16, loudMilliseconds: Int? = nil) -> JSONValue {
        let data = pcm(
            milliseconds: milliseconds, rate: 16_000, amplitude: amplitude, loudMilliseconds: loudMilliseconds)
        return ["realtimeInput": ["audio": ["mimeType": "audio/pcm;rate=16000", "data": .string(data)]]]
    }

    static func modelAudio(_ milliseconds: Int) -> JSONValue {
        let data = pcm(milliseconds: milliseconds, rate: 24_000, amplitude: 3000)
        return [
            "serverContent": [
                "modelTurn": ["parts": [["inlineData": ["mimeType": "audio/pcm;rate=24000", "data": .string(data)]]]]
            ]
        ]
    }

    static func serverContent(_ content: JSONValue) -> JSONValue { ["serverContent": content] }
}
