/// NDJSONSplitter, the tools' one line splitter, against a reference split: the input cut at every `\n`, each
/// piece numbered and trimmed by `NDJSONLine.content`, blank pieces skipped, a last piece without `\n` kept. Each
/// execution feeds the input in one way drawn from it (whole, a byte at a time, or a chunking of 1 byte to
/// 64 KiB pieces, some empty) through both entries: `append`/`next`/`finish` (sometimes several chunks before the
/// lines are taken) and the range entry with the caller keeping the unconsumed tail. Both must give the
/// reference's lines. One feeding per execution, not several: the fuzzer explores the feedings across executions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    let bytes = Array(input)
    let expected = referenceLines(bytes)
    var choices = FuzzChoices(input)
    let chunks: [Range<Int>]
    switch choices.below(4) {
    case 0: chunks = [0..<size]
    case 1: chunks = (0..<size).map { $0..<$0 + 1 }
    default: chunks = choices.chunks(covering: size)
    }
    do {
        var splitter = NDJSONSplitter()
        var lines: [NDJSONLine] = []
        for chunk in chunks {
            splitter.append(bytes[chunk])
            if choices.below(4) != 0 {
                while let line = splitter.next() { lines.append(line) }
            }
        }
        while let line = splitter.next() { lines.append(line) }
        if let last = splitter.finish() { lines.append(last) }
        guard lines == expected else {
            violated("append/next: \(lines.count) lines in \(chunks.count) chunks, the reference \(expected.count)")
        }
        var ranges = NDJSONSplitter()
        var kept: [UInt8] = []
        var fromRanges: [NDJSONLine] = []
        for (index, chunk) in chunks.enumerated() {
            kept += bytes[chunk]
            let final = index == chunks.count - 1
            let consumed = kept.withUnsafeBytes { raw in
                ranges.lines(in: raw, final: final) { line, content, number in
                    precondition(line.upperBound <= raw.count && (content.map { line.contains($0.lowerBound) } ?? true))
                    if let content { fromRanges.append(NDJSONLine(number: number, bytes: Array(raw[content]))) }
                    return true
                }
            }
            kept.removeFirst(consumed)
        }
        if chunks.isEmpty {
            _ = kept.withUnsafeBytes { raw in ranges.lines(in: raw, final: true) { _, _, _ in true } }
        }
        guard fromRanges == expected else {
            violated("ranges: \(fromRanges.count) lines in \(chunks.count) chunks, the reference \(expected.count)")
        }
    }
    return 0
}

/// The documented rule, the slow way.
func referenceLines(_ bytes: [UInt8]) -> [NDJSONLine] {
    var lines: [NDJSONLine] = []
    var start = 0
    var number = 0
    while start < bytes.count {
        let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        number += 1
        if let content = NDJSONLine.content(of: start..<end, in: bytes, lineNumber: number) {
            lines.append(NDJSONLine(number: number, bytes: Array(bytes[content])))
        }
        start = end + 1
    }
    return lines
}
