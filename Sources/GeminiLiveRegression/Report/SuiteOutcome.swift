/// The verdict on a whole run, which decides `gemini-live-test`'s exit status.
///
/// The raw values are the exit codes of the issue: 0, 1 and 69 are `ExitStatus.success`, `.failure` and
/// `.unavailable` of GeminiLiveCLI; 2 has no row there yet.
public enum SuiteOutcome: Int32, Sendable, Equatable, CaseIterable {
    /// Every scenario has a verdict and every gate passed.
    case passed = 0
    /// An expectation failed its gate.
    case failed = 1
    /// A replay diverged or a cassette is stale: the recordings no longer describe the suite.
    case diverged = 2
    /// Some scenario has no verdict because all its attempts were transport errors, and nothing failed.
    case noVerdict = 69

    /// The outcome over scenario verdicts, most telling first.
    ///
    /// A divergence or stale cassette wins, because every other verdict of a replay is then suspect; a failed
    /// gate comes next, since it is a real finding about the prompt whatever the network did elsewhere. A
    /// scenario without a verdict makes the run 69 even when all the others passed: the run has not shown
    /// that every gate passes, and a green CI step must not hide a scenario that never ran.
    public init(_ statuses: [ScenarioStatus]) {
        if statuses.contains(where: { $0 == .diverged || $0 == .stale }) {
            self = .diverged
        } else if statuses.contains(.fail) {
            self = .failed
        } else if statuses.contains(.error) {
            self = .noVerdict
        } else {
            self = .passed
        }
    }

    /// The exit status.
    public var exitCode: Int32 { rawValue }
}
