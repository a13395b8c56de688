/// Streamed input (`realtimeInput`); the SDKs send one field per message.
public struct RealtimeInput: JSONConvertible {
    /// A chunk of audio, normally `audio/pcm;rate=16000`.
    public var audio: Blob?
    /// One still video frame (JPEG or PNG).
    public var video: Blob?
    /// User text mid-session.
    public var text: String?
    /// Marks the start of user activity when automatic VAD is off (`activityStart: {}`).
    public var activityStart: Bool
    /// Marks the end of user activity when automatic VAD is off (`activityEnd: {}`).
    public var activityEnd: Bool
    /// The microphone paused; flushes cached audio (automatic VAD only).
    public var audioStreamEnd: Bool?
    /// Deprecated media list; 3.x models reject it.
    public var mediaChunks: [Blob]?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates realtime input.
    public init(
        audio: Blob? = nil, video: Blob? = nil, text: String? = nil, activityStart: Bool = false,
        activityEnd: Bool = false, audioStreamEnd: Bool? = nil, mediaChunks: [Blob]? = nil,
        unknownFields: JSONObject = [:]
    ) {
        self.audio = audio
        self.video = video
        self.text = text
        self.activityStart = activityStart
        self.activityEnd = activityEnd
        self.audioStreamEnd = audioStreamEnd
        self.mediaChunks = mediaChunks
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        audio = try fields.decode("audio")
        video = try fields.decode("video")
        text = try fields.string("text")
        activityStart = fields.presence("activityStart")
        activityEnd = fields.presence("activityEnd")
        audioStreamEnd = try fields.bool("audioStreamEnd")
        mediaChunks = try fields.list("mediaChunks")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("audio", audio)
        object.put("video", video)
        object.put("text", text)
        object.put("activityStart", present: activityStart)
        object.put("activityEnd", present: activityEnd)
        object.put("audioStreamEnd", audioStreamEnd)
        object.put("mediaChunks", mediaChunks)
        return object.finished(with: unknownFields)
    }
}
