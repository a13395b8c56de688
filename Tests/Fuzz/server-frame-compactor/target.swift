/// The session's server-frame compactor against JSONParser: it accepts exactly the texts the parser accepts,
/// its output parses to the same value as its input and is already compact (compacting it again changes
/// nothing), and the `modelTurn` member it marks is that member: the text without it parses, to the input
/// without it when the keys involved are unambiguous.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let parsed = try? JSONParser.parse(input)
    guard let compact = CompactServerText(input) else {
        if parsed != nil { violated("the compactor rejects a text the parser accepts") }
        return 0
    }
    guard let parsed else { violated("the compactor accepts a text the parser rejects") }
    guard let output = try? JSONParser.parse(compact.bytes) else { violated("the compact text does not parse") }
    guard output == parsed else { violated("the compact text parses to a different value") }
    let again = compact.bytes.withUnsafeBytes { CompactServerText($0) }
    guard let again, again.bytes == compact.bytes, again.modelTurn == compact.modelTurn else {
        violated("compacting the compact text changes it")
    }
    guard let range = compact.modelTurn else { return 0 }
    guard range.lowerBound > 0, range.upperBound < compact.bytes.count else { violated("modelTurn at an edge") }
    let member = try? JSONParser.parse([UInt8(ascii: "{")] + compact.bytes[range] + [UInt8(ascii: "}")])
    guard case .object(let object)? = member, object.count == 1,
        object.keys[0] == "modelTurn" || object.keys[0] == "model_turn"
    else { violated("the marked range is not one modelTurn member") }
    guard let rest = try? JSONParser.parse(compact.withoutModelTurn) else {
        violated("the text without modelTurn does not parse")
    }
    // With one serverContent holding one modelTurn, the member removed is that one.
    guard case .object(var top) = parsed else { violated("modelTurn marked outside an object") }
    let contentKeys = top.keys.filter { $0 == "serverContent" || $0 == "server_content" }
    guard contentKeys.count == 1, case .object(var content)? = top[contentKeys[0]] else { return 0 }
    let turnKeys = content.keys.filter { $0 == "modelTurn" || $0 == "model_turn" }
    guard turnKeys.count == 1 else { return 0 }
    content.removeValue(forKey: turnKeys[0])
    top[contentKeys[0]] = .object(content)
    guard rest == .object(top) else { violated("the text without modelTurn lost or kept something else") }
    return 0
}
