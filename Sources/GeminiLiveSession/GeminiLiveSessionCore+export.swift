// The core's types (policy, events, actions, outcomes, validated messages) are the session library's vocabulary:
// every program that runs a session names them, so importing GeminiLiveSession brings them along.
@_exported import GeminiLiveSessionCore
