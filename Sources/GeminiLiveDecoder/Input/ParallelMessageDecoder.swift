import Dispatch
import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization

/// Parses NDJSON batches on worker threads and hands the messages back in input order.
///
/// Parsing JSON and base64 is most of a decode's work and every line stands alone, so batches
/// are parsed concurrently while the calling thread assembles turns and writes outputs, which
/// must stay in order. At most `maxInFlight` batches exist at once, so memory stays bounded;
/// with live input a batch is whatever has arrived, and nothing waits for a batch to fill.
///
/// Messages the fast path recognises (`ServerMediaMessage`: audio chunks, nearly every message of a reply
/// stream, in any layout, with or without transcription beside them) skip the JSON tree: a worker decodes
/// their audio into one PCM buffer for the whole batch and hands back ranges in it, so the calling thread
/// has few objects to free that another thread allocated (which waits on that thread's malloc arena).
struct ParallelMessageDecoder {
    /// The parsed lines of one batch and the audio their `.audio` messages point into.
    private struct DecodedBatch: Sendable {
        var messages: [(line: Int, message: ParsedMessage)] = []
        var pcm: [UInt8] = []
        /// The batch's bytes, which `.media` messages point into.
        var values: [UInt8] = []
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
        consume: (Int, ParsedMessage, BatchBuffers) throws(ToolError) -> Void,
        commit: () throws(ToolError) -> Void
    ) throws(ToolError) {
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
            // `withUnsafeBytes` rethrows untyped errors; the Result keeps them ToolError.
            try decoded.pcm.withUnsafeBytes { pcm in
                decoded.values.withUnsafeBytes { values in
                    Result { () throws(ToolError) in
                        let buffers = BatchBuffers(pcm: pcm, values: values)
                        for result in decoded.messages { try consume(result.line, result.message, buffers) }
                    }
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
                    let start = used
                    // Audio decodes into the batch's buffer, each part 8-byte aligned.
                    func decodeInto(_ inline: ServerMediaMessage.InlineData) -> Range<Int>? {
                        let room = inline.maximumDecodedCount + pcmAlignment
                        guard used + room <= capacity, let count = inline.decode(in: text, into: pcm + used) else {
                            return nil
                        }
                        let range = used..<used + count
                        let next = (used + count + pcmAlignment - 1) / pcmAlignment * pcmAlignment
                        (pcm + used + count).initializeMemory(as: UInt8.self, repeating: 0, count: next - used - count)
                        used = next
                        return range
                    }
                    guard let media = ServerMediaMessage(text) else {
                        decoded.messages.append((line, ParsedMessage(value: text, line: line, column: column)))
                        continue
                    }
                    if media.holdsOnlyInlineData, media.parts.count == 1, let inline = media.parts[0].inlineData {
                        // Nearly every message of a reply: one chunk of audio and nothing else.
                        guard let pcmRange = decodeInto(inline) else {
                            decoded.messages.append((line, ParsedMessage(value: text, line: line, column: column)))
                            continue
                        }
                        if !inline.mimeType(in: text, is: mimeType) {
                            mimeType = inline.mimeTypeText(in: text)
                        }
                        decoded.messages.append((line, .audio(mimeType: mimeType, pcm: pcmRange)))
                        continue
                    }
                    var audio: [Range<Int>] = []
                    var decodedAll = true
                    for part in media.parts {
                        guard let inline = part.inlineData else { continue }
                        guard let pcmRange = decodeInto(inline) else {
                            decodedAll = false
                            break
                        }
                        audio.append(pcmRange)
                    }
                    guard decodedAll else {
                        // Data that is not base64 is the full parser's to report.
                        used = start
                        decoded.messages.append((line, ParsedMessage(value: text, line: line, column: column)))
                        continue
                    }
                    decoded.messages.append((line, .media(media, value: range, audio: audio)))
                }
            }
            initialized = used
        }
        decoded.values = batch.bytes
        return decoded
    }
}
