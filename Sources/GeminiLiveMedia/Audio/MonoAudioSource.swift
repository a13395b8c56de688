/// A source that can deliver its frames already mixed to mono, cheaper than interleaved floats.
///
/// The block-parallel converter's reader thread feeds two resampling workers; reading 16-bit PCM
/// and mixing it to mono in one pass, instead of converting every channel to float first and
/// mixing in a second pass, takes a third of that thread's work away on the common stereo WAV.
public protocol MonoAudioSource: AudioSource {
    /// Fills `mono` with up to `mono.count` frames mixed to one channel; returns the frames read, 0 at the end.
    ///
    /// Errors and end-of-data behave as in `read(into:)`.
    func readMono(into mono: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int
}
