#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the process environment for the libraries that take it as a dictionary (so tests can pass their own).
public enum ProcessEnvironment {
    /// The variables among `names` that are set, by name.
    public static func values(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }
}
