@testable import GeminiLiveSession
import Testing

@Suite("TLS failures in the user's terms")
struct TLSFailureTests {
    static let untrusted =
        "handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435581 error:1000007d:SSL routines:"
        + "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /work/.build/checkouts/swift-nio-ssl/Sources/"
        + "CNIOBoringSSL/ssl/handshake.cc:393]))"

    @Test("an untrusted certificate names the host and --ca-file, and nothing of BoringSSL")
    func untrustedCertificate() {
        let failure = TLSFailure(description: Self.untrusted, host: "example.test")
        #expect(failure.isPermanent)
        #expect(
            failure.text.contains("example.test: certificate not trusted by the system: give --ca-file FILE"))
        for leak in ["BoringSSL", "OPENSSL_internal", "error:", "handshake.cc", "/work/"] {
            #expect(!failure.text.contains(leak), "\(leak)")
        }
    }

    @Test("other handshake failures keep only BoringSSL's reason token and may be retried")
    func otherFailures() {
        let failure = TLSFailure(
            description: "handshakeFailed(sslError([error:1000010b:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER"
                + " at /x/ssl/tls_record.cc:231]))", host: "h")
        #expect(failure.text == "TLS handshake with h failed (WRONG_VERSION_NUMBER)")
        #expect(!failure.isPermanent)
        #expect(
            TLSFailure(description: "uncleanShutdown at /a/b.cc:1", host: "h").text
                == "TLS with h failed (uncleanShutdown)")
    }
}
