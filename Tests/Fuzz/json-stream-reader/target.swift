/// JSONStreamReader over bytes in memory: it never crashes and never loops (every call yields, throws or ends,
/// and each consumes input), values come in line order and re-parse from their compact text, every error
/// names a line of the input, and an input that is one JSON value (with whitespace around it) is read as
/// exactly that value, from the line where it starts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: size))
    let lineCount = bytes.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    var reader = JSONStreamReader(bytes: bytes, sourceName: "fuzz")
    var values: [JSONStreamValue] = []
    var errors: [LineError] = []
    var calls = 0
    while true {
        calls += 1
        // Each value or error consumes at least one byte, so more calls than bytes means a loop.
        if calls > size + 2 { violated("\(calls) calls on \(size) bytes: the reader loops") }
        do {
            guard let value = try reader.next() else { break }
            values.append(value)
        } catch let error as LineError {
            errors.append(error)
        } catch {
            violated("an in-memory read threw \(error)")
        }
    }
    if (try? reader.next()) != nil { violated("a value after the end") }
    var lastLine = 0
    for value in values {
        if value.line < lastLine || value.line < 1 || value.line > lineCount {
            violated("value on line \(value.line) after line \(lastLine) of \(lineCount)")
        }
        lastLine = value.line
        guard (try? JSONParser.parse(value.value.compactBytes)) == value.value else {
            violated("a yielded value does not re-parse to itself")
        }
    }
    for error in errors {
        if error.line < 1 || error.line > lineCount || error.source != "fuzz" {
            violated("error \(error) names no line of the \(lineCount)")
        }
    }
    if let whole = try? JSONParser.parse(bytes) {
        let first = bytes.firstIndex { !(0x20 == $0 || 0x09 == $0 || 0x0A == $0 || 0x0D == $0) }!
        let startLine = 1 + bytes[..<first].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        guard errors.isEmpty, values == [JSONStreamValue(line: startLine, value: whole)] else {
            violated("one JSON value read as \(values.count) values and \(errors.count) errors")
        }
    }
    return 0
}
