// Fuzz target: JSONValueSplitter cuts the same pieces from the same bytes however they are chunked, never
// crashes or loops, and every value it hands out that parses is one whole value (splitting its compact form
// again gives exactly one value).

/// Every piece, feeding `bytes` in chunks whose sizes come from `sizes`, as the decoder's batches do.
private func pieces(_ bytes: [UInt8], sizes: [Int]) -> [String] {
    var splitter = JSONValueSplitter()
    var found: [String] = []
    var kept: [UInt8] = []
    var offset = 0
    var turn = 0
    while true {
        let final = offset >= bytes.count
        if !final {
            let size = sizes.isEmpty ? bytes.count : max(1, sizes[turn % sizes.count])
            turn += 1
            kept += bytes[offset..<min(offset + size, bytes.count)]
            offset += size
        }
        let consumed = kept.withUnsafeBytes { raw in
            splitter.split(raw, final: final) { piece in
                switch piece {
                case .value(let range, let line, let column):
                    precondition(range.lowerBound >= 0 && range.upperBound <= raw.count && !range.isEmpty)
                    found.append("v\(line):\(column):" + String(decoding: raw[range], as: UTF8.self))
                case .problem(let line, let text):
                    found.append("p\(line):\(text)")
                }
            }
        }
        precondition(consumed >= 0 && consumed <= kept.count)
        kept.removeFirst(consumed)
        if final { return found }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    // The first byte picks the chunk sizes; the rest is the input.
    let control = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = pieces(bytes, sizes: [])
    let chunked = pieces(bytes, sizes: [control % 7 + 1, control / 7 + 1, 3])
    precondition(whole == chunked, "chunking changed the pieces")
    bytes.withUnsafeBytes { raw in
        var splitter = JSONValueSplitter()
        _ = splitter.split(raw, final: true) { piece in
            guard case .value(let range, _, _) = piece,
                let value = try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[range]))
            else { return }
            let compact = value.compactBytes
            var again = JSONValueSplitter()
            var count = 0
            compact.withUnsafeBytes { raw in
                _ = again.split(raw, final: true) { piece in
                    if case .value(let range, _, _) = piece { precondition(range == 0..<compact.count) }
                    count += 1
                }
            }
            precondition(count == 1, "a parsed value did not split back as one value")
        }
    }
    return 0
}
