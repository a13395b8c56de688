import GeminiLiveSystem

extension EmulatorScript {
    /// Reads and parses the `--script` file at `path` (YAML for `.yaml`/`.yml`, JSON otherwise).
    ///
    /// A file that cannot be read is an unusable input (66); one that is not a valid script is bad data (65).
    public init(path: String) throws(EmulatorError) {
        let bytes: [UInt8]
        do {
            bytes = try WholeFile.read(path)
        } catch {
            throw EmulatorError(error.category, "cannot read script '\(path)': \(error.reason)")
        }
        do {
            try self.init(contentsOf: bytes, path: path)
        } catch {
            throw EmulatorError(.badData, "script '\(path)': \(error)")
        }
    }
}
