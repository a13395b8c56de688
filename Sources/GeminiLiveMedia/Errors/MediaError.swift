#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import GeminiLiveSystem

/// A media failure that names its source (a path or `stdin`) and says what is wrong in one line.
public enum MediaError: CategorisedError, Equatable {
    /// The source could not be opened; `errno` says why (missing, permission, directory).
    case cannotOpen(source: String, errno: Int32)
    /// The container is one libsndfile cannot decode (M4A/AAC/MP4); `ffmpeg` can convert it.
    case needsConversion(source: String, format: String)
    /// The bytes are not a recognised audio format, or libsndfile refused them.
    case unsupportedAudio(source: String, detail: String)
    /// The header promises more frames than the file holds.
    case truncated(source: String, promisedFrames: Int, actualFrames: Int)
    /// Raw PCM ended in the middle of a frame.
    case partialFrame(source: String, trailingBytes: Int)
    /// Decoding failed part-way through.
    case corrupt(source: String, detail: String)
    /// The bytes are neither JPEG nor PNG.
    case notAnImage(source: String)
    /// An image (or a single MJPEG frame) is bigger than the accepted limit.
    case tooLarge(source: String, bytes: Int, limit: Int)
    /// An MJPEG stream holds no JPEG start marker in its first bytes.
    case notMJPEG(source: String, searchedBytes: Int)
    /// An MJPEG stream ended inside a frame.
    case truncatedFrame(source: String, bytes: Int)
    /// A read or write system call failed.
    case io(source: String, operation: String, errno: Int32)
    /// A library call failed for a reason other than the data (resampler, encoder settings).
    case failed(source: String, detail: String)
    /// A parameter is out of range (sample rate, channel count).
    case invalidArgument(source: String, detail: String)

    /// Which exit status the failure calls for: an input that cannot be opened, bad media, or I/O.
    public var category: ToolErrorCategory {
        switch self {
        case .cannotOpen(_, let code): .input(errno: code)
        case .io, .failed: .io
        case .needsConversion, .unsupportedAudio, .notAnImage, .notMJPEG, .corrupt, .truncated, .partialFrame,
            .truncatedFrame, .tooLarge, .invalidArgument:
            .badData
        }
    }

    /// The path or `stdin` the error is about.
    public var source: String {
        switch self {
        case .cannotOpen(let s, _), .needsConversion(let s, _), .unsupportedAudio(let s, _), .truncated(let s, _, _),
            .partialFrame(let s, _), .corrupt(let s, _), .notAnImage(let s), .tooLarge(let s, _, _),
            .notMJPEG(let s, _), .truncatedFrame(let s, _), .io(let s, _, _), .failed(let s, _),
            .invalidArgument(let s, _):
            s
        }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let s, let code):
            return "\(s): cannot open: \(Self.message(for: code))"
        case .needsConversion(let s, let format):
            let stem = s == "stdin" ? "input" : Self.stem(of: s)
            let input = s == "stdin" ? "-" : s
            return "\(s): \(format) is not readable by libsndfile; convert it first: "
                + "ffmpeg -i \(input) -ac 1 -ar 16000 \(stem).wav"
        case .unsupportedAudio(let s, let detail):
            return "\(s): unsupported or corrupt audio (libsndfile: \(detail))"
        case .truncated(let s, let promised, let actual):
            return "\(s): truncated: header promises \(promised) frames, file holds \(actual)"
        case .partialFrame(let s, let count):
            return "\(s): \(count) trailing byte\(count == 1 ? " is" : "s are") not a whole frame"
        case .corrupt(let s, let detail):
            return "\(s): corrupt audio: \(detail)"
        case .notAnImage(let s):
            return "\(s): not a JPEG or PNG image"
        case .tooLarge(let s, let bytes, let limit):
            return "\(s): \(bytes) bytes exceeds the \(limit)-byte limit"
        case .notMJPEG(let s, let searched):
            if searched == 0 { return "\(s): empty: the stream held no bytes, so no frames to send" }
            let size = searched >= 1 << 20 ? "\(searched >> 20) MiB" : "\(searched) bytes"
            return "\(s): not an MJPEG stream (no JPEG start marker in the first \(size))"
        case .truncatedFrame(let s, let bytes):
            return "\(s): truncated: the stream ends inside a JPEG frame (\(bytes) bytes without an end marker)"
        case .io(let s, let operation, let code):
            return "\(s): \(operation) failed: \(Self.message(for: code))"
        case .failed(let s, let detail):
            return "\(s): \(detail)"
        case .invalidArgument(let s, let detail):
            return "\(s): \(detail)"
        }
    }

    private static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// The path without its extension, so the hint writes the WAV beside the original.
    private static func stem(of path: String) -> String {
        let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path.lastIndex(of: "."), dot > nameStart else { return path }
        return String(path[..<dot])
    }
}
