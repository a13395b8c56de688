import GeminiLiveProtocol

/// Token counts summed over a stream.
public struct UsageTotals: Sendable, Equatable {
    /// Sum of `promptTokenCount`.
    public var prompt = 0
    /// Sum of `responseTokenCount` (Vertex AI: `candidatesTokenCount`).
    public var response = 0
    /// Sum of `totalTokenCount`.
    public var total = 0
    /// Messages that carried usage.
    public var reports = 0

    mutating func add(_ usage: UsageMetadata) {
        prompt += usage.promptTokenCount ?? 0
        response += usage.generatedTokenCount ?? 0
        total += usage.totalTokenCount ?? 0
        reports += 1
    }
}
