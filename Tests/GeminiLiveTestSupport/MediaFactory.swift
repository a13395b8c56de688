import Foundation

/// Makes test media with sox, ffmpeg and festival, so no media needs to be committed.
public enum MediaFactory {
    /// Errors from the helper programs, with their stderr.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed.
        public let description: String

        /// Creates a failure.
        public init(description: String) { self.description = description }
    }

    /// Runs sox with `arguments`; throws with sox's stderr on failure.
    public static func sox(_ arguments: [String]) throws {
        try check("sox", arguments)
    }

    /// Runs ffmpeg quietly with `arguments` (`-y -v error` are added).
    public static func ffmpeg(_ arguments: [String]) throws {
        try check("ffmpeg", ["-y", "-nostdin", "-v", "error"] + arguments)
    }

    /// Speaks `text` into a 22.05 kHz mono WAV file with festival's HTS voice (Debian `festival`,
    /// `festvox-us-slt-hts`), which the emulator's pocketsphinx recognises word for word, where it mishears
    /// espeak-ng ("what is the the old friends" for "what is the capital of France").
    public static func speech(_ text: String, to path: String) throws {
        let arguments = ["-F", "22050", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", path]
        let result = try ToolRunner.run("text2wave", arguments, stdin: Data(text.utf8), timeout: 120)
        guard result.status == 0, result.stderr.isEmpty else {
            throw Failure(description: "text2wave \(arguments.joined(separator: " ")) failed: \(result.stderrText)")
        }
    }

    /// A sine tone: `seconds` long at `frequency` Hz, `rate` Hz, `channels`, extra sox output options.
    public static func tone(
        _ path: String, seconds: Double = 1, frequency: Double = 1000, rate: Int = 44_100, channels: Int = 2,
        volume: Double = 0.5, options: [String] = []
    ) throws {
        try sox(
            ["-n", "-r", String(rate), "-c", String(channels)] + options
                + [path, "synth", String(seconds), "sine", String(frequency), "vol", String(volume)])
    }

    private static func check(_ tool: String, _ arguments: [String]) throws {
        let result = try ToolRunner.run(tool, arguments, timeout: 120)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.stderrText)")
        }
    }
}
