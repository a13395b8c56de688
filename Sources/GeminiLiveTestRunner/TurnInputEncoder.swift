import GeminiLiveEncoder
import GeminiLiveProtocol
import GeminiLiveRegression
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Turns a scenario turn's input into the client messages `gemini-live-encode` would write for it, through
/// the encoder library itself, so a scenario and a shell pipeline send the same bytes.
///
/// Audio is converted to 16 kHz mono in 100 ms chunks; under the server's activity detection each audio turn
/// ends with `audioStreamEnd` (the service then answers at once instead of waiting for silence a file never
/// has), under manual or no detection the markers are the scenario's own turns.
struct TurnInputEncoder {
    /// The scenario's activity detection.
    var activityDetection: ScenarioSetup.ActivityDetection
    /// The scenario file's folder, for relative file names.
    var folder: String

    /// The messages of one input; a file that cannot be encoded is bad data at the place it is named.
    func messages(for input: ScenarioTurn.Input) throws(ToolError) -> [ClientMessage] {
        switch input {
        case .audio(let file):
            return try encode(.audioFile(path: file.resolved(in: folder)), file: file)
        case .image(let file):
            return try encode(.image(path: file.resolved(in: folder)), file: file)
        case .text(let text):
            let content = ClientContent(
                turns: [Content(role: "user", parts: [Part(text: text)])], turnComplete: true)
            return [ClientMessage(.clientContent(content))]
        case .silence(let milliseconds):
            return silence(milliseconds: milliseconds)
        case .activityStart:
            return [ClientMessage(.realtimeInput(RealtimeInput(activityStart: true)))]
        case .activityEnd:
            return [ClientMessage(.realtimeInput(RealtimeInput(activityEnd: true)))]
        case .audioStreamEnd:
            return [ClientMessage(.realtimeInput(RealtimeInput(audioStreamEnd: true)))]
        }
    }

    private var options: EncoderOptions {
        var options = EncoderOptions()
        options.audioStreamEnd = activityDetection == .server ? .afterEachAudio : .never
        return options
    }

    /// Silent chunks of the encoder's size and rate, so silence paces like speech.
    private func silence(milliseconds: Int) -> [ClientMessage] {
        let options = self.options
        var remaining = milliseconds * options.sampleRate / 1000
        var messages: [ClientMessage] = []
        while remaining > 0 {
            let samples = min(remaining, options.samplesPerChunk)
            remaining -= samples
            let blob = Blob(mimeType: options.audioMimeType, data: [UInt8](repeating: 0, count: samples * 2))
            messages.append(ClientMessage(.realtimeInput(RealtimeInput(audio: blob))))
        }
        return messages
    }

    /// Runs the encoder into an unlinked temporary file and reads its lines back as messages.
    private func encode(_ input: EncoderInput, file: FileReference) throws(ToolError) -> [ClientMessage] {
        let folder = ProcessEnvironment.values(["TMPDIR"])["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/gemini-live-test-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ToolError(category: .cannotCreate, description: "\(folder): \(SystemCallError.current)")
        }
        unlink(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        defer { close(descriptor) }
        do throws(ToolError) {
            let encoder = MessageEncoder(
                options: options, writer: LineWriter(fileDescriptor: descriptor, policy: .buffered(1 << 16)))
            try encoder.encode(input)
            try encoder.finish()
        } catch {
            throw ToolError(category: .badData, description: "\(file.location): \(error.description)")
        }
        let bytes: [UInt8]
        do throws(FileReadError) {
            bytes = try WholeFile.read("/proc/self/fd/\(descriptor)")
        } catch {
            throw ToolError(error)
        }
        var messages: [ClientMessage] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            do {
                messages.append(try ClientMessage(json: try JSONParser.parse(line)))
            } catch {
                throw ToolError(category: .failure, description: "\(file.location): the encoder wrote \(error)")
            }
        }
        return messages
    }
}
