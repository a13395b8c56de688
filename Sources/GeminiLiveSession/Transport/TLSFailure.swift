/// A TLS failure in the user's terms: what went wrong with which host, and what to do about it.
///
/// NIOSSL describes failures with BoringSSL's error stack: packed codes, library names and the source path of
/// the build that raised them ("error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at
/// /.../handshake.cc:393"), none of which names a fix. Only the reason token is kept.
struct TLSFailure: Sendable, Equatable {
    /// The line for stderr.
    var text: String
    /// Whether retrying cannot help (the certificate will still not be trusted).
    var isPermanent: Bool

    /// What a TLS error's `description` (`"\(error)"`) means for a connection to `host`.
    init(description: String, host: String) {
        let reason = Self.reasonToken(in: description)
        if reason == "CERTIFICATE_VERIFY_FAILED" {
            text =
                "TLS: the certificate of \(host): certificate not trusted by the system: give --ca-file FILE "
                + "(the PEM root certificate that signed it)"
            isPermanent = true
        } else if description.contains("failedToValidateHostname") {
            text = "TLS: the certificate of \(host) does not name \(host): connect by a name the certificate holds"
            isPermanent = true
        } else if let reason {
            text = "TLS handshake with \(host) failed (\(reason))"
            isPermanent = false
        } else {
            text = "TLS with \(host) failed (\(Self.withoutLocation(description)))"
            isPermanent = false
        }
    }

    /// The reason after BoringSSL's `OPENSSL_internal:` (e.g. `WRONG_VERSION_NUMBER`).
    static func reasonToken(in description: String) -> String? {
        guard let marker = description.firstRange(of: "OPENSSL_internal:") else { return nil }
        let token = description[marker.upperBound...].prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
        return token.isEmpty ? nil : String(token)
    }

    /// `description` cut before a source location (" at /path/file.cc:123").
    static func withoutLocation(_ description: String) -> String {
        guard let location = description.firstRange(of: " at /") else { return description }
        return String(description[..<location.lowerBound])
    }
}
