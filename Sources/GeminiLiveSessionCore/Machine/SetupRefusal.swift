import GeminiLiveProtocol

/// A close that refuses something the setup asked for, explained in terms of the option that asked.
///
/// The service's reasons name its internals ("Cannot extract voices from a non-audio request."), not the
/// flag the user gave, and gemini-3.1 refuses TEXT with a bare 1011 that would otherwise pass for a transient
/// fault and be retried until the retries run out. Only the session knows which setup it sent, so it says
/// which option to change.
struct SetupRefusal: Sendable, Equatable {
    /// How the session ends.
    var category: ToolErrorCategory
    /// What to change, appended to the close's own description.
    var advice: String

    /// The fix for TEXT responses on a model that answers in audio only.
    static let textModality =
        "the model answers in audio only: drop --modality text (responseModalities TEXT) "
        + "and use --transcribe output for the model's words as text"

    /// The refusal `code` and `reason` mean for `setup`, or nil when the close is not one the setup caused.
    ///
    /// `beforeSetupComplete` is true when the close came before the first `setupComplete` of the session: a 1011
    /// then, on a setup that asks for TEXT, is the 3.1 models' refusal of the modality rather than a fault.
    static func of(code: Int, reason: String, setup: Setup, beforeSetupComplete: Bool) -> SetupRefusal? {
        let asksForText = setup.generationConfig?.responseModalities?.contains { $0.uppercased() == "TEXT" } == true
        guard asksForText else { return nil }
        if code == 1007, reason.lowercased().contains("non-audio request") {
            return SetupRefusal(category: .protocolError, advice: textModality)
        }
        if code == 1011, beforeSetupComplete {
            return SetupRefusal(
                category: .protocolError,
                advice: "a 1011 before setupComplete with TEXT responses is how some models refuse them, so it is not "
                    + "retried; " + textModality)
        }
        return nil
    }
}
