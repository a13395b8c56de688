import GeminiLiveMedia
import GeminiLiveProtocol
import GeminiLiveSystem

/// Turns inputs into client message lines on a `LineWriter`, one input after another.
///
/// Lines are written as soon as they are complete, so what was written before an error
/// stays a valid stream: a failing input never leaves half a line behind.
public final class MessageEncoder {
    /// What a run produced, for `-v` summaries.
    public struct Statistics: Sendable {
        /// Lines written.
        public var lines = 0
        /// Seconds of audio sent (silence included).
        public var audioSeconds = 0.0
        /// Video frames sent.
        public var framesSent = 0
        /// Video frames dropped by `--fps` thinning.
        public var framesDropped = 0
        /// Bytes skipped between MJPEG frames.
        public var junkBytes = 0
    }

    private let options: EncoderOptions
    private var writer: LineWriter
    private let clock: any PacingClock
    private var pacer: Pacer?
    private var line: [UInt8] = []
    private var mediaSamples = 0
    /// Whether the input being encoded is followed by more audio (no `audioStreamEnd` after it by default).
    private var moreAudioFollows = false
    /// Totals so far.
    public private(set) var statistics = Statistics()

    /// `clock` drives `--realtime` pacing and live frame thinning.
    public init(options: EncoderOptions, writer: LineWriter, clock: any PacingClock = MonotonicClock()) {
        self.options = options
        self.writer = writer
        self.clock = clock
        if let speed = options.speed { pacer = Pacer(clock: clock, speed: speed) }
    }

    /// Encodes every input of a run in order (the audio stream ends after the last audio input), calling `done`
    /// after each one.
    public func encode(_ inputs: [EncoderInput], done: (EncoderInput) -> Void) throws(ToolError) {
        let lastAudio = inputs.lastIndex(where: \.isAudio)
        for (index, input) in inputs.enumerated() {
            try encode(input, moreAudioFollows: lastAudio.map { index < $0 } ?? false)
            done(input)
        }
    }

    /// Writes the messages for one input; they have all reached the output when it returns.
    ///
    /// `moreAudioFollows` says a later input of the run is audio, so this one does not end the audio stream.
    public func encode(_ input: EncoderInput, moreAudioFollows: Bool = false) throws(ToolError) {
        self.moreAudioFollows = moreAudioFollows
        try encodeBuffered(input)
        // A buffered writer (batch runs) still hands over each input as soon as it is complete.
        do { try writer.flush() } catch { throw ToolError(error) }
    }

    private func encodeBuffered(_ input: EncoderInput) throws(ToolError) {
        switch input {
        case .audioFile(let path):
            try encodeAudio(try openSource { () throws(MediaError) in try SoundFileReader(path: path) })
        case .rawAudio(let path, let layout):
            try encodeAudio(
                try openSource { () throws(MediaError) in
                    try RawPCMReader(
                        path: path, sampleRate: layout.sampleRate, channels: layout.channels,
                        encoding: layout.encoding)
                })
        case .image(let path):
            try encodeImage(path: path)
        case .mjpeg(let path):
            try encodeMJPEG(path: path)
        case .text(let text):
            try encodeText(text)
        case .textFile(let path):
            try encodeText(try TextInput.read(path: path))
        case .contextUpdate(let system, let toolsPath):
            try encodeContextUpdate(system: system, toolsPath: toolsPath)
        }
    }

    /// Flushes buffered lines; call once after the last input.
    public func finish() throws(ToolError) {
        do { try writer.flush() } catch { throw ToolError(error) }
    }

    // MARK: - Audio

    private func openSource(_ open: () throws(MediaError) -> any AudioSource) throws(ToolError) -> any AudioSource {
        do { return try open() } catch { throw ToolError(error) }
    }

    private func encodeAudio(_ source: any AudioSource) throws(ToolError) {
        guard options.wrapInActivity else { return try encodeAudioChunks(source) }
        try write(RealtimeInput(activityStart: true))
        do {
            try encodeAudioChunks(source)
        } catch {
            // Close the bracket around what was sent, so the session is not left mid-activity.
            if error.category != .outputClosed { try? write(RealtimeInput(activityEnd: true)) }
            throw error
        }
        try write(RealtimeInput(activityEnd: true))
        if endsAudioStream { try write(RealtimeInput(audioStreamEnd: true)) }
    }

    /// Whether `audioStreamEnd` follows the audio input being encoded.
    private var endsAudioStream: Bool {
        switch options.audioStreamEnd {
        case .afterEachAudio: true
        case .afterLastAudio: !moreAudioFollows && !options.wrapInActivity
        case .never: false
        }
    }

    private func encodeAudioChunks(_ source: any AudioSource) throws(ToolError) {
        var chunker = AudioChunker(chunkBytes: options.samplesPerChunk * 2)
        let converter = SpeechAudioConverter(source: source, outputRate: options.sampleRate)
        // The converter's callback cannot throw a typed error, so the first write failure is
        // parked here and rethrown with its own kind once the converter has stopped.
        var writeFailure: ToolError?
        var received = 0
        do {
            try converter.run { block in
                received += block.count
                do throws(ToolError) {
                    try chunker.append(block) { chunk throws(ToolError) in try self.writeAudioChunk(chunk) }
                } catch {
                    writeFailure = error
                    throw error
                }
            }
        } catch let error as MediaError {
            // The audio read before a mid-stream failure (a truncated file) is sent, short tail included:
            // nothing that was decoded is dropped silently.
            try chunker.finish { chunk throws(ToolError) in try writeAudioChunk(chunk) }
            throw ToolError(error)
        } catch {
            throw writeFailure ?? ToolError(category: .io, description: "\(source.name): \(error)")
        }
        if received == 0 {
            // A microphone that delivered nothing (or an empty file) would otherwise end the run with 0 and no
            // word; an empty input is bad data, as an empty text file is.
            let read = source.name == "stdin" ? "read from stdin" : "in the file"
            throw ToolError(category: .badData, description: "\(source.name): no audio \(read)")
        }
        let silenceBytes = options.trailingSilenceMilliseconds * options.sampleRate / 1000 * 2
        try chunker.appendSilence(byteCount: silenceBytes) { chunk throws(ToolError) in try writeAudioChunk(chunk) }
        try chunker.finish { chunk throws(ToolError) in try writeAudioChunk(chunk) }
        if !options.wrapInActivity && endsAudioStream {
            try write(RealtimeInput(audioStreamEnd: true))
        }
    }

    private func writeAudioChunk(_ chunk: UnsafeRawBufferPointer) throws(ToolError) {
        mediaSamples += chunk.count / 2
        pacer?.wait(untilMediaTime: Double(mediaSamples) / Double(options.sampleRate))
        line.removeAll(keepingCapacity: true)
        ClientMediaMessage.appendLine(
            options.legacy ? .mediaChunks : .audio, mimeType: options.audioMimeType, data: chunk, to: &line)
        try writeLine()
        statistics.audioSeconds += Double(chunk.count / 2) / Double(options.sampleRate)
    }

    // MARK: - Pictures

    private func encodeImage(path: String) throws(ToolError) {
        let image: (format: ImageFormat, bytes: [UInt8])
        do { image = try ImageFileReader.read(path: path) } catch { throw ToolError(error) }
        try writeFrame(image.bytes, mimeType: image.format.mimeType)
    }

    private func encodeMJPEG(path: String) throws(ToolError) {
        var thinner = FrameThinner(
            framesPerSecond: options.framesPerSecond, sourceFramesPerSecond: options.sourceFramesPerSecond,
            clock: clock)
        do {
            let reader = try MJPEGReader(path: path)
            while let frame = try reader.nextFrame() {
                if thinner.keepNext() {
                    try writeFrame(frame, mimeType: ImageFormat.jpeg.mimeType)
                } else {
                    statistics.framesDropped += 1
                }
            }
            statistics.junkBytes += reader.skippedBytes
        } catch let error as MediaError {
            throw ToolError(error)
        } catch let error as ToolError {
            throw error
        } catch {
            throw ToolError(category: .io, description: "\(path): \(error)")
        }
    }

    private func writeFrame(_ bytes: [UInt8], mimeType: String) throws(ToolError) {
        line.removeAll(keepingCapacity: true)
        ClientMediaMessage.appendLine(
            options.legacy ? .mediaChunks : .video, mimeType: mimeType, data: bytes, to: &line)
        try writeLine()
        statistics.framesSent += 1
    }

    // MARK: - Text

    private func encodeText(_ text: String) throws(ToolError) {
        if options.realtimeText {
            try write(RealtimeInput(text: text))
            return
        }
        let turn = Content(role: "user", parts: [Part(text: text)])
        try write(ClientMessage(.clientContent(ClientContent(turns: [turn], turnComplete: options.turnComplete))))
    }

    // MARK: - Context updates

    private func encodeContextUpdate(system: String?, toolsPath: String?) throws(ToolError) {
        var update = ContextUpdate()
        if let system {
            let text = system.hasPrefix("@") ? try TextInput.read(path: String(system.dropFirst())) : system
            update.systemInstruction = Content(parts: [Part(text: text)])
        }
        if let toolsPath { update.tools = try ToolsFile.read(path: toolsPath) }
        try write(ClientMessage(.contextUpdate(update)))
    }

    // MARK: - Output

    private func write(_ input: RealtimeInput) throws(ToolError) {
        try write(ClientMessage(.realtimeInput(input)))
    }

    private func write(_ message: ClientMessage) throws(ToolError) {
        line.removeAll(keepingCapacity: true)
        message.json.append(to: &line)
        line.append(UInt8(ascii: "\n"))
        try writeLine()
    }

    private func writeLine() throws(ToolError) {
        do { try writer.writeRaw(line) } catch { throw ToolError(error) }
        statistics.lines += 1
    }
}
