import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL
import NIOWebSocket
import GeminiLiveSystem

/// The emulator's network side: a Hummingbird server with the Live WebSocket paths, optionally over TLS.
public struct EmulatorServer: Sendable {
    let services: EmulatorServices

    /// Prepares a server (opens the log); `run` starts it.
    public init(configuration: EmulatorConfiguration) throws(EmulatorError) {
        services = try EmulatorServices(configuration: configuration)
    }

    /// The largest client frame accepted (a recorded realtimeInput was 129 KB; pictures are bigger).
    static let maxFrameSize = 64 << 20

    /// Serves until cancelled; `onListening` gets `ws://127.0.0.1:PORT` (or `wss://localhost:PORT`) once bound.
    public func run(onListening: @escaping @Sendable (String) async -> Void) async throws {
        let configuration = services.configuration
        let unauthorized = UnauthorizedChannels()
        var server = HTTPServerBuilder.http1WebSocketUpgrade(
            configuration: HTTP1WebSocketUpgradeChannel.Configuration(
                http1: HTTP1Channel.Configuration(additionalChannelHandlers: [
                    UpgradeRefusalRewriter(unauthorized: unauthorized)
                ]),
                ws: WebSocketServerConfiguration(maxFrameSize: Self.maxFrameSize))
        ) {
            request, channel, _ async throws -> ShouldUpgradeResult<
                WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>
            > in
            guard let route = RequestRoute(path: request.path ?? "", headers: request.headerFields) else {
                return .dontUpgrade
            }
            if route.isUnauthorized {
                unauthorized.mark(channel)
                return .dontUpgrade
            }
            return .upgrade([:]) { inbound, outbound, _ in
                await serve(route: route, inbound: inbound, outbound: outbound, channel: channel)
            }
        }
        if configuration.usesTLS {
            server = try .tls(server, tlsConfiguration: try tlsConfiguration())
        }
        var logger = Logger(label: "gemini-live-emulator") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .critical
        let scheme = configuration.usesTLS ? "wss" : "ws"
        let host = configuration.usesTLS ? "localhost" : configuration.host
        let app = Application(
            router: Router(), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                await onListening("\(scheme)://\(host):\(channel.localAddress?.port ?? configuration.port)")
            },
            logger: logger)
        try await app.run()
    }

    func tlsConfiguration() throws -> TLSConfiguration {
        let configuration = services.configuration
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else {
            throw EmulatorError(.usage, "TLS needs both --tls-cert and --tls-key")
        }
        // Read here, not by NIOSSL, so a missing file is an unusable input (66) and bad PEM is bad data (65).
        let certificate: [UInt8]
        let key: [UInt8]
        do {
            certificate = try WholeFile.read(certificatePath)
            key = try WholeFile.read(keyPath)
        } catch {
            throw EmulatorError(error.category, "cannot read TLS \(error)")
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let privateKey = try NIOSSLPrivateKey(bytes: key, format: .pem)
            return TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(privateKey))
        } catch {
            throw EmulatorError(
                .badData, "cannot load TLS certificate '\(certificatePath)' or key '\(keyPath)': \(error)")
        }
    }

    func serve(
        route: RequestRoute, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel
    ) async {
        if let library = services.replay {
            await serveReplay(route: route, inbound: inbound, outbound: outbound, channel: channel, library: library)
            return
        }
        let number = services.nextConnectionNumber()
        let session = EmulatedSession(
            options: services.sessionOptions(
                connection: number, version: route.version.rawValue, backend: route.backend))
        // Installed on every connection: --slow-pongs sets the starting delay, a script's slowPongs changes it.
        let pongDelay = PongDelay(seconds: services.configuration.slowPongs)
        let driver = ConnectionDriver(
            session: session, outbound: outbound, channel: channel, number: number, services: services,
            pongDelay: pongDelay)
        try? await channel.eventLoop.submit {
            let pipeline = channel.pipeline.syncOperations
            let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
            let log = services.log
            let delayer = PongDelayer(delay: pongDelay) {
                log?.record(connection: number, direction: "server", frame: "pong")
            }
            try pipeline.addHandler(delayer, position: .after(decoder))
        }.get()
        if let refusal = route.refusal(requiring: services.configuration.apiKey) {
            await driver.refuse(refusal)
        }
        do {
            for try await message in inbound.messages(maxSize: Self.maxFrameSize) {
                await driver.receive(message)
                if await driver.finished { break }
            }
        } catch {}
        if await !driver.finished {
            services.log?.record(connection: number, direction: "client", frame: "close")
        }
        await driver.clientGone()
    }
}
