/// The message types' rule for a member's name, on raw key bytes: `camelName` itself or its snake_case spelling
/// (`mime_type` for `mimeType`), as `MessageFields` matches decoded keys.
package enum WireFieldName {
    /// Whether `key` (the text between a key's quotes, holding no escape) names `camelName`.
    @inline(__always)
    package static func matches(_ key: UnsafeRawBufferPointer, _ camelName: StaticString) -> Bool {
        let nameCount = camelName.utf8CodeUnitCount
        // Snake case only ever adds bytes, so a key as long as the name must be the name itself; most keys
        // compared are another member's, and differ in length.
        if key.count == nameCount {
            let name = camelName.utf8Start
            for offset in 0..<nameCount where key[offset] != name[offset] { return false }
            return true
        }
        return key.count > nameCount && matchesSnakeCase(key, camelName)
    }

    private static func matchesSnakeCase(_ key: UnsafeRawBufferPointer, _ camelName: StaticString) -> Bool {
        let nameCount = camelName.utf8CodeUnitCount
        let name = camelName.utf8Start
        var position = 0
        for offset in 0..<nameCount {
            guard position < key.count else { return false }
            let byte = name[offset]
            let next = key[position]
            position += 1
            if next == byte { continue }
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            guard isUpper, next == UInt8(ascii: "_"), position < key.count, key[position] == byte | 0x20 else {
                return false
            }
            position += 1
        }
        return position == key.count
    }
}
