/// A TLS failure in the user's terms: what went wrong with which host, and what to do about it.
///
/// The transport classifies NIOSSL's typed errors into a `Problem` (`TLSFailure+NIOSSL.swift`); what each problem
/// means for the session (end at once, or retry like a drop) is decided here, and the machine acts on it.
public struct TLSFailure: Sendable, Equatable {
    /// What the handshake ran into.
    public enum Problem: Sendable, Equatable {
        /// The server's certificate chain does not lead to a trusted root.
        case untrustedCertificate
        /// The certificate is trusted but does not name the host connected to.
        case hostnameMismatch
        /// BoringSSL refused the handshake for another reason (its reason token, e.g. `WRONG_VERSION_NUMBER`).
        case handshakeFailed(reason: String)
        /// Anything else, described without source locations (e.g. an unclean shutdown).
        case other(String)
    }

    /// What the handshake ran into.
    public var problem: Problem
    /// The host connected to.
    public var host: String

    /// Creates a failure.
    public init(_ problem: Problem, host: String) {
        self.problem = problem
        self.host = host
    }

    /// Whether retrying cannot help: a certificate that is not trusted, or names another host, stays so.
    public var isPermanent: Bool {
        switch problem {
        case .untrustedCertificate, .hostnameMismatch: true
        case .handshakeFailed, .other: false
        }
    }

    /// The line for stderr: no BoringSSL codes, library names or build paths, and the fix when there is one.
    public var text: String {
        switch problem {
        case .untrustedCertificate:
            "TLS: the certificate of \(host): certificate not trusted by the system: give --ca-file FILE "
                + "(the PEM root certificate that signed it)"
        case .hostnameMismatch:
            "TLS: the certificate of \(host) does not name \(host): connect by a name the certificate holds"
        case .handshakeFailed(let reason):
            "TLS handshake with \(host) failed (\(reason))"
        case .other(let description):
            "TLS with \(host) failed (\(Self.withoutLocation(description)))"
        }
    }

    /// What one entry of BoringSSL's error stack (`"error:1000007d:SSL routines:OPENSSL_internal:REASON at /..."`)
    /// reports, from its packed code: the library is the top byte and the reason the low 12 bits.
    ///
    /// NIOSSL keeps the code private and shows it only in this text, so the text is read, but by its code, not by
    /// the wording around it.
    public static func problem(boringSSLEntry entry: String) -> Problem? {
        guard let marker = entry.firstRange(of: "error:") else { return nil }
        let hex = entry[marker.upperBound...].prefix { $0.isHexDigit }
        guard let code = UInt32(hex, radix: 16) else { return nil }
        // ERR_LIB_SSL and SSL_R_CERTIFICATE_VERIFY_FAILED in BoringSSL's headers.
        if code >> 24 == 16, code & 0xFFF == 125 { return .untrustedCertificate }
        return .handshakeFailed(reason: reasonToken(in: entry) ?? String(hex))
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
