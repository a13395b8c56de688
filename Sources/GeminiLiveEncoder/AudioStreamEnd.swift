/// When the encoder sends `realtimeInput.audioStreamEnd`.
public enum AudioStreamEnd: Sendable, Equatable {
    /// Once, after the run's last audio input has ended (a file, or stdin at its end), unless the audio is
    /// bracketed by `activityStart`/`activityEnd`, whose end already closes the turn (the marker belongs to
    /// automatic activity detection). The default.
    case afterLastAudio
    /// After every audio input, bracketed or not (`--end`).
    case afterEachAudio
    /// Never (`--no-end`): the audio goes on elsewhere, or the endpoint does not take the marker.
    case never
}
