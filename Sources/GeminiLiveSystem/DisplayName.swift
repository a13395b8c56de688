/// The name diagnostics show for a path given on the command line: `-` is `stdin`.
public func displayName(of path: String) -> String {
    path == "-" ? "stdin" : path
}
