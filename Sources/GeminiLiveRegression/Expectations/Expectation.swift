/// One line of a turn's `expect:` list: a query, a predicate, and the pass rate it must reach.
public struct Expectation: Sendable, Equatable {
    /// What is looked at.
    public var query: Query
    /// The test applied to it.
    public var predicate: Predicate
    /// This expectation's own `require:`, overriding the scenario's; nil to use the scenario's.
    public var requirement: Double?
    /// The query key as written (`usage.total_token_count` stays in snake_case), for reports.
    public var key: String
    /// Where the expectation is, for `file:line` in failures.
    public var location: FileLocation

    /// Creates an expectation.
    public init(
        query: Query, predicate: Predicate, requirement: Double? = nil, key: String, location: FileLocation
    ) {
        self.query = query
        self.predicate = predicate
        self.requirement = requirement
        self.key = key
        self.location = location
    }
}
