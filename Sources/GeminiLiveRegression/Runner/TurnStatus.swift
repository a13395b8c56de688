/// How far one scenario turn got in an attempt.
public enum TurnStatus: String, Sendable, Equatable {
    /// Never sent: an earlier turn timed out, or the session ended first.
    case notRun = "not_run"
    /// Sent; no reply was awaited, or a later turn barged into it, or the session ended before it completed.
    case sent
    /// Sent, and its reply completed (`turnComplete`).
    case answered
    /// Sent, and its reply did not complete within the turn timeout.
    case timedOut = "timed_out"
}
