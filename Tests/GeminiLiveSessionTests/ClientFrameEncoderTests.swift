import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

@testable import GeminiLiveSession

@Suite("client frames: one masked buffer each, read back by NIO's own decoder")
struct ClientFrameEncoderTests {
    /// Decodes `buffer` with NIO's WebSocket decoder, as a server would.
    func decode(_ buffer: ByteBuffer) throws -> [WebSocketFrame] {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 20)))
        try channel.writeInbound(buffer)
        var frames: [WebSocketFrame] = []
        while let frame = try channel.readInbound(as: WebSocketFrame.self) { frames.append(frame) }
        _ = try channel.finish()
        return frames
    }

    func payload(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    @Test(
        "every length form (7-bit, 16-bit, 64-bit) and every tail length of the word-wise mask",
        arguments: [0, 1, 3, 7, 8, 9, 15, 125, 126, 127, 1000, 65535, 65536, 100_003])
    func roundTrip(count: Int) throws {
        var encoder = ClientFrameEncoder()
        let bytes = payload(count)
        let buffer = bytes.withUnsafeBytes { encoder.frame(.text, payload: $0, allocator: ByteBufferAllocator()) }
        let headerSize = (count < 126 ? 2 : count <= 0xFFFF ? 4 : 10) + 4
        #expect(buffer.readableBytes == headerSize + count)
        let frames = try decode(buffer)
        try #require(frames.count == 1)
        let frame = frames[0]
        #expect(frame.fin)
        #expect(frame.opcode == .text)
        #expect(frame.maskKey != nil, "client frames must be masked (RFC 6455 §5.3)")
        #expect(Array(frame.unmaskedData.readableBytesView) == bytes)
        if count >= 16 {
            // Masked on the wire: the payload does not travel as written.
            #expect(Array(buffer.readableBytesView.suffix(count)) != bytes)
        }
    }

    @Test("control frames carry their opcode and payload; keys differ from frame to frame")
    func controlFramesAndKeys() throws {
        var encoder = ClientFrameEncoder()
        var keys: Set<[UInt8]> = []
        var close = ByteBuffer()
        close.writeInteger(UInt16(1000))
        close.writeString("bye")
        // More frames than one refill of the key pool holds (1,024 keys).
        for round in 0..<2100 {
            let opcode: WebSocketOpcode = round % 2 == 0 ? .pong : .connectionClose
            let frame = try decode(encoder.frame(opcode, payload: close, allocator: ByteBufferAllocator()))[0]
            #expect(frame.opcode == opcode)
            #expect(frame.unmaskedData == close)
            let key = try #require(frame.maskKey)
            keys.insert([key[0], key[1], key[2], key[3]])
        }
        // 2,100 random 32-bit keys: a repeat is possible but rare; a stuck or recycled pool repeats at once.
        #expect(keys.count >= 2090)
    }

    @Test("the word-wise mask equals the byte-wise definition at every alignment")
    func maskMatchesDefinition() {
        let key: (UInt8, UInt8, UInt8, UInt8) = (0x12, 0xA5, 0x00, 0xFF)
        let keyBytes = [key.0, key.1, key.2, key.3]
        for count in 0..<40 {
            let input = payload(count)
            var output = [UInt8](repeating: 0, count: count)
            input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { ClientFrameEncoder.mask(source, into: $0, key: key) }
            }
            #expect(output == input.enumerated().map { $0.element ^ keyBytes[$0.offset % 4] })
        }
    }
}
