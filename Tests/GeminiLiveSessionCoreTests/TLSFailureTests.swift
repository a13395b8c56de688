@testable import GeminiLiveSessionCore
import Testing

@Suite("TLS failures in the user's terms")
struct TLSFailureTests {
    static let untrusted =
        "error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /work/.build/checkouts/"
        + "swift-nio-ssl/Sources/CNIOBoringSSL/ssl/handshake.cc:393"

    @Test("an untrusted certificate is known by BoringSSL's packed code, and named with the host and --ca-file")
    func untrustedCertificate() {
        #expect(TLSFailure.problem(boringSSLEntry: Self.untrusted) == .untrustedCertificate)
        // The same reason token from another library is not the certificate check.
        #expect(
            TLSFailure.problem(
                boringSSLEntry: "error:0b00007d:x509 routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED")
                == .handshakeFailed(reason: "CERTIFICATE_VERIFY_FAILED"))
        let failure = TLSFailure(.untrustedCertificate, host: "example.test")
        #expect(failure.isPermanent)
        #expect(failure.text.contains("example.test: certificate not trusted by the system: give --ca-file FILE"))
        for leak in ["BoringSSL", "OPENSSL_internal", "error:", "handshake.cc", "/work/"] {
            #expect(!failure.text.contains(leak), "\(leak)")
        }
        #expect(TLSFailure(.hostnameMismatch, host: "h").isPermanent)
    }

    @Test("other handshake failures keep only BoringSSL's reason token and may be retried")
    func otherFailures() {
        let problem = TLSFailure.problem(
            boringSSLEntry:
                "error:1000010b:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /x/ssl/tls_record.cc:231")
        #expect(problem == .handshakeFailed(reason: "WRONG_VERSION_NUMBER"))
        let failure = TLSFailure(problem!, host: "h")
        #expect(failure.text == "TLS handshake with h failed (WRONG_VERSION_NUMBER)")
        #expect(!failure.isPermanent)
        #expect(
            TLSFailure(.other("uncleanShutdown at /a/b.cc:1"), host: "h").text == "TLS with h failed (uncleanShutdown)")
        #expect(TLSFailure.problem(boringSSLEntry: "no code here") == nil)
    }
}
