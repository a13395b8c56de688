/// `generationConfig.speechConfig`: the voice (inside `voiceConfig.prebuiltVoiceConfig`) and language.
public struct SpeechConfig: JSONConvertible {
    /// `{prebuiltVoiceConfig: {voiceName}}`, kept raw so other voice kinds survive.
    public var voiceConfig: JSONValue?
    /// BCP-47 language, e.g. `en-US`.
    public var languageCode: String?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a speech config naming a prebuilt voice.
    public init(voiceName: String? = nil, languageCode: String? = nil, unknownFields: JSONObject = [:]) {
        self.voiceConfig = nil
        self.languageCode = languageCode
        self.unknownFields = unknownFields
        if let voiceName { self.voiceName = voiceName }
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        voiceConfig = fields.take("voiceConfig")
        languageCode = try fields.string("languageCode")
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("voiceConfig", voiceConfig)
        object.put("languageCode", languageCode)
        return object.finished(with: unknownFields)
    }

    /// The prebuilt voice name (e.g. `Puck`), read in either casing.
    public var voiceName: String? {
        get {
            guard let voice = voiceConfig?.objectValue, let prebuilt = Self.member(voice, "prebuiltVoiceConfig") else {
                return nil
            }
            return prebuilt.objectValue.flatMap { Self.member($0, "voiceName") }?.stringValue
        }
        set {
            var voice = voiceConfig?.objectValue ?? [:]
            let prebuiltKey = Self.spelling(in: voice, of: "prebuiltVoiceConfig")
            var prebuilt = voice[prebuiltKey]?.objectValue ?? [:]
            prebuilt[Self.spelling(in: prebuilt, of: "voiceName")] = newValue.map(JSONValue.string)
            voice[prebuiltKey] = .object(prebuilt)
            voiceConfig = .object(voice)
        }
    }

    private static func member(_ object: JSONObject, _ name: String) -> JSONValue? {
        object.first { MessageFields.key($0.key, matches: name) }?.value
    }

    /// The key already used for `name` (so a snake_case input stays consistent), else the camelCase name.
    private static func spelling(in object: JSONObject, of name: String) -> String {
        object.keys.first { MessageFields.key($0, matches: name) } ?? name
    }
}
