/// The buffers of the batch being consumed: the decoded audio its `.audio` and `.media` messages point into, and
/// the input bytes its `.media` messages were recognised in.
struct BatchBuffers: @unchecked Sendable {
    // @unchecked: the bytes are read only, on the consuming thread, while the batch that owns them is alive
    // (for the length of one `consume` call); nothing keeps the pointers afterwards.
    let pcm: UnsafeRawBufferPointer
    let values: UnsafeRawBufferPointer
}
