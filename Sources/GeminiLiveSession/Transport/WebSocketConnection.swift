import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// One WebSocket connection of the session, built from NIO channel handlers on the session's event loop.
///
/// Server frames are handed to `deliver` synchronously from `channelRead`, and client frames are written
/// straight into the pipeline: no task, actor, async writer or async sequence per frame, which is where a
/// general-purpose client spends most of a relay's time. Pings from the server are answered here; our own
/// keepalive pings go out when the state machine asks (`ping`), and their pongs are reported to it.
/// Every connection reports exactly one end: a close frame, a drop, or a refusal.
///
/// It lives on `loop`: the closures NIO may run elsewhere hold it through `NIOLoopBound`, which checks
/// that they run on the loop after all.
final class WebSocketConnection: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    /// Largest server message accepted, after reassembling fragments (audio replies are large).
    static let maxMessageSize = 64 << 20

    private enum State {
        /// TCP, TLS and the HTTP upgrade are under way.
        case connecting
        /// Upgraded: frames flow.
        case open
        /// Our close frame went out; waiting for the server's.
        case closing
        /// Its end was reported (or it was aborted): nothing more is reported.
        case ended
    }

    let id: Int
    private let loop: any EventLoop
    private let url: String
    private let setup: [UInt8]
    private let deliver: (SessionEvent) -> Void
    private let writabilityChanged: () -> Void
    private var state = State.connecting
    private var channel: (any Channel)?
    private var context: ChannelHandlerContext?
    /// The first error seen, the reason given when the connection then goes down without a close frame.
    private var failure: (any Error)?
    /// The host connected to, for TLS messages.
    private var host = ""
    /// Where our frames enter the pipeline, laid out and masked by `encoder`.
    private let frameWriter = EncodedFrameWriter()
    private var encoder = ClientFrameEncoder()

    /// Creates a connection that reports its events through `deliver` (called on `loop`).
    init(
        id: Int, loop: any EventLoop, url: String, setup: [UInt8],
        deliver: @escaping (SessionEvent) -> Void, writabilityChanged: @escaping () -> Void
    ) {
        self.id = id
        self.loop = loop
        self.url = url
        self.setup = setup
        self.deliver = deliver
        self.writabilityChanged = writabilityChanged
    }

    /// Whether a frame written now would not pile up: false while the socket's send buffer is over its mark.
    var isWritable: Bool { channel?.isWritable ?? true }

    // MARK: - Opening

    /// Connects to `host:port`, upgrades with `request`, then sends the setup frame and reports `.connected`;
    /// call on `loop`.
    ///
    /// `connectTimeout` is the user's whole budget for connecting and setting up, which the state machine
    /// times. NIO's own TCP connect timeout (10 s by default) would cut a longer budget short with a bare
    /// socket error, so it is set a second past the budget: the machine's timer always fires first.
    func start(
        host: String, port: Int, request: HTTPRequestHead, tls: NIOSSLContext?, serverName: String?,
        connectTimeout: Duration
    ) {
        self.host = host
        let bound = NIOLoopBound(self, eventLoop: loop)
        ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(Self.nanoseconds(connectTimeout + .seconds(1))))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try bound.value.configure(channel, request: request, tls: tls, serverName: serverName)
                }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                let connection = bound.value
                switch result {
                case .success(let channel):
                    connection.channel = channel
                    if case .ended = connection.state { channel.close(promise: nil) }
                case .failure(let error):
                    connection.report(.socketDropped(connection: connection.id, reason: "\(error)"))
                }
            }
    }

    private func configure(
        _ channel: any Channel, request: HTTPRequestHead, tls: NIOSSLContext?, serverName: String?
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
        try pipeline.addHandler(frameWriter)
        let encoder = HTTPRequestEncoder()
        // Bytes that follow the 101 in the same read are the first WebSocket frames: pass them on.
        let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
        let observer = UpgradeObserver(request: request, connection: self)
        let bound = NIOLoopBound(self, eventLoop: channel.eventLoop)
        let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: Self.maxMessageSize, automaticErrorHandling: true) {
            channel, _ in
            channel.eventLoop.makeCompletedFuture {
                let pipeline = channel.pipeline.syncOperations
                try pipeline.addHandler(
                    NIOWebSocketFrameAggregator(
                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16,
                        maxAccumulatedFrameSize: Self.maxMessageSize))
                try pipeline.addHandler(bound.value)
            }
        }
        let upgrade = NIOHTTPClientUpgradeHandler(
            upgraders: [upgrader], httpHandlers: [encoder, decoder, observer], upgradeCompletionHandler: { _ in })
        try pipeline.addHandler(encoder)
        try pipeline.addHandler(decoder)
        try pipeline.addHandler(upgrade)
        try pipeline.addHandler(observer)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Added by the upgrader: the WebSocket is open.
        self.context = context
        guard case .connecting = state else {
            context.close(promise: nil)
            return
        }
        state = .open
        send(setup, context: context)
        deliver(.connected(connection: id))
    }

    // MARK: - Frames

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            guard case .open = state else { return }
            let payload = frame.unmaskedData
            if let message = ServerFrame(payload: payload.readableBytesView) {
                deliver(.serverMessage(connection: id, message))
            } else {
                deliver(.unreadableServerFrame(connection: id, byteCount: payload.readableBytes))
            }
        case .ping:
            write(opcode: .pong, frame.unmaskedData, context: context)
        case .pong:
            guard case .open = state else { return }
            deliver(.pong(connection: id, payload: Array(frame.unmaskedData.readableBytesView)))
        case .connectionClose:
            closeReceived(frame.unmaskedData, context: context)
        default:
            break
        }
    }

    private func closeReceived(_ body: ByteBuffer, context: ChannelHandlerContext) {
        var body = body
        let code = body.readInteger(as: UInt16.self)
        let reason = body.readString(length: body.readableBytes) ?? ""
        let serverStarted = if case .open = state { true } else { false }
        // Reported before hanging up: the write below can complete, and the channel close, synchronously.
        if let code {
            report(.socketClosed(connection: id, code: Int(code), reason: reason))
        } else {
            report(.socketDropped(connection: id, reason: "the server closed the connection without a close code"))
        }
        let channel = context.channel
        guard serverStarted else {
            channel.close(promise: nil)
            return
        }
        // The server started the handshake: answer with its code, then hang up once that is written.
        var answer = ByteBuffer()
        if let code { answer.writeInteger(code) }
        let written = context.eventLoop.makePromise(of: Void.self)
        write(opcode: .connectionClose, answer, context: context, promise: written)
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        writabilityChanged()
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failed(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        channelEnded()
    }

    /// Sends one text frame; dropped when the connection is not open (its end is reported separately).
    func send(_ bytes: [UInt8]) {
        guard case .open = state, let context else { return }
        send(bytes, context: context)
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        let frame = bytes.withUnsafeBytes {
            encoder.frame(.text, payload: $0, allocator: context.channel.allocator)
        }
        frameWriter.writeAndFlush(frame, promise: nil)
    }

    private func write(
        opcode: WebSocketOpcode, _ data: ByteBuffer, context: ChannelHandlerContext,
        promise: EventLoopPromise<Void>? = nil
    ) {
        frameWriter.writeAndFlush(
            encoder.frame(opcode, payload: data, allocator: context.channel.allocator), promise: promise)
    }

    /// Sends a ping with `payload`; dropped when the connection is not open.
    func ping(_ payload: [UInt8]) {
        guard case .open = state, let context else { return }
        write(opcode: .ping, context.channel.allocator.buffer(bytes: payload), context: context)
    }

    // MARK: - Closing

    /// Starts the close handshake; the server's close frame (or the close timer) ends it.
    func close(code: Int, reason: String) {
        guard case .open = state, let context else {
            // Not open yet (or already going): hang up, and let the channel's end be reported.
            channel?.close(promise: nil)
            return
        }
        state = .closing
        var body = ByteBuffer()
        body.writeInteger(UInt16(truncatingIfNeeded: code))
        body.writeString(reason)
        write(opcode: .connectionClose, body, context: context)
    }

    /// Tears the connection down at once and reports nothing more about it.
    func abort() {
        state = .ended
        channel?.close(promise: nil)
    }

    // MARK: - Ends

    /// Called by `UpgradeObserver` when the server answered the upgrade with something other than 101.
    func upgradeRefused(_ head: HTTPResponseHead) {
        var reason = "the WebSocket upgrade at \(url) was refused: HTTP \(head.status.code) \(head.status.reasonPhrase)"
        if let failure { reason += " (\(failure))" }
        switch CloseClassification.of(upgradeStatus: Int(head.status.code)) {
        case .retry: report(.socketDropped(connection: id, reason: reason))
        case .fatal(let kind): report(.connectRefused(connection: id, reason: reason, kind: kind))
        }
    }

    /// Remembers the first error; the channel's end reports it.
    func failed(_ error: any Error) {
        if failure == nil { failure = error }
    }

    /// The channel went down: report a drop unless an end was reported already.
    func channelEnded() {
        guard let failure else {
            report(.socketDropped(connection: id, reason: "the connection ended without a close frame"))
            return
        }
        guard let problem = TLSFailure.Problem(failure) else {
            report(.socketDropped(connection: id, reason: "\(failure)"))
            return
        }
        // What it means for the session (end, or retry) is the state machine's call.
        report(.tlsFailed(connection: id, TLSFailure(problem, host: host)))
    }

    private func report(_ event: SessionEvent) {
        if case .ended = state { return }
        state = .ended
        deliver(event)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
