import NIOCore
import NIOHTTP1
import NIOSSL
import GeminiLiveSystem

/// Opens and runs the session's WebSocket connections; with `WebSocketConnection`, the only code that touches sockets.
///
/// Every connection lives on `loop`, the loop the session's reactor runs on, so frames go between the
/// socket, the state machine and stdout without a thread hop. Apart from `init`, use it on `loop` only.
final class SocketTransport {
    /// The loop that owns the sockets.
    let loop: any EventLoop
    let endpoint: SessionEndpoint
    /// `--connect-timeout`: the state machine enforces it; the TCP connect must not give up sooner.
    let connectTimeout: Duration
    /// Built once: loading the trust roots costs milliseconds, too much for every reconnection.
    private let tls: NIOSSLContext?
    private var connections: [Int: WebSocketConnection] = [:]

    init(
        endpoint: SessionEndpoint, caFile: String?, connectTimeout: Duration, loop: any EventLoop
    )
        throws(SessionSetupError)
    {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.loop = loop
        guard endpoint.usesTLS else {
            tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            // Read here, not by NIOSSL, so a missing file is an unusable input (66) and bad PEM is bad data (65).
            let pem = try SetupFiles.contents(of: caFile, option: "--ca-file")
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(pem)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                configuration.trustRoots = .certificates(certificates)
            } catch {
                throw SessionSetupError(.badData, "--ca-file '\(caFile)': not a PEM certificate: \(error)")
            }
        }
        do {
            tls = try NIOSSLContext(configuration: configuration)
        } catch {
            throw SessionSetupError(.failure, "TLS: cannot set up the client context: \(error)")
        }
    }

    /// The name sent in SNI: never an IP address (TLS forbids it); a loopback address gets `localhost`,
    /// the name a local server's certificate carries.
    var serverName: String? {
        let host = endpoint.host
        guard host.first?.isNumber ?? false || host.contains(":") else { return host }
        return endpoint.isLoopback ? "localhost" : nil
    }

    /// The upgrade request: the path, Host, and the auth header (the key travels only there).
    var request: HTTPRequestHead {
        let defaultPort = endpoint.usesTLS ? 443 : 80
        var headers = HTTPHeaders()
        headers.add(
            name: "Host", value: endpoint.port == defaultPort ? endpoint.host : "\(endpoint.host):\(endpoint.port)")
        for header in endpoint.headers { headers.add(name: header.name, value: header.value) }
        return HTTPRequestHead(version: .http1_1, method: .GET, uri: endpoint.path, headers: headers)
    }

    /// Opens connection `id`, sends `setup` first, then reports `.connected`, every message, and how it ended.
    func open(
        _ id: Int, setup: [UInt8], deliver: @escaping (SessionEvent) -> Void,
        writabilityChanged: @escaping () -> Void
    ) {
        let connection = WebSocketConnection(
            id: id, loop: loop, url: endpoint.url, setup: setup,
            deliver: { [weak self] event in
                switch event {
                case .socketClosed, .socketDropped, .tlsFailed, .connectRefused: self?.connections[id] = nil
                default: break
                }
                deliver(event)
            }, writabilityChanged: writabilityChanged)
        connections[id] = connection
        var host = endpoint.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        connection.start(
            host: host, port: endpoint.port, request: request, tls: tls, serverName: serverName,
            connectTimeout: connectTimeout)
    }

    /// Sends one frame on connection `id`; dropped when it is gone (its end is reported separately).
    func send(_ id: Int, _ frame: [UInt8]) {
        connections[id]?.send(frame)
    }

    /// Sends a keepalive ping on connection `id`; dropped when it is gone.
    func ping(_ id: Int, payload: [UInt8]) {
        connections[id]?.ping(payload)
    }

    /// Whether connection `id` can take more frames without piling them up in memory.
    func isWritable(_ id: Int) -> Bool {
        connections[id]?.isWritable ?? true
    }

    /// Starts the close handshake on connection `id`.
    func close(_ id: Int, code: Int, reason: String) {
        connections[id]?.close(code: code, reason: reason)
    }

    /// Tears connection `id` down; nothing more is reported about it.
    func abort(_ id: Int) {
        connections.removeValue(forKey: id)?.abort()
    }
}
