import GeminiLiveProtocol

#if canImport(Glibc)
    import Glibc
#endif

extension EncoderOptions {
    /// How the output is flushed for `inputs`: line by line when anything is live, else in 64 KiB blocks.
    ///
    /// Paced output, a terminal, or an input from a pipe, FIFO, device or socket must reach the reader as
    /// each line is ready. A batch run over stored files may be written in large blocks instead, which saves
    /// one write(2) per 100 ms audio chunk; each input is still flushed when it is complete.
    public func flushPolicy(for inputs: [EncoderInput], output fileDescriptor: Int32 = 1) -> LineWriter.FlushPolicy {
        let live = speed != nil || isatty(fileDescriptor) == 1 || inputs.contains(where: \.isLive)
        return live ? .everyLine : .buffered(64 * 1024)
    }
}

extension EncoderInput {
    /// Whether the input arrives as it happens rather than from a stored file (see `InputClassifier.isLive`).
    var isLive: Bool {
        switch self {
        case .audioFile(let path), .rawAudio(let path, _), .image(let path), .mjpeg(let path), .textFile(let path):
            InputClassifier.isLive(path)
        case .text, .contextUpdate: false
        }
    }
}
