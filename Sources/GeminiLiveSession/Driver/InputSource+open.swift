import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

extension InputSource {
    /// Opens each `--input` (`-` is stdin) for reading, in order; the first that cannot be opened is an error.
    public static func open(_ names: [String]) throws(SessionSetupError) -> [InputSource] {
        var sources: [InputSource] = []
        for name in names {
            if name == "-" {
                sources.append(InputSource(fileDescriptor: 0, name: displayName(of: name)))
                continue
            }
            do {
                sources.append(InputSource(fileDescriptor: try Descriptor.openForReading(name), name: name))
            } catch {
                for source in sources where source.fileDescriptor != 0 { close(source.fileDescriptor) }
                throw SessionSetupError(.input(errno: error.code), "--input '\(name)': \(error)")
            }
        }
        return sources
    }
}
