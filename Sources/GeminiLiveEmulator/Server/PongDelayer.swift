import NIOCore
import NIOWebSocket
import Synchronization

/// A connection's pong delay, shared between its channel handler and its driver (scripts change it).
final class PongDelay: Sendable {
    private let milliseconds: Atomic<Int64>

    init(seconds: Double) {
        milliseconds = Atomic(Int64(seconds * 1000))
    }

    /// The delay now.
    var amount: TimeAmount { .milliseconds(milliseconds.load(ordering: .relaxed)) }

    /// Sets the delay for pongs sent from now on.
    func set(seconds: Double) {
        milliseconds.store(Int64(seconds * 1000), ordering: .relaxed)
    }
}

/// Holds back each pong frame for a while (`--slow-pongs`), like a busy server measured at 8-30 s.
final class PongDelayer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let delay: PongDelay
    /// Called as each pong goes out, for the frame log (`--log`), so keepalive can be watched.
    private let pongSent: @Sendable () -> Void

    init(delay: PongDelay, pongSent: @escaping @Sendable () -> Void) {
        self.delay = delay
        self.pongSent = pongSent
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let frame = unwrapOutboundIn(data)
        guard frame.opcode == .pong else {
            context.write(data, promise: promise)
            return
        }
        let wait = delay.amount
        guard wait > .zero else {
            pongSent()
            context.write(data, promise: promise)
            return
        }
        let loopBound = NIOLoopBound((context, frame), eventLoop: context.eventLoop)
        let pongSent = pongSent
        context.eventLoop.scheduleTask(in: wait) {
            let (context, frame) = loopBound.value
            pongSent()
            context.writeAndFlush(NIOAny(frame), promise: promise)
        }
    }
}
