extension ServerMediaMessage {
    /// One part of the model turn, as positions in the value's bytes.
    public struct RecognisedPart: Sendable, Equatable {
        /// The part's inline data, when it has some.
        public internal(set) var inlineData: InlineData?
        var text: FastPathText?
        var thought: Bool?

        /// Whether the part has text (an answer, or with `thought` the model's reasoning).
        public var hasText: Bool { text != nil }
    }

    /// Where one part's inline data lies in the value's bytes.
    public struct InlineData: Sendable, Equatable {
        /// The MIME type's characters, which are the MIME type itself (printable ASCII, nothing escaped); empty
        /// when the part gives none.
        public let mimeType: Range<Int>
        /// The base64 characters, not yet checked; empty when the part gives no data.
        public let data: Range<Int>

        /// The most bytes the data can decode to: the room `decode(in:into:)` needs.
        public var maximumDecodedCount: Int { Base64.maximumDecodedCount(data.count) }

        /// The MIME type's bytes in `value`, the bytes this was recognised in: what a caller compares with the
        /// MIME type it already holds, to make a `String` only when it changes.
        public func mimeTypeBytes(in value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: value[mimeType])
        }

        /// The MIME type as text.
        public func mimeTypeText(in value: UnsafeRawBufferPointer) -> String {
            String(decoding: mimeTypeBytes(in: value), as: UTF8.self)
        }

        /// Decodes the data in `value` into `output`, which has room for `maximumDecodedCount` bytes; how many it
        /// wrote, or nil when the text is not base64 (then the message is the full parser's to read).
        public func decode(in value: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) -> Int? {
            try? Base64.decode(UnsafeRawBufferPointer(rebasing: value[data]), into: output)
        }

        /// The decoded data; nil when the text is not base64.
        public func decodedData(in value: UnsafeRawBufferPointer) -> [UInt8]? {
            var valid = true
            let bytes = [UInt8](unsafeUninitializedCapacity: maximumDecodedCount) { buffer, initialized in
                guard let base = buffer.baseAddress, let count = decode(in: value, into: UnsafeMutableRawPointer(base))
                else {
                    valid = data.isEmpty
                    initialized = 0
                    return
                }
                initialized = count
            }
            return valid ? bytes : nil
        }
    }

    /// The parts of a model turn; one part is held without allocating, as nearly every audio message has.
    public struct Parts: RandomAccessCollection, Sendable, Equatable {
        private var first: RecognisedPart?
        private var rest: [RecognisedPart] = []

        init() {}

        public var startIndex: Int { 0 }
        public var endIndex: Int { first == nil ? 0 : 1 + rest.count }

        public subscript(position: Int) -> RecognisedPart {
            position == 0 ? first! : rest[position - 1]
        }

        mutating func append(_ part: RecognisedPart) {
            if first == nil { first = part } else { rest.append(part) }
        }
    }
}
