import GeminiLiveSystem
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A file of WebSocket frames, one JSON line each, written as they pass: the session's `--record` cassette
/// and the emulator's `--log` share it, so both files have one schema.
///
/// `{"t":1234.567,"connection":1,"direction":"client","frame":"text","message":{...}}`: milliseconds since
/// the file was opened (monotonic, to the microsecond), the connection's number, who sent it, and the frame kind
/// (`text`, `binary`, `close` with `code` and `reason`, `drop`), followed by the caller's fields. Each line
/// goes out in one write, so a reader (or a crash) never sees half of one.
public final class FrameRecorder: Sendable {
    private let descriptor: Mutex<Int32>
    private let start = ContinuousClock.now

    /// Creates (truncating) `path`; a `header`, when given, is its first line.
    public init(path: String, header: CassetteHeader? = nil) throws(SystemCallError) {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw .current }
        if let header {
            var line = JSONValue.object(header.object).compactBytes
            line.append(UInt8(ascii: "\n"))
            do {
                try Descriptor.writeAll(line, to: opened)
            } catch {
                close(opened)
                throw error
            }
        }
        descriptor = Mutex(opened)
    }

    deinit { finish() }

    /// Writes one line: the time, `connection`, `direction`, `frame`, then `fields` in their order.
    public func record(connection: Int, direction: String, frame: String, _ fields: JSONObject = [:]) {
        let elapsed = start.duration(to: .now).components
        let microseconds = Int(elapsed.seconds) * 1_000_000 + Int(elapsed.attoseconds / 1_000_000_000_000)
        var object: JSONObject = [
            "t": .number(DecimalTime.milliseconds(microseconds: microseconds)),
            "connection": .number(JSONNumber(connection)), "direction": .string(direction), "frame": .string(frame),
        ]
        object.append(contentsOf: fields)
        var line = JSONValue.object(object).compactBytes
        line.append(UInt8(ascii: "\n"))
        // Nowhere to report a failed write: the file is a by-product, and the run it records goes on.
        descriptor.withLock { fd in if fd >= 0 { try? Descriptor.writeAll(line, to: fd) } }
    }

    /// Closes the file; later records are dropped.
    public func finish() {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }
}
