/// Base64 on arbitrary bytes, both alphabets.
///
/// The input is decoded as text by the array decoder, the buffer decoder and a plain reference decoder (one
/// character at a time, standard and URL-safe alphabets, optional `=` padding), which must all agree on the
/// bytes or on the offset of the error. The input is also encoded as data: the encoding has the promised
/// length and alphabet, and decodes back to the input padded or not, and with any mix of URL-safe characters.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    checkDecoders(input)
    checkRoundTrip(input)
    return 0
}

/// The reference: what `Base64.decode` documents, written the slow, obvious way.
func referenceDecode(_ text: UnsafeRawBufferPointer) -> Result<[UInt8], Base64Error> {
    var length = text.count
    while length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
    let padding = text.count - length
    if padding > 2 || (padding > 0 && text.count % 4 != 0) { return .failure(Base64Error(offset: length)) }
    var output: [UInt8] = []
    var bits: UInt32 = 0
    var bitCount = 0
    for offset in 0..<length {
        let value: UInt32
        switch text[offset] {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(text[offset] - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(text[offset] - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(text[offset] - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
        default: return .failure(Base64Error(offset: offset))
        }
        bits = bits << 6 | value
        bitCount += 6
        if bitCount >= 8 {
            bitCount -= 8
            output.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
        }
    }
    // A lone character in the last quantum holds six bits, not a byte: the text was cut short.
    if length % 4 == 1 { return .failure(Base64Error(offset: length - 1)) }
    return .success(output)
}

func checkDecoders(_ text: UnsafeRawBufferPointer) {
    let expected = referenceDecode(text)
    let fromArray = Result { () throws(Base64Error) in try Base64.decode(text) }
    let fromCollection = Result { () throws(Base64Error) in try Base64.decode(Array(text)) }
    let capacity = Base64.maximumDecodedCount(text.count)
    // Room for exactly the promised bytes, so ASan sees any write past them.
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1), alignment: 1)
    defer { buffer.deallocate() }
    let fromBuffer = Result { () throws(Base64Error) in
        let count = try Base64.decode(text, into: buffer)
        if count > capacity { violated("the buffer decoder wrote \(count) bytes into room for \(capacity)") }
        return Array(UnsafeRawBufferPointer(start: buffer, count: count))
    }
    for (name, result) in [("array", fromArray), ("collection", fromCollection), ("buffer", fromBuffer)] {
        switch (result, expected) {
        case (.success(let bytes), .success(let reference)):
            if bytes != reference { violated("the \(name) decoder's bytes differ from the reference") }
        case (.failure(let error), .failure(let reference)):
            if error.offset != reference.offset {
                violated("the \(name) decoder blames offset \(error.offset), the reference \(reference.offset)")
            }
        case (.success, .failure(let reference)):
            violated("the \(name) decoder accepts what the reference rejects at \(reference.offset)")
        case (.failure(let error), .success):
            violated("the \(name) decoder rejects at \(error.offset) what the reference accepts")
        }
    }
}

func checkRoundTrip(_ bytes: UnsafeRawBufferPointer) {
    var encoded: [UInt8] = [0x21]  // a byte already there, which encode(_:into:) must keep
    Base64.encode(bytes, into: &encoded)
    guard encoded.first == 0x21 else { violated("encode overwrote the output's existing bytes") }
    encoded.removeFirst()
    guard encoded.count == Base64.encodedCount(bytes.count) else { violated("encoded length") }
    guard encoded == Array(Base64.encodedString(Array(bytes)).utf8) else { violated("encodedString disagrees") }
    let standard = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    let body = encoded.prefix { $0 != UInt8(ascii: "=") }
    guard body.allSatisfy(standard.contains), encoded.count - body.count <= 2,
        encoded[body.count...].allSatisfy({ $0 == UInt8(ascii: "=") })
    else { violated("the encoding is not padded standard base64") }

    let original = Array(bytes)
    guard (try? Base64.decode(encoded)) == original else { violated("decode(encode(x)) != x") }
    guard (try? Base64.decode(Array(body))) == original else { violated("unpadded decode(encode(x)) != x") }
    var choices = FuzzChoices(bytes)
    var urlSafe = choices.below(2) == 0 ? encoded : Array(body)
    let mixed = choices.below(2) == 0
    for index in urlSafe.indices where !mixed || choices.below(2) == 0 {
        if urlSafe[index] == UInt8(ascii: "+") { urlSafe[index] = UInt8(ascii: "-") }
        if urlSafe[index] == UInt8(ascii: "/") { urlSafe[index] = UInt8(ascii: "_") }
    }
    guard (try? Base64.decode(urlSafe)) == original else { violated("URL-safe decode(encode(x)) != x") }
}
