import GeminiLiveRegression

/// Where the cassette of each attempt lives under a `--record` or `--replay` folder:
/// `DIR/<scenario-stem>/attempt-<n>.ndjson`, `n` from 1.
///
/// The stem is the scenario file's name without its extension; when two scenarios of one run share a stem,
/// the later ones (in the order the suite lists them) get `-2`, `-3`, so the same suite always finds the same
/// folders.
public struct CassetteLayout: Sendable {
    /// The folder given.
    public let root: String
    private let stems: [String: String]

    /// The layout of `scenarios` (in suite order) under `root`.
    public init(root: String, scenarios: [Scenario]) {
        self.root = root
        var stems: [String: String] = [:]
        var used: [String: Int] = [:]
        for scenario in scenarios where stems[scenario.path] == nil {
            let stem = Self.stem(of: scenario.path)
            let count = (used[stem] ?? 0) + 1
            used[stem] = count
            stems[scenario.path] = count == 1 ? stem : "\(stem)-\(count)"
        }
        self.stems = stems
    }

    /// The folder of a scenario's cassettes.
    public func folder(of scenario: Scenario) -> String {
        let stem = stems[scenario.path] ?? Self.stem(of: scenario.path)
        return root.hasSuffix("/") ? root + stem : "\(root)/\(stem)"
    }

    /// The cassette of attempt `number` of `scenario`.
    public func cassette(of scenario: Scenario, attempt number: Int) -> String {
        "\(folder(of: scenario))/attempt-\(number).ndjson"
    }

    static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
