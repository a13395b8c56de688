import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder of a cassette's media side files (`--media-dir`): each audio, image or video payload stored once,
/// raw, under the SHA-256 of its bytes, so that a cassette stays small, greppable and diffable.
///
/// In the cassette, a blob's base64 `data` becomes `{"$media":"<64 hex digits>.<ext>","bytes":N}`; the extension
/// comes from the blob's `mimeType` and only helps people and players (`.pcm`, `.wav`, `.jpg`, `.png`, `.bin`).
/// Any object with a `mimeType` of `audio/`, `image/` or `video/` and a base64 `data` string is a blob, wherever
/// it is in the message: `realtimeInput.audio`, `video`, `mediaChunks`, the `inlineData` of parts.
public struct MediaFolder: Sendable, Equatable {
    /// The member that marks a reference.
    public static let referenceKey = "$media"

    /// The folder.
    public let path: String

    /// A folder to read from, or to write to once `create()` has made it.
    public init(path: String) {
        self.path = path
    }

    /// Creates the folder (and its parents) if it does not exist.
    public func create() throws(SystemCallError) {
        try Folder.create(path)
    }

    /// The folder a cassette's media are read from: the header's `media` (relative to the cassette's folder
    /// unless absolute), else `media` beside the cassette.
    public init(forCassette cassette: String, header: CassetteHeader?) {
        let folder = Self.folder(of: cassette)
        let named = header?.media ?? "media"
        self.init(path: named.hasPrefix("/") ? named : "\(folder)/\(named)")
    }

    /// How the header of a cassette at `cassette` names this folder: nil for the default, `media` beside it;
    /// a path relative to the cassette's folder when the folder is inside it; else the absolute path.
    public func headerName(forCassette cassette: String) -> String? {
        let folder = Self.folder(of: cassette)
        var name: String
        if folder == ".", !path.hasPrefix("/") {
            name = path
        } else if path.hasPrefix(folder + "/") {
            name = String(path.dropFirst(folder.count + 1))
        } else if path.hasPrefix("/") {
            name = path
        } else {
            name = Self.workingDirectory() + "/" + path
        }
        while name.hasPrefix("./") { name.removeFirst(2) }
        while name.count > 1, name.hasSuffix("/") { name.removeLast() }
        return name == "media" ? nil : name
    }

    private static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    private static func workingDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Writing

    /// `message` with every blob's payload moved into the folder and replaced by a reference.
    ///
    /// A payload that is not valid base64, or whose file cannot be written, stays inline: the cassette is a
    /// by-product of the run, and a payload kept inline loses nothing.
    public func externalising(_ message: JSONValue) -> JSONValue {
        switch message {
        case .object(let object):
            if let reference = externalised(object) { return .object(reference) }
            var result = JSONObject()
            for (key, member) in object { result.append(key, externalising(member)) }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(externalising))
        default:
            return message
        }
    }

    /// The blob `object` with its data replaced by a reference; nil when it is not a blob or must stay inline.
    private func externalised(_ object: JSONObject) -> JSONObject? {
        guard let mimeType = object["mimeType"]?.stringValue, Self.isMedia(mimeType),
            case .string(let text)? = object["data"], let bytes = try? Base64.decode(text)
        else { return nil }
        let name = SHA256.hex(bytes) + "." + Self.fileExtension(mimeType: mimeType)
        guard store(bytes, as: name) else { return nil }
        var result = object
        result["data"] = [Self.referenceKey: .string(name), "bytes": .number(JSONNumber(bytes.count))]
        return result
    }

    /// Writes `bytes` to `name` unless it is there already (the same name is the same bytes); whether it is there.
    ///
    /// The bytes go to a temporary name first and are renamed into place, so a reader or a crash never sees a
    /// side file with half its bytes under the final name.
    private func store(_ bytes: [UInt8], as name: String) -> Bool {
        let final = "\(path)/\(name)"
        if access(final, F_OK) == 0 { return true }
        let partial = "\(final).\(getpid()).partial"
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = (try? Descriptor.writeAll(bytes, to: descriptor)) != nil
        close(descriptor)
        guard written, rename(partial, final) == 0 else {
            unlink(partial)
            return false
        }
        return true
    }

    private static func isMedia(_ mimeType: String) -> Bool {
        mimeType.hasPrefix("audio/") || mimeType.hasPrefix("image/") || mimeType.hasPrefix("video/")
    }

    /// The side file's extension for a MIME type (its parameters ignored).
    public static func fileExtension(mimeType: String) -> String {
        let bare = mimeType.prefix { $0 != ";" }.lowercased()
        switch bare {
        case "audio/pcm", "audio/l16": return "pcm"
        case "audio/wav", "audio/x-wav", "audio/wave": return "wav"
        case "image/jpeg": return "jpg"
        case "image/png": return "png"
        default: return "bin"
        }
    }

    // MARK: - Reading

    /// Why a reference cannot be resolved.
    public struct MissingMedia: Error, Sendable, Equatable {
        /// What is wrong, naming the file.
        public let problem: String
    }

    /// `message` with every reference replaced by the base64 of its side file.
    public func resolving(_ message: JSONValue) throws(MissingMedia) -> JSONValue {
        switch message {
        case .object(let object):
            if let name = object[Self.referenceKey]?.stringValue { return .string(try payload(name)) }
            var result = JSONObject()
            for (key, member) in object { result.append(key, try resolving(member)) }
            return .object(result)
        case .array(let elements):
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements { result.append(try resolving(element)) }
            return .array(result)
        default:
            return message
        }
    }

    private func payload(_ name: String) throws(MissingMedia) -> String {
        // A name is a content address, never a path: a cassette must not make a reader open another file.
        guard !name.contains("/"), !name.hasPrefix(".") else {
            throw MissingMedia(problem: "media reference '\(name)' is not a file name")
        }
        do {
            return Base64.encodedString(try WholeFile.read("\(path)/\(name)"))
        } catch {
            throw MissingMedia(problem: "media file '\(path)/\(name)': \(error.reason)")
        }
    }
}
