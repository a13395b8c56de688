import Foundation
import GeminiLiveTestSupport
import Testing

/// Google's official Python SDK (google-genai) runs unchanged against the emulator over TLS:
/// text and audio turns, realtime audio with transcription, tool calls, resumption, and the
/// SDK's own error for a refused setup. `make test` provides the SDK in `.venv`.
@Suite("emulator: the official Python SDK", .serialized)
struct EmulatorSDKTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The Python with google-genai: `GEMINI_LIVE_PYTHON`, else the venv `make test` creates.
    static var python: String? {
        if let configured = ProcessInfo.processInfo.environment["GEMINI_LIVE_PYTHON"] { return configured }
        let venv = repository.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    @Test("text, audio, realtime audio, tool call, resumption and a refused setup through google-genai")
    func sdkScenarios() throws {
        guard let python = Self.python else {
            Issue.record("no Python with google-genai: run `make test`, which creates .venv")
            return
        }
        let tmp = try TemporaryDirectory("sdk")
        _ = try LocalhostCertificate(in: tmp)
        try MediaFactory.speech("hello world", to: tmp.file("speech.wav"))
        try MediaFactory.sox([
            tmp.file("speech.wav"), "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw",
            tmp.file("speech.raw"),
        ])
        let emulator = ToolRunner.tool("gemini-live-emulator")
        let script = Self.repository.appendingPathComponent("samples/emulator/weather.json").path
        let sdk = Self.repository.appendingPathComponent("scripts/sdk-scenarios.py").path
        // The emulator prints its URL once listening; the SDK wants https:// for its base URL.
        let result = try ToolRunner.shell(
            """
            '\(emulator)' --port 0 --tls-cert '\(tmp.file("cert.pem"))' --tls-key '\(tmp.file("key.pem"))' \
              --script '\(script)' > '\(tmp.file("url"))' &
            emulator=$!
            trap 'kill $emulator' EXIT
            # Listening, or gone (then the SDK fails at once and the log says why).
            listening() { [ -s '\(tmp.file("url"))' ] || ! kill -0 $emulator 2> /dev/null; }
            wait_until listening
            base=$(sed 's/^wss:/https:/' '\(tmp.file("url"))')
            SSL_CERT_FILE='\(tmp.file("cert.pem"))' '\(python)' '\(sdk)' "$base" '\(tmp.file("speech.raw"))'
            """, timeout: 300)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        for scenario in ["text_turn", "text_modality", "realtime_audio", "tool_call", "resumption", "refused_setup"] {
            #expect(result.stdoutText.contains("PASS \(scenario)\n"), "\(scenario): \(result.stdoutText)")
        }
    }
}
