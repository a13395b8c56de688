/// How each backend names a model in `setup.model`, in both directions: the session builds the name it sends,
/// the emulator reads it back to a catalogue id. One rule, so both sides agree.
///
/// - Gemini API: `models/{id}`.
/// - Vertex AI with a project (OAuth): `projects/{p}/locations/{l}/publishers/google/models/{id}`.
/// - Vertex AI express mode (API key, no project): `publishers/google/models/{id}`.
public enum ModelName {
    /// The publisher of Google's models on Vertex AI.
    public static let googlePublisher = "google"

    /// The bare id in `name` (any of the three shapes, or a bare id); nil for any other shape or publisher.
    public static func id(in name: String) -> String? {
        if !name.contains("/") { return name }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.last, !last.isEmpty, parts.count >= 2, parts[parts.count - 2] == "models" else {
            return nil
        }
        switch parts.count {
        case 2: return last  // models/{id}
        case 4 where parts[0] == "publishers" && parts[1] == googlePublisher: return last
        case 8
        where parts[0] == "projects" && parts[2] == "locations" && parts[4] == "publishers"
            && parts[5] == googlePublisher:
            return last
        default: return nil
        }
    }

    /// The Vertex AI name for `name`, as python-genai's `t_model` builds it: a bare id or `models/{id}` becomes
    /// `publishers/google/models/{id}`, `pub/{id}` becomes `publishers/pub/models/{id}`; a `publishers/...` name
    /// gets `projects/{project}/locations/{location}/` in front when a project is given (express mode has none).
    /// A full `projects/...` name is kept.
    public static func vertex(_ name: String, project: String?, location: String?) -> String {
        var short = name
        if name.hasPrefix("models/") {
            short = "publishers/\(googlePublisher)/" + name
        } else if !name.contains("/") {
            short = "publishers/\(googlePublisher)/models/" + name
        } else if !name.hasPrefix("publishers/") && !name.hasPrefix("projects/") {
            let parts = name.split(separator: "/", maxSplits: 1)
            if parts.count == 2 { short = "publishers/\(parts[0])/models/\(parts[1])" }
        }
        guard short.hasPrefix("publishers/"), let project, let location else { return short }
        return "projects/\(project)/locations/\(location)/" + short
    }
}
