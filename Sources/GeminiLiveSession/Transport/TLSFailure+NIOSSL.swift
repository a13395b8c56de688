import NIOSSL

extension TLSFailure.Problem {
    /// Classifies a NIOSSL error by its type: a hostname that does not match, a handshake BoringSSL refused (read
    /// from its error stack), or something else. nil when `error` is not a TLS error at all.
    init?(_ error: any Error) {
        if let extra = error as? NIOSSLExtraError {
            self = extra == .failedToValidateHostname ? .hostnameMismatch : .other("\(extra)")
            return
        }
        guard let error = error as? NIOSSLError else { return nil }
        guard case .handshakeFailed(let failure) = error else {
            self = .other("\(error)")
            return
        }
        switch failure {
        case .sslError(let stack), .unknownError(let stack):
            let problems = stack.compactMap { TLSFailure.problem(boringSSLEntry: $0.description) }
            self =
                problems.first { $0 == .untrustedCertificate } ?? problems.first
                ?? .other("handshake failed: \(failure)")
        default:
            self = .other("handshake failed: \(failure)")
        }
    }
}
