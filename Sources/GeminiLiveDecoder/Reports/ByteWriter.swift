#if canImport(Glibc)
    import Glibc
#endif
import GeminiLiveSystem

/// Writes bytes to a descriptor with a small buffer; blocking writes are the backpressure.
///
/// For raw audio and streamed text, where output is not line-shaped. EPIPE becomes
/// `ToolError.outputClosed` so the tool can stop quietly when the player goes away.
final class ByteWriter {
    let fileDescriptor: Int32
    let name: String
    private var buffer: [UInt8] = []

    init(fileDescriptor: Int32, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(ToolError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ bytes: [UInt8]) throws(ToolError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ text: String) throws(ToolError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes and closes the descriptor (for files the decoder opened).
    func close() throws(ToolError) {
        try flush()
        if Glibc.close(fileDescriptor) != 0 {
            let code = errno
            throw ToolError(category: .io, description: "\(name): close failed: \(String(cString: strerror(code)))")
        }
    }

    func flush() throws(ToolError) {
        defer { buffer.removeAll(keepingCapacity: true) }
        do {
            try Descriptor.writeAll(buffer, to: fileDescriptor)
        } catch {
            let category = ToolErrorCategory.write(errno: error.code)
            throw ToolError(
                category: category,
                description: category == .outputClosed
                    ? "\(name): reader closed the pipe" : "\(name): write failed: \(error)")
        }
    }
}
