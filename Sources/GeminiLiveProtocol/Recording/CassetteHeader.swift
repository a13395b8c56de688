#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The first line of a cassette: what recorded it, against what, and for which scenario.
///
/// `{"cassette":1,"tool":"0.9.0","recorded":"2026-12-05T09:40:00Z","host":"generativelanguage.googleapis.com",
/// "api":"v1beta","model":"models/gemini-3.8-live","scenario":"suite/weather.yaml","scenarioHash":"sha256:…",
/// "redacted":["GEMINI_API_KEY"]}`. Every field but `cassette` (the format version) may be absent; fields this
/// version does not know are kept in `extra` and written back, so a newer cassette passes through unchanged.
/// A recording without a header (an emulator `--log`, an older `--record`) is read as frames only.
public struct CassetteHeader: Sendable, Equatable {
    /// The format version this code writes.
    public static let currentFormat = 1

    /// The format version.
    public var format: Int
    /// The version of the tool that recorded it.
    public var tool: String?
    /// When recording began, UTC, ISO 8601.
    public var recorded: String?
    /// The endpoint's host (no key, no query).
    public var host: String?
    /// The API version of the endpoint path (`v1beta`, `v1alpha`, `v1`).
    public var api: String?
    /// The model of the setup.
    public var model: String?
    /// The scenario's path as `gemini-live-test` was given it.
    public var scenario: String?
    /// The scenario's fingerprint (`sha256:` and hex of its normalised setup and turns): replay refuses a
    /// cassette whose scenario has changed since.
    public var scenarioHash: String?
    /// The names of what was redacted (environment variables, header names), never the values.
    public var redacted: [String]
    /// The folder of the media side files, relative to the cassette's folder unless absolute; nil for the
    /// default, `media` beside the cassette (see `MediaFolder`).
    public var media: String?
    /// Members this version does not know, in file order.
    public var extra: JSONObject

    /// Creates a header of the current format.
    public init(
        format: Int = CassetteHeader.currentFormat, tool: String? = nil, recorded: String? = nil, host: String? = nil,
        api: String? = nil, model: String? = nil, scenario: String? = nil, scenarioHash: String? = nil,
        redacted: [String] = [], media: String? = nil, extra: JSONObject = [:]
    ) {
        self.format = format
        self.tool = tool
        self.recorded = recorded
        self.host = host
        self.api = api
        self.model = model
        self.scenario = scenario
        self.scenarioHash = scenarioHash
        self.redacted = redacted
        self.media = media
        self.extra = extra
    }

    private static let knownKeys: Set<String> = [
        "cassette", "tool", "recorded", "host", "api", "model", "scenario", "scenarioHash", "redacted", "media",
    ]

    /// Reads a header line's object; nil when it is not one (it has no integer `cassette` member).
    public init?(_ object: JSONObject) {
        guard let format = object["cassette"]?.intValue else { return nil }
        self.init(format: format)
        tool = object["tool"]?.stringValue
        recorded = object["recorded"]?.stringValue
        host = object["host"]?.stringValue
        api = object["api"]?.stringValue
        model = object["model"]?.stringValue
        scenario = object["scenario"]?.stringValue
        scenarioHash = object["scenarioHash"]?.stringValue
        if case .array(let names)? = object["redacted"] { redacted = names.compactMap(\.stringValue) }
        media = object["media"]?.stringValue
        for (key, value) in object where !Self.knownKeys.contains(key) { extra.append(key, value) }
    }

    /// `seconds` since the epoch (now, by default) as the `recorded` text: UTC, ISO 8601, to the second.
    public static func timestamp(_ seconds: Int = Int(time(nil))) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    /// The header as the JSON object of its line, absent fields left out.
    public var object: JSONObject {
        var object: JSONObject = ["cassette": .number(JSONNumber(format))]
        let strings: [(String, String?)] = [
            ("tool", tool), ("recorded", recorded), ("host", host), ("api", api), ("model", model),
            ("scenario", scenario), ("scenarioHash", scenarioHash),
        ]
        for (key, value) in strings { if let value { object.append(key, .string(value)) } }
        if !redacted.isEmpty { object.append("redacted", .array(redacted.map(JSONValue.string))) }
        if let media { object.append("media", .string(media)) }
        object.append(contentsOf: extra)
        return object
    }
}
