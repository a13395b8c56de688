import HummingbirdWebSocket
import NIOCore

extension EmulatorServer {
    /// Serves one connection from the recordings instead of the emulated model.
    func serveReplay(
        route: RequestRoute, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel,
        library: ReplayLibrary
    ) async {
        let number = services.nextConnectionNumber()
        let connection = ReplayConnection(
            outbound: outbound, channel: channel, number: number, services: services, library: library)
        if let refusal = route.refusal(requiring: services.configuration.apiKey) {
            await connection.refuse(refusal)
        }
        do {
            for try await message in inbound.messages(maxSize: Self.maxFrameSize) {
                await connection.receive(message)
                if await connection.finished { break }
            }
        } catch {}
        if await !connection.finished {
            services.log?.record(connection: number, direction: "client", frame: "close")
        }
        await connection.clientGone()
    }
}
