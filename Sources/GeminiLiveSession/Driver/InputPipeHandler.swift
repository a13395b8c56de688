import GeminiLiveProtocol
import NIOCore

/// Reads one pipe or FIFO input on the session's event loop and hands each validated line to the reactor.
///
/// epoll wakes the loop itself when a line arrives, so an upstream message costs no thread wake-up besides
/// the loop's own, and the line reaches the state machine and the socket in the same turn. The reactor
/// turns `autoRead` off while the session cannot take input (a slow service slows input reading).
/// It is not `Sendable`: created on the loop, it reaches the channel's initialiser through `NIOLoopBound`.
final class InputPipeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var source: InputSource
    private let intake: InputIntake
    private let deliver: (SessionEvent) -> Void
    private let ended: () -> Void
    private var stopped = false
    private var endReported = false

    init(
        source: InputSource, intake: InputIntake, deliver: @escaping (SessionEvent) -> Void,
        ended: @escaping () -> Void
    ) {
        self.source = source
        self.intake = intake
        self.deliver = deliver
        self.ended = ended
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !stopped else { return }
        let buffer = unwrapInboundIn(data)
        source.splitter.append(buffer.readableBytesView)
        takeLines(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !stopped else { return }
        stop(context: context)
        deliver(.inputFailed(SessionOutcome(.io, "\(source.name): read failed: \(error)")))
        reportEnd()
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The end of the input (a pipe channel closes when its read side reaches EOF).
        if !stopped, let last = source.splitter.finish() { take(last, context: context) }
        stopped = true
        reportEnd()
    }

    private func takeLines(context: ChannelHandlerContext) {
        while !stopped, let line = source.splitter.next() { take(line, context: context) }
    }

    private func take(_ line: NDJSONLine, context: ChannelHandlerContext) {
        let (events, goOn) = intake.take(line, source: source.name)
        for event in events { deliver(event) }
        if !goOn {
            stop(context: context)
            reportEnd()
        }
    }

    private func reportEnd() {
        guard !endReported else { return }
        endReported = true
        ended()
    }

    private func stop(context: ChannelHandlerContext) {
        stopped = true
        context.close(promise: nil)
    }
}
