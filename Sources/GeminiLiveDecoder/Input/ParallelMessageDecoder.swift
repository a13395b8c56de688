import Dispatch
import GeminiLiveProtocol
import Synchronization

/// Parses NDJSON batches on worker threads and hands the messages back in input order.
///
/// Parsing JSON and base64 is most of a decode's work and every line stands alone, so batches
/// are parsed concurrently while the calling thread assembles turns and writes outputs, which
/// must stay in order. At most `maxInFlight` batches exist at once, so memory stays bounded;
/// with live input a batch is whatever has arrived, and nothing waits for a batch to fill.
///
/// Compact audio chunks (`ServerAudioLine`), nearly every line of a reply stream, skip the JSON tree: a
/// worker decodes their audio into one PCM buffer for the whole batch and hands back ranges in it. Each
/// line used to leave several objects for the calling thread to free, and freeing memory another thread
/// allocated waits on that thread's malloc arena lock, which showed as a fifth of the run time.
struct ParallelMessageDecoder {
    /// The parsed lines of one batch and the audio their `.audio` messages point into.
    private struct DecodedBatch: Sendable {
        var messages: [(line: Int, message: ParsedMessage)] = []
        var pcm: [UInt8] = []
    }

    /// One batch on its way through a worker.
    private final class Slot: Sendable {
        let result = Mutex(DecodedBatch())
        let done = DispatchSemaphore(value: 0)
    }

    let maxInFlight = 4

    /// Runs to the end of `source`. `consume` gets each message in order, with the PCM buffer its batch's
    /// `.audio` messages point into; `commit` runs after each batch.
    func run(
        source: inout MessageBatchSource,
        consume: (Int, ParsedMessage, BatchAudio) throws(DecodeError) -> Void,
        commit: () throws(DecodeError) -> Void
    ) throws(DecodeError) {
        var pending: [Slot] = []
        while true {
            // Read ahead only while that cannot block, unless nothing else is left to do.
            while pending.count < maxInFlight, pending.isEmpty || source.canReadWithoutBlocking {
                guard let batch = try source.nextBatch() else { break }
                pending.append(Self.submit(batch))
            }
            guard !pending.isEmpty else { return }
            let slot = pending.removeFirst()
            slot.done.wait()
            let decoded = slot.result.withLock { $0 }
            // `withUnsafeBytes` rethrows untyped errors; the Result keeps them DecodeError.
            try decoded.pcm.withUnsafeBytes { pcm in
                Result { () throws(DecodeError) in
                    for result in decoded.messages { try consume(result.line, result.message, BatchAudio(bytes: pcm)) }
                }
            }.get()
            try commit()
        }
    }

    private static func submit(_ batch: MessageBatchSource.Batch) -> Slot {
        let slot = Slot()
        DispatchQueue.global().async {
            let decoded = decode(batch)
            slot.result.withLock { $0 = decoded }
            slot.done.signal()
        }
        return slot
    }

    /// Every chunk's audio starts on an 8-byte boundary, so sinks can read it as 16-bit samples in place.
    private static let pcmAlignment = 8

    private static func decode(_ batch: MessageBatchSource.Batch) -> DecodedBatch {
        var decoded = DecodedBatch()
        decoded.messages.reserveCapacity(batch.items.count)
        // Base64 is 4 characters per 3 bytes and the lines do not overlap, so this holds every chunk's audio
        // with its alignment padding.
        let capacity = batch.bytes.count / 4 * 3 + batch.items.count * (pcmAlignment + 3) + pcmAlignment
        decoded.pcm = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            let pcm = UnsafeMutableRawPointer(buffer.baseAddress!)
            var used = 0
            // One String per batch for the (nearly always repeated) MIME type, not one per line.
            var mimeType = ""
            batch.bytes.withUnsafeBytes { raw in
                for item in batch.items {
                    guard case .value(let range, let line, let column) = item else {
                        if case .problem(let line, let text) = item { decoded.messages.append((line, .problem(text))) }
                        continue
                    }
                    let text = UnsafeRawBufferPointer(rebasing: raw[range])
                    guard let chunk = ServerAudioLine(text), let count = chunk.decodeData(of: text, into: pcm + used)
                    else {
                        decoded.messages.append((line, ParsedMessage(value: text, line: line, column: column)))
                        continue
                    }
                    if !mimeType.utf8.elementsEqual(UnsafeRawBufferPointer(rebasing: text[chunk.mimeType])) {
                        mimeType = chunk.mimeTypeText(of: text)
                    }
                    decoded.messages.append((line, .audio(mimeType: mimeType, pcm: used..<used + count)))
                    let next = (used + count + pcmAlignment - 1) / pcmAlignment * pcmAlignment
                    (pcm + used + count).initializeMemory(as: UInt8.self, repeating: 0, count: next - used - count)
                    used = next
                }
            }
            initialized = used
        }
        return decoded
    }
}
