import GeminiLiveProtocol

/// The client messages' field names from the BidiGenerateContent proto, for the strict parser's unknown-field check.
///
/// The typed decoders keep unknown members for the round trip; the service instead refuses any member its proto
/// lacks, with the REST wording "Unknown name ... Cannot find field." This table knows every proto field (camelCase;
/// snake_case matches too) and which ones hold messages worth descending into. Free-form members (tool schemas,
/// function arguments and responses) are not descended into.
enum FieldSchema {
    indirect enum Node: Sendable {
        /// A scalar, an enum, or a structure not checked further.
        case leaf
        /// A message with these fields.
        case message([String: Node])
        /// A repeated field of this node.
        case list(Node)
    }

    static let blob: Node = .message(["mimeType": .leaf, "data": .leaf, "displayName": .leaf])

    static let part: Node = .message([
        "text": .leaf, "inlineData": blob, "fileData": .leaf, "functionCall": .leaf, "functionResponse": .leaf,
        "executableCode": .leaf, "codeExecutionResult": .leaf, "thought": .leaf, "thoughtSignature": .leaf,
        "videoMetadata": .leaf, "partMetadata": .leaf,
    ])

    static let content: Node = .message(["role": .leaf, "parts": .list(part)])

    static let generationConfig: Node = .message([
        "candidateCount": .leaf, "maxOutputTokens": .leaf, "temperature": .leaf, "topP": .leaf, "topK": .leaf,
        "presencePenalty": .leaf, "frequencyPenalty": .leaf, "responseModalities": .leaf, "speechConfig": .leaf,
        "mediaResolution": .leaf, "seed": .leaf, "thinkingConfig": .leaf, "enableAffectiveDialog": .leaf,
        "translationConfig": .leaf, "responseLogprobs": .leaf, "logprobs": .leaf, "stopSequences": .leaf,
        "responseMimeType": .leaf, "responseSchema": .leaf, "responseJsonSchema": .leaf, "routingConfig": .leaf,
        "audioTimestamp": .leaf, "enableEnhancedCivicAnswers": .leaf, "imageConfig": .leaf,
    ])

    /// `AudioTranscriptionConfig`: `languageCodes[]` and the newer options, plus the deprecated forms the SDKs
    /// still send (`languageAuto`, `languageHints`, `adaptationPhrases`).
    static let audioTranscription: Node = .message([
        "languageCodes": .leaf, "customVocabulary": .leaf, "wordTimestamp": .leaf, "diarization": .leaf,
        "mode": .leaf, "languageAuto": .leaf, "languageHints": .message(["languageCodes": .leaf]),
        "adaptationPhrases": .leaf,
    ])

    static let setup: Node = .message([
        "model": .leaf, "generationConfig": generationConfig, "systemInstruction": content, "tools": .leaf,
        "realtimeInputConfig": .message([
            "automaticActivityDetection": .message([
                "disabled": .leaf, "startOfSpeechSensitivity": .leaf, "endOfSpeechSensitivity": .leaf,
                "prefixPaddingMs": .leaf, "silenceDurationMs": .leaf,
            ]),
            "activityHandling": .leaf, "turnCoverage": .leaf,
        ]),
        "sessionResumption": .message(["handle": .leaf, "transparent": .leaf]),
        "contextWindowCompression": .message([
            "triggerTokens": .leaf, "slidingWindow": .message(["targetTokens": .leaf]),
        ]),
        "inputAudioTranscription": audioTranscription, "outputAudioTranscription": audioTranscription,
        "proactivity": .message(["proactiveAudio": .leaf]),
        "historyConfig": .message(["initialHistoryInClientContent": .leaf]),
        "safetySettings": .leaf, "avatarConfig": .leaf, "explicitVadSignal": .leaf,
    ])

    static let clientMessage: Node = .message([
        "setup": setup,
        "clientContent": .message(["turns": .list(content), "turnComplete": .leaf]),
        "realtimeInput": .message([
            "mediaChunks": .list(blob), "audio": blob, "video": blob, "text": .leaf, "activityStart": .leaf,
            "activityEnd": .leaf, "audioStreamEnd": .leaf,
        ]),
        "toolResponse": .message([
            "functionResponses": .list(
                .message([
                    "id": .leaf, "name": .leaf, "response": .leaf, "willContinue": .leaf, "scheduling": .leaf,
                    "parts": .leaf,
                ]))
        ]),
        // The tools list may come wrapped (`{"tools": [...]}`) or bare; both are left to the decoder.
        "contextUpdate": .message(["systemInstruction": content, "tools": .leaf]),
    ])

    /// The first member of `value` the proto does not know, as (name, snake_case path of its parent).
    static func firstUnknownField(in value: JSONValue) -> (name: String, path: String)? {
        firstUnknown(value, clientMessage, path: "")
    }

    private static func firstUnknown(_ value: JSONValue, _ node: Node, path: String) -> (name: String, path: String)? {
        switch node {
        case .leaf:
            return nil
        case .list(let element):
            guard case .array(let elements) = value else { return firstUnknown(value, element, path: path) }
            for (position, item) in elements.enumerated() {
                if let found = firstUnknown(item, element, path: "\(path)[\(position)]") { return found }
            }
            return nil
        case .message(let fields):
            guard case .object(let object) = value else { return nil }
            for (key, member) in object {
                guard let child = fields[camelCase(key)] else { return (key, path) }
                let childPath = path.isEmpty ? snakeCase(key) : path + "." + snakeCase(key)
                if let found = firstUnknown(member, child, path: childPath) { return found }
            }
            return nil
        }
    }

    /// `media_chunks` → `mediaChunks`; camelCase names pass unchanged.
    static func camelCase(_ name: String) -> String { FieldNameSpelling.camelCase(name) }

    /// `mediaChunks` → `media_chunks`, the proto name the service's messages use.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result.append("_")
                result.append(Character(character.lowercased()))
            } else {
                result.append(character)
            }
        }
        return result
    }
}
