import GeminiLiveSystem

/// The frames of one recorded attempt, in file order, read from the NDJSON a `FrameRecorder` writes:
/// `{"t":1234.567,"connection":1,"direction":"client","frame":"text","message":{...}}`, after an optional
/// first line that is a `CassetteHeader`; a line with a `judge` member instead is a judge's verdict on a turn
/// (`RecordedJudgement`), kept apart from the frames so that nothing that replays or times frames sees it.
///
/// A line gives its time as `t` in milliseconds (what the recorder writes) or `time` in seconds (what it wrote
/// before, still read so older recordings keep working); both are read from their decimal text into exact
/// microseconds.
public struct FrameRecording: Sendable, Equatable {
    /// The header line, if the recording has one.
    public var header: CassetteHeader?
    /// The frames.
    public var frames: [RecordedFrame]
    /// The judges' verdicts, in file order.
    public var judgements: [RecordedJudgement]

    /// Wraps frames already in hand.
    public init(header: CassetteHeader? = nil, frames: [RecordedFrame], judgements: [RecordedJudgement] = []) {
        self.header = header
        self.frames = frames
        self.judgements = judgements
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
        var judgements: [RecordedJudgement] = []
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
            do throws(RecordingLineError) {
                if case .object(let object) = value, let judge = object["judge"] {
                    judgements.append(try RecordedJudgement(judge: judge, time: try Self.time(of: object)))
                    continue
                }
                var frame = try Self.frame(value)
                if let media, let message = frame.message, Self.holds(line, Self.referenceMark) {
                    do {
                        frame.message = try media(header).resolving(message)
                    } catch {
                        throw RecordingLineError(error.problem)
                    }
                }
                frames.append(frame)
            } catch {
                throw ToolError(category: .badData, description: "\(source):\(lineNumber):1: \(error.problem)")
            }
        }
        self.init(header: header, frames: frames, judgements: judgements)
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

    /// A line's time in microseconds: `time` in seconds or `t` in milliseconds.
    private static func time(of object: JSONObject) throws(RecordingLineError) -> Int {
        if case .number(let seconds)? = object["time"] {
            guard let micros = DecimalTime.scaled(seconds, by: 6) else {
                throw RecordingLineError("time is not a usable number (time)")
            }
            return micros
        } else if case .number(let milliseconds)? = object["t"] {
            guard let micros = DecimalTime.scaled(milliseconds, by: 3) else {
                throw RecordingLineError("t is not a usable number (t)")
            }
            return micros
        }
        throw RecordingLineError("no time: expected time in seconds or t in milliseconds (time)")
    }

    private static func frame(_ value: JSONValue) throws(RecordingLineError) -> RecordedFrame {
        guard case .object(let object) = value else { throw RecordingLineError("expected a JSON object") }
        let time = try time(of: object)
        guard let directionName = object["direction"]?.stringValue,
            let direction = RecordedFrame.Direction(rawValue: directionName)
        else { throw RecordingLineError("direction must be \"client\" or \"server\" (direction)") }
        guard let kind = object["frame"]?.stringValue else {
            throw RecordingLineError("no frame kind (frame)")
        }
        let connection = object["connection"]?.intValue ?? 1
        return RecordedFrame(
            time: time, connection: connection, direction: direction, kind: kind, message: object["message"],
            closeCode: object["code"]?.intValue, reason: object["reason"]?.stringValue)
    }
}
