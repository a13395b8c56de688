import CPocketSphinx
import Synchronization

/// Speech recognition of 16 kHz mono PCM with pocketsphinx and its US English model.
///
/// The decoder is costly to create and not thread-safe: one is made on first use and shared under a mutex.
public final class SpeechRecognizer: Sendable {
    /// Where Debian's pocketsphinx-en-us puts the model.
    public static let modelDirectory = "/usr/share/pocketsphinx/model/en-us"

    /// The one recogniser of the process.
    public static let shared = SpeechRecognizer()

    private let decoder = Mutex<DecoderBox?>(nil)

    private init() {}

    /// The words heard in `samples` (16 kHz mono), lowercased; empty when nothing was recognised.
    public func transcribe(_ samples: [Int16]) -> String {
        decoder.withLock { box -> String in
            if box == nil {
                let directory = Self.modelDirectory
                guard
                    let created = gl_ps_create(
                        directory + "/en-us", directory + "/en-us.lm.bin", directory + "/cmudict-en-us.dict")
                else { return "" }
                box = DecoderBox(created)
            }
            guard let ps = box?.pointer, !samples.isEmpty else { return "" }
            guard ps_start_utt(ps) == 0 else { return "" }
            _ = samples.withUnsafeBufferPointer { ps_process_raw(ps, $0.baseAddress, $0.count, 0, 1) }
            _ = ps_end_utt(ps)
            var score: Int32 = 0
            guard let hypothesis = ps_get_hyp(ps, &score) else { return "" }
            return String(cString: hypothesis)
        }
    }
}

/// Owns the pocketsphinx decoder.
private final class DecoderBox: @unchecked Sendable {
    // @unchecked: only touched under SpeechRecognizer's mutex.
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { ps_free(pointer) }
}
