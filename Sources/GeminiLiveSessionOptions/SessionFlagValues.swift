import ArgumentParser
import GeminiLiveProtocol
import GeminiLiveSession

// The library's enums are the option values themselves, so the flags need no string checks of their own;
// the conformances live with the flag groups because only a command line parses them.
extension APIVersion: ExpressibleByArgument {}
extension SetupOptions.Modality: ExpressibleByArgument {}
extension SetupOptions.VAD: ExpressibleByArgument {}
extension SetupOptions.Sensitivity: ExpressibleByArgument {}
extension SetupOptions.ThinkingLevel: ExpressibleByArgument {}
extension SetupOptions.Transcription: ExpressibleByArgument {
    /// Reads `input`, `output` or `input,output`.
    public init?(argument: String) { self.init(list: argument) }
}
