#if canImport(Glibc)
    import Glibc
#endif
import GeminiLiveProtocol
import GeminiLiveSystem
import Synchronization

/// Reads server messages and feeds every requested output in one pass.
///
/// Lines that are not server messages (client messages echoed into a log, for instance) are
/// skipped and counted; malformed values are reported as `source:line: problem`, counted, and
/// decoding goes on unless `strict`. Every message is handled under one lock, so a signal handler
/// can close the files between two messages and an interrupted run still leaves playable files.
public final class ReplyDecoder: Sendable {
    /// Counts for the summary and the exit status.
    public struct Statistics: Sendable {
        /// Server messages decoded.
        public var messages = 0
        /// Client messages skipped (logs often hold both directions).
        public var skipped = 0
        /// Lines reported as malformed or partly unusable.
        public var problems = 0
        /// Turns that ended.
        public var turns = 0
        /// Parts that no audio output or words render (`executableCode`, `fileData`, ...), by kind.
        public var otherParts: [String: Int] = [:]
    }

    /// Everything decoding changes, behind the lock.
    fileprivate struct State {
        let options: DecodeOptions
        let report: @Sendable (String) -> Void
        var assembler: TurnAssembler
        var sinks: [any AudioSink] = []
        var reports: [any ReplyReport] = []
        /// Text outputs opened on files, closed when decoding finishes.
        var files: [ByteWriter] = []
        var finished = false
        var statistics = Statistics()
        /// The line of the last value handled, which an input that ends mid-turn names.
        var lastLine = 0
        /// The last audio MIME type seen: replies repeat one, so a String is made only when it changes.
        var lastMimeType = ""
    }

    private let state: Mutex<State>

    /// Totals so far.
    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Opens every output. `report` receives one-line diagnostics (`source:line: problem`).
    public init(options: DecodeOptions, report: @escaping @Sendable (String) -> Void) throws(ToolError) {
        var opened = State(
            options: options, report: report, assembler: TurnAssembler(includeThoughts: options.includeThoughts))
        for path in options.audioFiles {
            opened.sinks.append(try SoundFileSink(path: path, rate: options.resampleRate))
        }
        if let directory = options.splitDirectory {
            opened.sinks.append(
                try TurnFileSink(
                    directory: directory, fileExtension: options.splitExtension, rate: options.resampleRate))
        }
        if options.rawAudio {
            opened.sinks.append(
                RawAudioSink(
                    output: try opened.writer(for: .stdout),
                    rate: options.resampleRate ?? TurnAssembler.defaultRate,
                    flushSilenceMilliseconds: options.flushSilenceMilliseconds))
        }
        if let target = options.text {
            opened.reports.append(
                WordsReport(
                    output: try opened.writer(for: target), streaming: options.streamText,
                    includeThoughts: options.includeThoughts))
        }
        if let target = options.transcript {
            opened.reports.append(TranscriptReport(output: try opened.writer(for: target)))
        }
        if let target = options.events { opened.reports.append(EventReport(output: try opened.writer(for: target))) }
        if let target = options.turnRecords {
            opened.reports.append(
                TurnRecordReport(output: try opened.writer(for: target), includeThoughts: options.includeThoughts))
        }
        if let target = options.relay {
            // One object in both lists: the sinks give it the audio bytes, the reports the words.
            let relay = RelayReport(
                output: try opened.writer(for: target), rate: options.resampleRate ?? TurnAssembler.defaultRate)
            opened.sinks.append(relay)
            opened.reports.append(relay)
        }
        state = Mutex(opened)
    }

    /// Decodes everything readable from `fileDescriptor`, in any layout (`JSONValueSplitter`), values parsed
    /// on worker threads.
    public func decode(fileDescriptor: Int32, sourceName: String) throws(ToolError) {
        var source = MessageBatchSource(fileDescriptor: fileDescriptor, sourceName: sourceName)
        try ParallelMessageDecoder().run(
            source: &source,
            consume: { (line, message, pcm) throws(ToolError) in
                try state.withLock { (state) throws(ToolError) in
                    try state.handle(message, line: line, source: sourceName, buffers: pcm)
                }
            },
            commit: { () throws(ToolError) in
                try state.withLock { (state) throws(ToolError) in try state.commitSinks() }
            })
    }

    /// After `finish`, when no server message arrived: removes the sound files, which hold no audio; their paths.
    private func discardEmptyAudioFiles() -> [String] {
        state.withLock { state in state.sinks.compactMap { $0.discardIfEmpty() } }
    }

    /// Throws (bad data) when `sources`, all read, held not a single server message, after removing the empty
    /// sound files this run created. That usually means the session upstream failed (its stderr says why, and
    /// its status is lost unless the shell has pipefail): succeeding quietly would pass an empty WAV off as a
    /// silent answer.
    public func requireServerMessages(in sources: [String]) throws(ToolError) {
        let statistics = self.statistics
        guard statistics.messages == 0 else { return }
        let source = sources.joined(separator: ", ")
        var text = "\(source): no server message in \(source)"
        let skipped = statistics.skipped
        if skipped > 0 { text += " (\(skipped) client message\(skipped == 1 ? "" : "s") skipped)" }
        let removed = discardEmptyAudioFiles()
        if !removed.isEmpty { text += "; \(removed.joined(separator: ", ")) not written" }
        throw ToolError(category: .badData, description: text)
    }

    /// Ends a turn cut off by the end of input and closes every output. Safe to call twice.
    public func finish() throws(ToolError) {
        try state.withLock { (state) throws(ToolError) in try state.finish() }
    }
}

extension ReplyDecoder.State {
    /// `pcm` holds the bytes of `.audio` and `.media` messages' audio.
    ///
    /// A message the fast path recognised keeps its audio in the batch's buffer: it goes straight to the sinks,
    /// and the reports get the message without its model turn and the events of its parts, so no audio is
    /// copied into a message; anything else is decoded as the full parser built it.
    mutating func handle(_ parsed: ParsedMessage, line: Int, source: String, buffers: BatchBuffers)
        throws(ToolError)
    {
        lastLine = line
        let message: ServerMessage
        switch parsed {
        case .audio(let mimeType, let range):
            statistics.messages += 1
            let bytes = UnsafeRawBufferPointer(rebasing: buffers.pcm[range])
            let event = try inlineData(bytes, mimeType: mimeType, partIndex: 0, line: line, source: source)
            guard !reports.isEmpty else { return }
            try deliver(Self.withoutModelTurn, line: line, events: event.map { [$0] } ?? [], partsHandled: true)
            return
        case .media(let media, let valueRange, let audioRanges):
            let value = UnsafeRawBufferPointer(rebasing: buffers.values[valueRange])
            guard media.parts.allSatisfy({ $0.inlineData != nil && !$0.hasText }) else {
                let data = audioRanges.map { Array(UnsafeRawBufferPointer(rebasing: buffers.pcm[$0])) }
                message = media.message(in: value, inlineData: data)
                break
            }
            statistics.messages += 1
            // Every part has inline data here, so part N's audio is `audioRanges[N]`.
            var events: [ReplyEvent] = []
            for (index, part) in media.parts.enumerated() {
                guard let inline = part.inlineData else { continue }
                if !inline.mimeType(in: value, is: lastMimeType) {
                    lastMimeType = inline.mimeTypeText(in: value)
                }
                let bytes = UnsafeRawBufferPointer(rebasing: buffers.pcm[audioRanges[index]])
                let event = try inlineData(bytes, mimeType: lastMimeType, partIndex: index, line: line, source: source)
                // Only reports read the parts' events: a run without them builds no array per message.
                if !reports.isEmpty, let event { events.append(event) }
            }
            if media.holdsOnlyInlineData {
                guard !reports.isEmpty else { return }
                try deliver(Self.withoutModelTurn, line: line, events: events, partsHandled: true)
                return
            }
            // What else the message says (transcription, turn signals). Only reports read the words, so
            // without them the transcription's text is not built (a String per message of a 3.x reply).
            let rest = reports.isEmpty ? media.turnSignals : media.messageOmittingModelTurn(in: value)
            events += assembler.consume(rest)
            for text in assembler.problems { try problem("\(source):\(line): \(text)") }
            try deliver(rest, line: line, events: events, partsHandled: true)
            return
        case .client:
            statistics.skipped += 1
            return
        case .problem(let text):
            try problem("\(source):\(line): \(text)")
            return
        case .server(let decoded):
            message = decoded
        }
        statistics.messages += 1
        let events = assembler.consume(message)
        for text in assembler.problems { try problem("\(source):\(line): \(text)") }
        try deliver(message, line: line, events: events, partsHandled: false)
    }

    /// What the reports see of a message that held only inline data, whose parts' events they get instead.
    private static let withoutModelTurn = ServerMessage(.serverContent(ServerContent()))

    /// One inline data part the fast path recognised: audio straight to the sinks, any other kind counted;
    /// returns the part's event for the reports (nil for audio that cannot be played).
    private mutating func inlineData(
        _ bytes: UnsafeRawBufferPointer, mimeType: String, partIndex: Int, line: Int, source: String
    ) throws(ToolError) -> ReplyEvent? {
        let use = assembler.consumeInlineData(mimeType: mimeType, byteCount: bytes.count, partIndex: partIndex)
        for text in assembler.problems { try problem("\(source):\(line): \(text)") }
        switch use {
        case .audio(let rate):
            for sink in sinks { try sink.write(bytes, rate: rate) }
            return .audio(part: partIndex, byteCount: bytes.count, rate: rate)
        case .otherPart(let kind):
            statistics.otherParts[kind, default: 0] += 1
            return .otherPart(kind)
        case .unusable:
            return nil
        }
    }

    /// The events' effects on the sinks and counts, then the reports. With `partsHandled`, the model turn's
    /// parts were already written and counted by `inlineData`.
    private mutating func deliver(_ message: ServerMessage, line: Int, events: [ReplyEvent], partsHandled: Bool)
        throws(ToolError)
    {
        for event in events {
            switch event {
            case .audio(let part, _, let rate) where !partsHandled:
                guard let data = message.serverContent?.modelTurn?.parts[part].inlineData?.data else { continue }
                // `withUnsafeBytes` rethrows untyped; the Result keeps the error a ToolError.
                try data.withUnsafeBytes { pcm in
                    Result { () throws(ToolError) in
                        for sink in sinks { try sink.write(pcm, rate: rate) }
                    }
                }.get()
            case .turnEnded(let record):
                statistics.turns += 1
                for sink in sinks { try sink.endTurn(record) }
            case .code where !partsHandled: statistics.otherParts["executableCode", default: 0] += 1
            case .codeResult where !partsHandled: statistics.otherParts["codeExecutionResult", default: 0] += 1
            case .otherPart(let kind) where !partsHandled: statistics.otherParts[kind, default: 0] += 1
            default:
                break
            }
        }
        for report in reports { try report.message(message, line: line, events: events) }
    }

    func commitSinks() throws(ToolError) {
        for sink in sinks { try sink.commit(waiting: false) }
    }

    mutating func finish() throws(ToolError) {
        guard !finished else { return }
        finished = true
        if case .turnEnded(let record)? = assembler.finish() {
            statistics.turns += 1
            for sink in sinks { try sink.endTurn(record) }
            for report in reports { try report.inputEnded(record, afterLine: lastLine) }
        }
        for sink in sinks { try sink.finish() }
        for report in reports { try report.finish(usage: assembler.totalUsage, turns: assembler.completedTurns) }
        for file in files { try file.close() }
    }

    /// Counts and reports a bad line.
    private mutating func problem(_ text: String) throws(ToolError) {
        statistics.problems += 1
        if options.strict { throw ToolError(category: .badData, description: text) }
        report(text)
    }

    mutating func writer(for target: OutputTarget) throws(ToolError) -> ByteWriter {
        let created: ByteWriter
        switch target {
        case .stdout: created = ByteWriter(fileDescriptor: 1, name: "stdout")
        case .stderr: created = ByteWriter(fileDescriptor: 2, name: "stderr")
        case .file(let path):
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let code = errno
                throw ToolError(
                    category: .output(errno: code),
                    description: "\(path): cannot create: \(String(cString: strerror(code)))")
            }
            created = ByteWriter(fileDescriptor: fd, name: path)
            files.append(created)
        }
        return created
    }
}
