import GeminiLiveProtocol

/// A server message's JSON text made compact in one validating pass, and where its model output lies.
///
/// The service sends pretty-printed frames, each mostly one long base64 string. Parsing such a frame into a
/// tree, writing the tree back out and decoding the audio costs tens of microseconds per frame on the relay's
/// hot path; this pass only drops the whitespace between tokens, checking the JSON grammar as it goes, and
/// copies strings whole. Every other byte is kept as the server sent it (escapes, number spellings, member
/// order).
struct CompactServerText: Sendable {
    /// The compact text.
    var bytes: [UInt8]
    /// Where the member `"modelTurn":{...}` of `serverContent` lies in `bytes`, if there is one: the part of
    /// a frame the session relays without reading it.
    var modelTurn: Range<Int>?

    /// Deepest nesting accepted, as `JSONParser` does.
    static let maximumDepth = 512

    private enum Expect {
        case value, valueOrEnd, key, keyOrEnd, colon, commaOrEnd, nothing
    }

    /// Compacts `input`; nil when it is not one valid JSON text (grammar, escapes, control bytes, UTF-8).
    init?(_ input: UnsafeRawBufferPointer) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        // Containers open, innermost last: true for an object.
        var objects: [Bool] = []
        var expect = Expect.value
        var sawNonASCII = false
        // Model output tracking: the depth-1 key just read, whether the open depth-2 object is
        // `serverContent`, the depth-2 key just read and where its member started, and where the
        // `modelTurn` member started once its value began.
        var topKeyIsServerContent = false
        var insideServerContent = false
        var contentKeyIsModelTurn = false
        var contentKeyStart = 0
        var modelTurnStart: Int?
        var modelTurn: Range<Int>?
        var index = 0
        let count = input.count

        while index < count {
            let byte = input[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                index += 1
                continue
            }
            switch expect {
            case .nothing:
                return nil
            case .colon:
                guard byte == UInt8(ascii: ":") else { return nil }
                output.append(byte)
                index += 1
                expect = .value
                continue
            case .commaOrEnd:
                if byte == UInt8(ascii: ",") {
                    output.append(byte)
                    index += 1
                    expect = objects.last! ? .key : .value
                    continue
                }
                guard byte == (objects.last! ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
            case .key, .keyOrEnd:
                if byte == UInt8(ascii: "}"), expect == .keyOrEnd { break }
                guard byte == UInt8(ascii: "\"") else { return nil }
                guard let end = Self.stringEnd(input, openingQuote: index, sawNonASCII: &sawNonASCII) else {
                    return nil
                }
                let key = UnsafeRawBufferPointer(rebasing: input[index + 1..<end - 1])
                if objects.count == 1 {
                    topKeyIsServerContent = WireFieldName.matches(key, "serverContent")
                } else if objects.count == 2, insideServerContent {
                    contentKeyIsModelTurn = WireFieldName.matches(key, "modelTurn")
                    contentKeyStart = output.count
                }
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<end]))
                index = end
                expect = .colon
                continue
            case .value, .valueOrEnd:
                if byte == UInt8(ascii: "]"), expect == .valueOrEnd { break }
                let isModelTurnValue = objects.count == 2 && insideServerContent && contentKeyIsModelTurn
                if isModelTurnValue { modelTurnStart = contentKeyStart }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard objects.count < Self.maximumDepth else { return nil }
                    let isObject = byte == UInt8(ascii: "{")
                    if objects.count == 1, isObject, topKeyIsServerContent {
                        insideServerContent = true
                        contentKeyIsModelTurn = false
                    }
                    objects.append(isObject)
                    output.append(byte)
                    index += 1
                    expect = isObject ? .keyOrEnd : .valueOrEnd
                    continue
                case UInt8(ascii: "\""):
                    guard let end = Self.stringEnd(input, openingQuote: index, sawNonASCII: &sawNonASCII) else {
                        return nil
                    }
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<end]))
                    index = end
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let literal: StaticString =
                        byte == UInt8(ascii: "t") ? "true" : byte == UInt8(ascii: "f") ? "false" : "null"
                    let length = literal.utf8CodeUnitCount
                    guard index + length <= count else { return nil }
                    for offset in 0..<length where input[index + offset] != literal.utf8Start[offset] { return nil }
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<index + length]))
                    index += length
                default:
                    guard let end = Self.numberEnd(input, start: index) else { return nil }
                    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[index..<end]))
                    index = end
                }
                if isModelTurnValue, let start = modelTurnStart {
                    modelTurn = start..<output.count
                    modelTurnStart = nil
                }
                expect = objects.isEmpty ? .nothing : .commaOrEnd
                continue
            }
            // A container closes (the cases above fall through to here only on `}` or `]`).
            objects.removeLast()
            output.append(byte)
            index += 1
            if objects.count == 2, insideServerContent, contentKeyIsModelTurn, let start = modelTurnStart {
                modelTurn = start..<output.count
                modelTurnStart = nil
            }
            if objects.count == 1 { insideServerContent = false }
            expect = objects.isEmpty ? .nothing : .commaOrEnd
        }
        guard expect == .nothing else { return nil }
        if sawNonASCII {
            let valid = output.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
            guard valid else { return nil }
        }
        bytes = output
        self.modelTurn = modelTurn
    }

    /// The text without the `modelTurn` member (and one comma beside it): what the session decodes.
    var withoutModelTurn: [UInt8] {
        guard var removed = modelTurn else { return bytes }
        if bytes[removed.lowerBound - 1] == UInt8(ascii: ",") {
            removed = removed.lowerBound - 1..<removed.upperBound
        } else if bytes[removed.upperBound] == UInt8(ascii: ",") {
            removed = removed.lowerBound..<removed.upperBound + 1
        }
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count - removed.count)
        text.append(contentsOf: bytes[..<removed.lowerBound])
        text.append(contentsOf: bytes[removed.upperBound...])
        return text
    }

    /// The index just past the closing quote of the string opening at `openingQuote`; nil if it is invalid.
    private static func stringEnd(_ input: UnsafeRawBufferPointer, openingQuote: Int, sawNonASCII: inout Bool)
        -> Int?
    {
        var index = openingQuote + 1
        let count = input.count
        while true {
            index = JSONParser.skipPlainWords(input, from: index)
            guard index < count else { return nil }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                return index + 1
            case UInt8(ascii: "\\"):
                guard index + 1 < count else { return nil }
                switch input[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard let unit = hex4(input, at: index + 2) else { return nil }
                    index += 6
                    // Surrogates only as a high one escaped right before a low one, as JSONParser requires.
                    if unit >= 0xDC00 && unit <= 0xDFFF { return nil }
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        guard index + 1 < count, input[index] == UInt8(ascii: "\\"),
                            input[index + 1] == UInt8(ascii: "u"), let low = hex4(input, at: index + 2),
                            low >= 0xDC00 && low <= 0xDFFF
                        else { return nil }
                        index += 6
                    }
                default:
                    return nil
                }
            case 0..<0x20:
                return nil
            default:
                if byte >= 0x80 { sawNonASCII = true }
                index += 1
            }
        }
    }

    /// The end of the number starting at `start` (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`); nil if none.
    private static func numberEnd(_ input: UnsafeRawBufferPointer, start: Int) -> Int? {
        var index = start
        let count = input.count
        if index < count, input[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, isDigit(input[index]) else { return nil }
        index = input[index] == UInt8(ascii: "0") ? index + 1 : digitsEnd(input, from: index)
        if index < count, input[index] == UInt8(ascii: ".") {
            let end = digitsEnd(input, from: index + 1)
            guard end > index + 1 else { return nil }
            index = end
        }
        if index < count, input[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") { index += 1 }
            let end = digitsEnd(input, from: index)
            guard end > index else { return nil }
            index = end
        }
        return index
    }

    private static func digitsEnd(_ input: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < input.count, isDigit(input[index]) { index += 1 }
        return index
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of the four hex digits at `start`; nil if they are not four hex digits.
    private static func hex4(_ input: UnsafeRawBufferPointer, at start: Int) -> UInt32? {
        guard start + 4 <= input.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = input[start + offset]
            guard isHexDigit(byte) else { return nil }
            let digit = isDigit(byte) ? byte - UInt8(ascii: "0") : (byte | 0x20) - UInt8(ascii: "a") + 10
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
