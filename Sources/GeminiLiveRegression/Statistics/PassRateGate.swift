/// How a pass rate is held against its requirement (`--gate`).
public enum PassRateGate: String, Sendable, Equatable, CaseIterable {
    /// The observed rate k/n must reach the requirement.
    case point
    /// The Wilson 95 % lower bound must reach it: the runs prove the rate is at least the requirement.
    case confident
}
