import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The scenario files a command line's SUITE arguments name: a file as given, a folder's `*.yaml` and `*.yml` files
/// (sorted; not its subfolders, so a suite can keep scenarios that must fail, or helpers, one level down), or a
/// glob pattern (as the shell would expand it, for when it is quoted). Each file is listed once, in the order the
/// arguments give them.
public enum SuiteFiles {
    /// The files of `arguments`; one that names nothing is an input that cannot be opened. A file a folder or
    /// glob brings that is one of `excluded` (the emulator's script, kept beside its suite) is left out.
    public static func expand(_ arguments: [String], excluding excluded: [String] = []) throws(ToolError) -> [String] {
        var files: [String] = []
        var seen = Set(excluded.compactMap(realPath))
        for argument in arguments {
            var found: [String]
            var info = stat()
            if stat(argument, &info) == 0 {
                found = (info.st_mode & S_IFMT) == S_IFDIR ? scenarios(in: argument) : [argument]
            } else if argument.contains(where: { "*?[".contains($0) }) {
                found = glob(argument)
            } else {
                throw ToolError(category: .noInput, description: "\(argument): \(SystemCallError.current)")
            }
            guard !found.isEmpty else {
                throw ToolError(category: .noInput, description: "\(argument): no scenario files (*.yaml, *.yml)")
            }
            for file in found where seen.insert(realPath(file) ?? file).inserted { files.append(file) }
        }
        return files
    }

    /// The canonical path of an existing file, so that `./a.yaml` and `a.yaml` are one file.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The `*.yaml` and `*.yml` files in `folder`, sorted by path.
    static func scenarios(in folder: String) -> [String] {
        var files: [String] = []
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : "\(folder)/\(name)"
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml"), !isEmulatorScript(path) { files.append(path) }
        }
        return files.sorted()
    }

    /// Whether a YAML file of a folder is an emulator script kept beside its suite (a top-level `rules:` and no
    /// `turns:`), which the folder does not count among its scenarios; a file named on its own is always read.
    static func isEmulatorScript(_ path: String) -> Bool {
        guard let bytes = try? WholeFile.read(path, limit: 1 << 20) else { return false }
        let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        func topLevel(_ key: String) -> Bool {
            lines.contains { $0.hasPrefix(key) && $0.dropFirst(key.count).drop { $0 == " " }.first == ":" }
        }
        return topLevel("rules") && !topLevel("turns")
    }

    static func glob(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard Glibc.glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in
            matches.gl_pathv[index].map { String(cString: $0) }
        }
    }
}
