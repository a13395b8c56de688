#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fast path for the server's model output: a `serverContent` message recognised in a JSON value's bytes
/// without building a tree, its inline data left as ranges to decode where the caller wants it.
///
/// It recognises any layout of the same members (compact, pretty-printed, other separators or key orders, either
/// key casing): model-turn parts with `inlineData`, `text` and `thought`, the model turn's `role`, input and output
/// transcriptions, and the `turnComplete`, `generationComplete`, `interrupted` and `waitingForInput` flags. Anything
/// else (another member, `null`, a number, an escaped key, a duplicate) makes it decline, and the caller takes the
/// full parser, `ServerMessage(json: JSONParser.parse(bytes))`.
///
/// A recognised value means what the full parser means by it as soon as every inline data decodes: then
/// `message(in:inlineData:)` equals the full parse. When some data does not decode, the caller takes the full
/// parser too, so its diagnostics (or its reading of an escaped base64 text) stay the only ones.
public struct ServerMediaMessage: Sendable, Equatable {
    /// The model turn's parts, in order; empty when there is no model turn.
    public private(set) var parts = Parts()
    /// Whether the message has a `modelTurn` (which may have no parts).
    public private(set) var hasModelTurn = false
    /// `serverContent.turnComplete`.
    public private(set) var turnComplete: Bool?
    /// `serverContent.generationComplete`.
    public private(set) var generationComplete: Bool?
    /// `serverContent.interrupted`.
    public private(set) var interrupted: Bool?
    /// `serverContent.waitingForInput`.
    public private(set) var waitingForInput: Bool?
    /// The members nearly every audio message goes without, boxed so that the message stays small: it is made
    /// for every line of a long decode, and copying a large one costs more than recognising it.
    private var rarerMembers: RarerMembersBox?

    /// The model turn's role.
    var role: FastPathText? { rarerMembers?.members.role }
    /// `serverContent.inputTranscription`.
    var inputTranscription: TranscriptionText? { rarerMembers?.members.inputTranscription }
    /// `serverContent.outputTranscription`.
    var outputTranscription: TranscriptionText? { rarerMembers?.members.outputTranscription }

    /// A transcription's members.
    struct TranscriptionText: Sendable, Equatable {
        var text: FastPathText?
        var finished: Bool?
    }

    /// The role and the transcriptions.
    struct RarerMembers: Sendable, Equatable {
        var role: FastPathText?
        var inputTranscription: TranscriptionText?
        var outputTranscription: TranscriptionText?
    }

    final class RarerMembersBox: Sendable, Equatable {
        let members: RarerMembers

        init(_ members: RarerMembers) {
            self.members = members
        }

        static func == (left: RarerMembersBox, right: RarerMembersBox) -> Bool {
            left.members == right.members
        }
    }

    /// Whether the message carries an input or output transcription.
    public var hasTranscription: Bool { inputTranscription != nil || outputTranscription != nil }

    /// Whether the message is a model turn of inline data parts and nothing else: no role, text, flag or
    /// transcription.
    public var holdsOnlyInlineData: Bool {
        hasModelTurn && role == nil && !hasTranscription && turnComplete == nil && generationComplete == nil
            && interrupted == nil && waitingForInput == nil
            && parts.areInlineDataAlone
    }

    /// Recognises `value`, the bytes of one JSON value (surrounding whitespace allowed); nil when it is anything
    /// but a server content message of the members listed above.
    public init?(_ value: UnsafeRawBufferPointer) {
        // Built in place: the message is large enough that copying it would cost more than the comparisons.
        if let chunk = Self.compactInlineData(value) {
            hasModelTurn = true
            parts.append(RecognisedPart(inlineData: chunk))
            return
        }
        guard let walked = ServerMediaMessage(walking: value) else { return nil }
        self = walked
    }

    /// Recognises `value` by walking its structure: what `init?(_:)` does for every value but the compact line of
    /// one chunk, and the rule that line is held to.
    init?(walking value: UnsafeRawBufferPointer) {
        var scanner = FastPathScanner(value)
        var rarer = RarerMembers()
        // The one member `serverContent`; every other top-level member is one the fast path does not know.
        guard scanner.take(UInt8(ascii: "{")), let key = scanner.key(), WireFieldName.matches(key, "serverContent"),
            readContent(&scanner, rarer: &rarer), scanner.take(UInt8(ascii: "}")), scanner.isAtEnd()
        else { return nil }
        if rarer != RarerMembers() { rarerMembers = RarerMembersBox(rarer) }
    }

    private static let compactPrefix = Array(
        #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":""#.utf8)
    private static let compactSeparator = Array(#"","data":""#.utf8)
    private static let compactSuffix = Array(#""}}]}}}"#.utf8)

    /// The chunk of the compact line the session writes for nearly every frame,
    /// `{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"…","data":"…"}}]}}}`, checked byte for
    /// byte: the walk costs several times as much as the comparisons, on the hot path of a long decode. Nil for
    /// anything else, which is left to the walk; both read this line the same way, by the same MIME and base64
    /// string rules.
    private static func compactInlineData(_ value: UnsafeRawBufferPointer) -> InlineData? {
        guard has(compactPrefix, in: value, at: 0) else { return nil }
        let mimeStart = compactPrefix.count
        guard let mimeEnd = MediaLineMIMEType.end(in: value, from: mimeStart),
            has(compactSeparator, in: value, at: mimeEnd)
        else { return nil }
        let dataStart = mimeEnd + compactSeparator.count
        let dataEnd = value.count - compactSuffix.count
        guard dataEnd >= dataStart, has(compactSuffix, in: value, at: dataEnd) else { return nil }
        var scanner = FastPathScanner(value, at: dataStart - 1)
        guard let data = scanner.base64(), data.upperBound == dataEnd else { return nil }
        return InlineData(mimeType: mimeStart..<mimeEnd, data: data)
    }

    private static func has(_ expected: [UInt8], in value: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard value.count - offset >= expected.count else { return false }
        return expected.withUnsafeBytes { memcmp(value.baseAddress! + offset, $0.baseAddress!, $0.count) == 0 }
    }

    /// Reads the members of `serverContent`.
    private mutating func readContent(_ scanner: inout FastPathScanner, rarer: inout RarerMembers) -> Bool {
        var seen = FieldSet()
        return scanner.object { scanner, key in
            if WireFieldName.matches(key, "modelTurn") {
                guard seen.insert(0) else { return false }
                hasModelTurn = true
                return readModelTurn(&scanner, role: &rarer.role)
            } else if WireFieldName.matches(key, "outputTranscription") {
                guard seen.insert(1), let transcription = Self.readTranscription(&scanner) else { return false }
                rarer.outputTranscription = transcription
            } else if WireFieldName.matches(key, "inputTranscription") {
                guard seen.insert(2), let transcription = Self.readTranscription(&scanner) else { return false }
                rarer.inputTranscription = transcription
            } else if WireFieldName.matches(key, "turnComplete") {
                guard seen.insert(3), let flag = scanner.bool() else { return false }
                turnComplete = flag
            } else if WireFieldName.matches(key, "generationComplete") {
                guard seen.insert(4), let flag = scanner.bool() else { return false }
                generationComplete = flag
            } else if WireFieldName.matches(key, "interrupted") {
                guard seen.insert(5), let flag = scanner.bool() else { return false }
                interrupted = flag
            } else if WireFieldName.matches(key, "waitingForInput") {
                guard seen.insert(6), let flag = scanner.bool() else { return false }
                waitingForInput = flag
            } else {
                return false
            }
            return true
        }
    }

    private mutating func readModelTurn(_ scanner: inout FastPathScanner, role: inout FastPathText?) -> Bool {
        var seen = FieldSet()
        return scanner.object { scanner, key in
            if WireFieldName.matches(key, "parts") {
                guard seen.insert(0) else { return false }
                return scanner.array { scanner in
                    guard let part = Self.readPart(&scanner) else { return false }
                    parts.append(part)
                    return true
                }
            } else if WireFieldName.matches(key, "role") {
                guard seen.insert(1), let text = scanner.text() else { return false }
                role = text
                return true
            }
            return false
        }
    }

    private static func readPart(_ scanner: inout FastPathScanner) -> RecognisedPart? {
        var part = RecognisedPart()
        var seen = FieldSet()
        let valid = scanner.object { scanner, key in
            if WireFieldName.matches(key, "inlineData") {
                guard seen.insert(0), let blob = scanner.blob() else { return false }
                part.inlineData = InlineData(mimeType: blob.mimeType, data: blob.data)
            } else if WireFieldName.matches(key, "text") {
                guard seen.insert(1), let text = scanner.text() else { return false }
                part.text = text
            } else if WireFieldName.matches(key, "thought") {
                guard seen.insert(2), let flag = scanner.bool() else { return false }
                part.thought = flag
            } else {
                return false
            }
            return true
        }
        return valid ? part : nil
    }

    private static func readTranscription(_ scanner: inout FastPathScanner) -> TranscriptionText? {
        var transcription = TranscriptionText()
        var seen = FieldSet()
        let valid = scanner.object { scanner, key in
            if WireFieldName.matches(key, "text") {
                guard seen.insert(0), let text = scanner.text() else { return false }
                transcription.text = text
            } else if WireFieldName.matches(key, "finished") {
                guard seen.insert(1), let flag = scanner.bool() else { return false }
                transcription.finished = flag
            } else {
                return false
            }
            return true
        }
        return valid ? transcription : nil
    }
}
