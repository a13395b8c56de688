import Testing

@testable import GeminiLiveEncoder

@Suite struct AudioChunkerTests {
    /// Splits `total` bytes fed in blocks of `block` and returns the chunk sizes emitted.
    func chunkSizes(total: Int, block: Int, chunk: Int, silence: Int = 0) -> (sizes: [Int], bytes: [UInt8]) {
        var chunker = AudioChunker(chunkBytes: chunk)
        let input = (0..<total).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        var sizes: [Int] = []
        var out: [UInt8] = []
        let emit: (UnsafeRawBufferPointer) -> Void = {
            sizes.append($0.count)
            out.append(contentsOf: $0)
        }
        var offset = 0
        while offset < total {
            let n = min(block, total - offset)
            input[offset..<offset + n].withUnsafeBytes { chunker.append($0, emit: emit) }
            offset += n
        }
        chunker.appendSilence(byteCount: silence, emit: emit)
        chunker.finish(emit: emit)
        return (sizes, out)
    }

    @Test("any block size gives the same exact chunks", arguments: [1, 2, 7, 100, 3_200, 3_201, 100_000])
    func blockSizeDoesNotMatter(block: Int) {
        let (sizes, bytes) = chunkSizes(total: 10_000, block: block, chunk: 3_200)
        #expect(sizes == [3_200, 3_200, 3_200, 400])
        #expect(bytes == (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) })
    }

    @Test func silenceFillsTheLastChunkFirst() {
        let (sizes, bytes) = chunkSizes(total: 1_000, block: 64, chunk: 400, silence: 600)
        #expect(sizes == [400, 400, 400, 400])
        #expect(bytes[1_000...].allSatisfy { $0 == 0 })
    }

    @Test func exactMultipleHasNoShortTail() {
        #expect(chunkSizes(total: 6_400, block: 1_000, chunk: 3_200).sizes == [3_200, 3_200])
        #expect(chunkSizes(total: 0, block: 1, chunk: 3_200).sizes == [])
    }
}
