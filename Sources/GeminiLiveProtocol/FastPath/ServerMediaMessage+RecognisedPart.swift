#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ServerMediaMessage {
    /// One part of the model turn, as positions in the value's bytes.
    public struct RecognisedPart: Sendable, Equatable {
        /// The part's inline data, when it has some.
        public internal(set) var inlineData: InlineData?
        var text: FastPathText?
        var thought: Bool?

        /// Whether the part has text (an answer, or with `thought` the model's reasoning).
        public var hasText: Bool { text != nil }

        init() {}

        /// A part of inline data alone.
        @usableFromInline
        init(inlineData: InlineData) {
            self.inlineData = inlineData
        }

        /// Whether the part is inline data and nothing else.
        var isInlineDataAlone: Bool { inlineData != nil && text == nil && thought == nil }
    }

    /// Where one part's inline data lies in the value's bytes.
    public struct InlineData: Sendable, Equatable {
        /// The MIME type's characters, which are the MIME type itself (plain ASCII by `MediaLineMIMEType`, nothing
        /// escaped); empty when the part gives none.
        public let mimeType: Range<Int>
        /// The base64 characters, not yet checked; empty when the part gives no data.
        public let data: Range<Int>

        /// The most bytes the data can decode to: the room `decode(in:into:)` needs.
        public var maximumDecodedCount: Int { Base64.maximumDecodedCount(data.count) }

        /// The MIME type's bytes in `value`, the bytes this was recognised in.
        public func mimeTypeBytes(in value: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: value[mimeType])
        }

        /// Whether the MIME type is `text`, byte for byte: what a caller holding the last MIME type asks, to make
        /// a `String` only when it changes (replies repeat one for every chunk).
        public func mimeType(in value: UnsafeRawBufferPointer, is text: String) -> Bool {
            let bytes = mimeTypeBytes(in: value)
            let equal = text.utf8.withContiguousStorageIfAvailable { held in
                held.count == bytes.count
                    && (held.isEmpty || memcmp(held.baseAddress!, bytes.baseAddress!, held.count) == 0)
            }
            return equal ?? text.utf8.elementsEqual(bytes)
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

    /// The parts of a model turn. One part of inline data alone, as nearly every audio message has, is held without
    /// allocating and in little room.
    ///
    /// The collection's members are inlinable so that callers in other modules (the decoder) get them specialised:
    /// through the generic witnesses each element read costs a coroutine frame.
    public struct Parts: RandomAccessCollection, Sendable, Equatable {
        @usableFromInline var onlyInlineData: InlineData?
        @usableFromInline var all: [RecognisedPart] = []

        init() {}

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { onlyInlineData == nil ? all.count : 1 }

        /// Whether every part is inline data and nothing else.
        var areInlineDataAlone: Bool {
            onlyInlineData != nil || all.allSatisfy(\.isInlineDataAlone)
        }

        @inlinable
        public subscript(position: Int) -> RecognisedPart {
            if let onlyInlineData {
                precondition(position == 0, "part index out of range")
                return RecognisedPart(inlineData: onlyInlineData)
            }
            return all[position]
        }

        mutating func append(_ part: RecognisedPart) {
            if all.isEmpty, onlyInlineData == nil, part.isInlineDataAlone {
                onlyInlineData = part.inlineData
                return
            }
            if let onlyInlineData {
                all.append(RecognisedPart(inlineData: onlyInlineData))
                self.onlyInlineData = nil
            }
            all.append(part)
        }

        public static func == (left: Parts, right: Parts) -> Bool {
            left.elementsEqual(right)
        }
    }
}
