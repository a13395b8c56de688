/// The decoded audio of the batch being consumed, which its `.audio` messages point into.
struct BatchAudio: @unchecked Sendable {
    // @unchecked: the bytes are read only, on the consuming thread, while the batch that owns them is alive
    // (for the length of one `consume` call); nothing keeps the pointer afterwards.
    let bytes: UnsafeRawBufferPointer
}
