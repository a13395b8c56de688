import Dispatch
import GeminiLiveProtocol
import Synchronization

/// Parses NDJSON batches on worker threads and hands the messages back in input order.
///
/// Parsing JSON and base64 is most of a decode's work and every line stands alone, so batches
/// are parsed concurrently while the calling thread assembles turns and writes outputs, which
/// must stay in order. At most `maxInFlight` batches exist at once, so memory stays bounded;
/// with live input a batch is whatever has arrived, and nothing waits for a batch to fill.
struct ParallelMessageDecoder {
    /// Parsed lines of one batch, filled by a worker.
    private final class Slot: Sendable {
        let results = Mutex<[(line: Int, message: ParsedMessage)]>([])
        let done = DispatchSemaphore(value: 0)
    }

    let maxInFlight = 4

    /// Runs to the end of `source`. `consume` gets each message in order; `commit` runs after each batch.
    func run(
        first: NDJSONBatchSource.Batch,
        rest source: inout NDJSONBatchSource,
        consume: (Int, ParsedMessage) throws(DecodeError) -> Void,
        commit: () throws(DecodeError) -> Void
    ) throws(DecodeError) {
        var pending: [Slot] = [Self.submit(first)]
        while true {
            // Read ahead only while that cannot block, unless nothing else is left to do.
            while pending.count < maxInFlight, pending.isEmpty || source.canReadWithoutBlocking {
                guard let batch = try source.nextBatch() else { break }
                pending.append(Self.submit(batch))
            }
            guard !pending.isEmpty else { return }
            let slot = pending.removeFirst()
            slot.done.wait()
            let results = slot.results.withLock { $0 }
            for result in results { try consume(result.line, result.message) }
            try commit()
        }
    }

    private static func submit(_ batch: NDJSONBatchSource.Batch) -> Slot {
        let slot = Slot()
        DispatchQueue.global().async {
            var results: [(line: Int, message: ParsedMessage)] = []
            results.reserveCapacity(batch.lines.count)
            batch.bytes.withUnsafeBytes { raw in
                for line in batch.lines {
                    results.append(
                        (line.number, ParsedMessage(line: UnsafeRawBufferPointer(rebasing: raw[line.range]))))
                }
            }
            slot.results.withLock { $0 = results }
            slot.done.signal()
        }
        return slot
    }
}
