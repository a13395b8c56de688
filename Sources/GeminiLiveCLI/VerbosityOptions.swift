import ArgumentParser

/// `-v`, shared by the tools that can say more on stderr.
public struct VerbosityOptions: ParsableArguments {
    /// How many times `-v` was given: 0 = errors and warnings only, 1 = a report of the run, 2 = more detail.
    @Flag(
        name: .shortAndLong,
        help: "Report the run on stderr: what was read, written, sent or retried, and the totals (-vv: more).")
    public var verbose: Int

    /// Creates the option group; ArgumentParser fills it in.
    public init() {}
}
