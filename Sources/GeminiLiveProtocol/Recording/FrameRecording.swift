import GeminiLiveSystem

/// The frames of one recorded attempt, in file order, read from the NDJSON a `FrameRecorder` writes:
/// `{"t":1234.567,"connection":1,"direction":"client","frame":"text","message":{...}}`, after an optional
/// first line that is a `CassetteHeader`.
///
/// A line gives its time as `t` in milliseconds (what the recorder writes) or `time` in seconds (what it wrote
/// before, still read so older recordings keep working); both are read from their decimal text into exact
/// microseconds.
public struct FrameRecording: Sendable, Equatable {
    /// The header line, if the recording has one.
    public var header: CassetteHeader?
    /// The frames.
    public var frames: [RecordedFrame]

    /// Wraps frames already in hand.
    public init(header: CassetteHeader? = nil, frames: [RecordedFrame]) {
        self.header = header
        self.frames = frames
    }

    /// Reads a recording; `source` names it in errors, which are bad data as `SOURCE:LINE:COLUMN: problem`.
    /// Blank lines are skipped.
    ///
    /// Media references (`--media-dir`) are resolved back to base64 from `media`, the folder the recording's
    /// header names, by default (see `MediaFolder`); without a folder they stay as they are.
    public init(
        ndjson bytes: [UInt8], source: String, media: (@Sendable (CassetteHeader?) -> MediaFolder)? = nil
    ) throws(ToolError) {
        var header: CassetteHeader?
        var frames: [RecordedFrame] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var line = bytes[start..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = end + 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                throw ToolError(
                    category: .badData, description: "\(source):\(lineNumber):\(error.offset + 1): \(error.message)")
            }
            if header == nil, frames.isEmpty, case .object(let object) = value, let read = CassetteHeader(object) {
                guard read.format <= CassetteHeader.currentFormat else {
                    throw ToolError(
                        category: .badData,
                        description:
                            "\(source):\(lineNumber):1: cassette format \(read.format) is newer than this version reads (\(CassetteHeader.currentFormat))"
                    )
                }
                header = read
                continue
            }
            do throws(FrameLineError) {
                var frame = try Self.frame(value)
                if let media, let message = frame.message, Self.holds(line, Self.referenceMark) {
                    do {
                        frame.message = try media(header).resolving(message)
                    } catch {
                        throw FrameLineError(problem: error.problem)
                    }
                }
                frames.append(frame)
            } catch {
                throw ToolError(category: .badData, description: "\(source):\(lineNumber):1: \(error.problem)")
            }
        }
        self.init(header: header, frames: frames)
    }

    /// Reads a recording file, resolving media references from the folder its header names, else from `media`
    /// beside it.
    public init(contentsOfFile path: String) throws(ToolError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw ToolError(error)
        }
        try self.init(ndjson: bytes, source: path) { MediaFolder(forCassette: path, header: $0) }
    }

    /// `"$media"`: a line without it has no reference, and its message is not walked again.
    private static let referenceMark = Array("\"\(MediaFolder.referenceKey)\"".utf8)

    /// Whether `line` holds `mark`, by a plain scan: the standard library's generic `contains(_:)` looks up type
    /// metadata as it goes and cost more than parsing the line's JSON (a cassette's audio lines are long).
    private static func holds(_ line: ArraySlice<UInt8>, _ mark: [UInt8]) -> Bool {
        guard let first = mark.first, line.count >= mark.count else { return false }
        let last = line.endIndex - mark.count
        var index = line.startIndex
        while index <= last {
            if line[index] == first, line[index..<index + mark.count].elementsEqual(mark) { return true }
            index += 1
        }
        return false
    }

    private struct FrameLineError: Error {
        let problem: String
    }

    private static func frame(_ value: JSONValue) throws(FrameLineError) -> RecordedFrame {
        guard case .object(let object) = value else { throw FrameLineError(problem: "expected a JSON object") }
        let time: Int
        if case .number(let seconds)? = object["time"] {
            guard let micros = DecimalTime.scaled(seconds, by: 6) else {
                throw FrameLineError(problem: "time is not a usable number (time)")
            }
            time = micros
        } else if case .number(let milliseconds)? = object["t"] {
            guard let micros = DecimalTime.scaled(milliseconds, by: 3) else {
                throw FrameLineError(problem: "t is not a usable number (t)")
            }
            time = micros
        } else {
            throw FrameLineError(problem: "no time: expected time in seconds or t in milliseconds (time)")
        }
        guard let directionName = object["direction"]?.stringValue,
            let direction = RecordedFrame.Direction(rawValue: directionName)
        else { throw FrameLineError(problem: "direction must be \"client\" or \"server\" (direction)") }
        guard let kind = object["frame"]?.stringValue else {
            throw FrameLineError(problem: "no frame kind (frame)")
        }
        let connection = object["connection"]?.intValue ?? 1
        return RecordedFrame(
            time: time, connection: connection, direction: direction, kind: kind, message: object["message"],
            closeCode: object["code"]?.intValue, reason: object["reason"]?.stringValue)
    }
}
