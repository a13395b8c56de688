import Foundation
import GeminiLiveRegression
import Testing

/// The README's two tables of what repeated runs prove, computed here and compared with the page, so the
/// figures users read are the ones `--gate confident` applies.
@Suite struct WilsonTableTests {
    /// k/N → the 95 % interval in whole percent.
    static let intervals = [(7, 10), (9, 10), (10, 10), (18, 20), (45, 50)].map { passed, attempts in
        let interval = WilsonInterval(passed: passed, attempts: attempts)
        return "| \(passed)/\(attempts) | \(percent(interval.lower))–\(percent(interval.upper)) % |"
    }

    /// The fewest runs without a failure whose interval's lower bound reaches each rate.
    static let runsNeeded = [80, 90, 95].map { rate in
        let runs = (1...1000).first { PassRate(passed: $0, attempts: $0).meets(Double(rate) / 100, gate: .confident) }
        return "| \(rate) % | \(runs ?? 0) |"
    }

    static func percent(_ fraction: Double) -> Int {
        Int((fraction * 100).rounded(.toNearestOrAwayFromZero))
    }

    @Test func theFiguresAreTheOnesTheIssueQuotes() {
        #expect(
            Self.intervals == [
                "| 7/10 | 40–89 % |", "| 9/10 | 60–98 % |", "| 10/10 | 72–100 % |", "| 18/20 | 70–97 % |",
                "| 45/50 | 79–96 % |",
            ])
        #expect(Self.runsNeeded == ["| 80 % | 16 |", "| 90 % | 35 |", "| 95 % | 73 |"])
    }

    @Test func theReadmeShowsThem() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "\n## ").first { $0.hasPrefix("Prompt regression tests") }
        let rows = try #require(section).split(separator: "\n").map(String.init).filter {
            // Table rows that start with a figure, not the headers.
            $0.hasPrefix("| ") && $0.dropFirst(2).first?.isNumber == true
        }
        #expect(rows == Self.intervals + Self.runsNeeded)
    }
}
