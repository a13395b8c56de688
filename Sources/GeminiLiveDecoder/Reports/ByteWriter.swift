#if canImport(Glibc)
    import Glibc
#endif

/// Writes bytes to a descriptor with a small buffer; blocking writes are the backpressure.
///
/// For raw audio and streamed text, where output is not line-shaped. EPIPE becomes
/// `DecodeError.outputClosed` so the tool can stop quietly when the player goes away.
final class ByteWriter {
    let fileDescriptor: Int32
    let name: String
    private var buffer: [UInt8] = []

    init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Flushes and closes the descriptor (for files the decoder opened).
    func close() throws {
        try flush()
        if Glibc.close(fileDescriptor) != 0 {
            throw DecodeError(kind: .io, description: "\(name): close failed: \(String(cString: strerror(errno)))")
        }
    }

    func flush() throws {
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fileDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    throw DecodeError(kind: .outputClosed, description: "\(name): reader closed the pipe")
                }
                throw DecodeError(kind: .io, description: "\(name): write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
