/// The Vertex AI host for a location, as python-genai and js-genai choose it.
///
/// There is no `global-aiplatform.googleapis.com` (it answers with an HTML 404): `global` is the bare
/// `aiplatform.googleapis.com`, and the multi-regions `us` and `eu` have `rep` hosts of their own.
public enum VertexHost {
    /// The multi-regional locations and their hosts.
    static let multiRegions: Set<String> = ["us", "eu"]

    /// The host serving `location`.
    public static func name(location: String) -> String {
        if location == "global" { return "aiplatform.googleapis.com" }
        if multiRegions.contains(location) { return "aiplatform.\(location).rep.googleapis.com" }
        return "\(location)-aiplatform.googleapis.com"
    }

    /// Why `location` cannot be part of a host name, or nil when it can (`us-central1`, `europe-west4`, `global`).
    public static func problem(location: String) -> String? {
        guard !location.isEmpty else { return "is empty" }
        let allowed = location.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "must be lower-case letters, digits and '-' (e.g. us-central1, global)"
    }
}
