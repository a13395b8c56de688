import Foundation

/// The per-turn latency table printed after a run and by `--stats`: for every turn and figure, how many
/// attempts had it, p50, p90 and the worst.
public struct LatencyTable: Sendable, Equatable, CustomStringConvertible {
    /// One line of the table.
    public struct Row: Sendable, Equatable {
        /// The turn's number, from 1.
        public var turn: Int
        /// The figure.
        public var metric: LatencyMetric
        /// Its spread over the attempts.
        public var distribution: LatencyDistribution

        /// Creates a row.
        public init(turn: Int, metric: LatencyMetric, distribution: LatencyDistribution) {
            self.turn = turn
            self.metric = metric
            self.distribution = distribution
        }
    }

    /// The rows, by turn and then in the order of `LatencyMetric.allCases`; figures no attempt had are left out.
    public var rows: [Row]

    /// The table over `attempts`, each the turns of one attempt in order.
    public init(attempts: [[RecordedTurn]]) {
        let turnCount = attempts.map(\.count).max() ?? 0
        var rows: [Row] = []
        for turn in 0..<turnCount {
            for metric in LatencyMetric.allCases {
                let values = attempts.compactMap { $0.indices.contains(turn) ? $0[turn].latency[metric] : nil }
                if let distribution = LatencyDistribution(values) {
                    rows.append(Row(turn: turn + 1, metric: metric, distribution: distribution))
                }
            }
        }
        self.rows = rows
    }

    /// The table over attempt timelines.
    public init(_ attempts: [RecordedAttempt]) {
        self.init(attempts: attempts.map(\.turns))
    }

    /// Aligned columns: `turn  metric  n  p50  p90  max`; milliseconds to the microsecond where they have
    /// a fraction, `rtf` to two decimals.
    public var description: String {
        let header = ["turn", "metric", "n", "p50", "p90", "max"]
        let lines =
            [header]
            + rows.map { row in
                let figures = [row.distribution.p50, row.distribution.p90, row.distribution.maximum]
                return [String(row.turn), row.metric.rawValue, String(row.distribution.count)]
                    + figures.map { Self.format($0, metric: row.metric) }
            }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            cells.enumerated().map { column, cell in
                // Text columns to the left, numbers to the right, as in any table of figures.
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double, metric: LatencyMetric) -> String {
        if metric == .realTimeFactor { return String(format: "%.2f", value) }
        if value == value.rounded() { return String(format: "%.0f", value) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
