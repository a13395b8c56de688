import Foundation

/// A self-signed certificate for `localhost` and 127.0.0.1, made with openssl in a test's folder, for the
/// TLS tests (emulator with `--tls-cert`, clients told to trust it).
public struct LocalhostCertificate: Sendable {
    /// The certificate's PEM file.
    public let certificatePath: String
    /// The private key's PEM file.
    public let keyPath: String

    /// Writes `cert.pem` and `key.pem` into `directory`; throws when openssl fails, with its stderr.
    public init(in directory: TemporaryDirectory) throws {
        certificatePath = directory.file("cert.pem")
        keyPath = directory.file("key.pem")
        let made = try ToolRunner.run(
            "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "2", "-keyout", keyPath, "-out",
                certificatePath,
            ])
        guard made.status == 0 else { throw CertificateError(message: made.stderrText) }
    }

    /// openssl's complaint when it could not make the certificate.
    public struct CertificateError: Error, CustomStringConvertible {
        public let description: String
        init(message: String) { description = "openssl req failed: \(message)" }
    }
}
