/// JSONParser on arbitrary bytes: it never crashes, an error's offset lies within the input, and whatever it
/// accepts is written by JSONWriter into bytes that parse back to the same value (and write the same again).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let value: JSONValue
    do {
        value = try JSONParser.parse(input)
    } catch {
        if error.offset < 0 || error.offset > size { violated("error offset \(error.offset) outside 0...\(size)") }
        return 0
    }
    // The collection overload parses the same bytes the same way.
    guard (try? JSONParser.parse(Array(input))) == value else { violated("the array overload disagrees") }
    var written: [UInt8] = []
    JSONWriter.append(value, to: &written)
    guard written == value.compactBytes else { violated("append and compactBytes disagree") }
    let again: JSONValue
    do {
        again = try JSONParser.parse(written)
    } catch {
        violated("the written value does not parse: \(error)")
    }
    guard again == value else { violated("the written value parses to a different value") }
    var rewritten: [UInt8] = []
    JSONWriter.append(again, to: &rewritten)
    guard rewritten == written else { violated("writing is not stable") }
    return 0
}
