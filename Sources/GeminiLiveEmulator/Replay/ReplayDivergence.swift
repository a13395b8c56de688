import GeminiLiveProtocol

/// The first live client frame that matched nothing in the recording: where, and how it differs.
public struct ReplayDivergence: Error, Sendable, Equatable, CustomStringConvertible {
    /// The live client frame's 1-based index on its connection (the setup is frame 1).
    public var clientFrame: Int
    /// The JSON pointer of the first difference within the client message (`/clientContent/turns/0/parts/0/text`).
    public var pointer: String
    /// The recorded value there, as compact JSON or a description (`nothing` when the recording has none).
    public var recorded: String
    /// The live value there, the same way.
    public var got: String
    /// The cassette and recorded connection it was matched against (`c.ndjson connection 1`), if any.
    public var source: String?

    /// Creates a divergence.
    public init(clientFrame: Int, pointer: String, recorded: String, got: String, source: String? = nil) {
        self.clientFrame = clientFrame
        self.pointer = pointer
        self.recorded = recorded
        self.got = got
        self.source = source
    }

    /// The longest value shown in full in `description`; longer ones end in `…`.
    static let detailLimit = 2_000
    /// The most bytes of each value shown in the close reason.
    static let reasonValueLimit = 24

    /// The full account for the emulator's stderr.
    public var description: String {
        let against = source.map { " (against \($0))" } ?? ""
        return
            "replay diverged at client frame \(clientFrame)\(against): \(pointer.isEmpty ? "/" : pointer): recorded \(Self.truncated(recorded, Self.detailLimit)), got \(Self.truncated(got, Self.detailLimit))"
    }

    /// The 1011 close that ends the replay: `replay diverged at client frame N: POINTER: recorded A, got B`, values
    /// and then the pointer's head shortened so that it fits the 123 bytes of a close reason.
    public var closeReason: CloseReason {
        let head = "replay diverged at client frame \(clientFrame): "
        let values =
            ": recorded \(Self.cut(recorded, Self.reasonValueLimit)), got \(Self.cut(got, Self.reasonValueLimit))"
        var shown = pointer.isEmpty ? "/" : pointer
        let room = 123 - head.utf8.count - values.utf8.count
        if shown.utf8.count > room {
            // Keep the pointer's tail: the field that differs matters more than the path to it.
            var tail = ""
            for character in shown.reversed() {
                if tail.utf8.count + character.utf8.count + 3 > room { break }
                tail.insert(character, at: tail.startIndex)
            }
            shown = "…" + tail
        }
        return CloseReason(code: 1011, reason: head + shown + values)
    }

    /// A value shown to a reader: compact JSON, `nothing` for an absent one.
    static func shown(_ value: JSONValue?) -> String {
        value.map(\.description) ?? "nothing"
    }

    /// `text` in at most `limit` bytes of UTF-8, ending in `…` when shortened.
    static func cut(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        return CloseReason.cut(text, limit: limit - 3) + "…"
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
