#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import GeminiLiveSystem

/// An open file descriptor for reading a path, or stdin for `-`; closes what it opened.
final class InputFile {
    /// The descriptor to read from.
    let fd: Int32
    /// The name errors show: the path, or `stdin`.
    let name: String
    private var ownsDescriptor: Bool

    init(path: String) throws(MediaError) {
        name = displayName(of: path)
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { throw .cannotOpen(source: name, errno: errno) }
            fd = opened
            ownsDescriptor = true
        }
        var status = stat()
        // A directory opens fine but fails on the first read with a less helpful message.
        if fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            if ownsDescriptor { close(fd) }
            throw .cannotOpen(source: name, errno: EISDIR)
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Records that a library closed the descriptor (libsndfile does when `sf_open_fd` fails), so it is not
    /// closed twice: by then its number may belong to another file.
    func descriptorWasClosed() {
        ownsDescriptor = false
    }

    /// Whether the descriptor is a regular file (seekable, so it can be sniffed without consuming bytes).
    var isRegularFile: Bool {
        var status = stat()
        return fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The file size for regular files.
    var regularFileSize: Int? {
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Reads up to `buffer.count` bytes, retrying on EINTR; returns 0 at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(MediaError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw .io(source: name, operation: "read", errno: errno) }
        }
    }

    /// Reads up to `bytes.count` bytes into the array; returns 0 at end of file.
    func read(into bytes: inout [UInt8]) throws(MediaError) -> Int {
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(MediaError) in
            try read(into: UnsafeMutableRawBufferPointer(buffer))
        }
    }

    /// Fills `buffer` unless the end comes first; returns the bytes read.
    func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(MediaError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let count = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if count == 0 { break }
            filled += count
        }
        return filled
    }

    /// Reads the first bytes of a regular file without moving the read position.
    func peekPrefix(_ count: Int) -> [UInt8] {
        guard isRegularFile else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return got > 0 ? Array(bytes[..<got]) : []
    }
}
