import NIOCore
import NIOWebSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lays out client frames (RFC 6455 §5.2), payload masked, each in one buffer.
///
/// Why not NIO's `WebSocketFrameEncoder`: it writes the header as a buffer of its own whenever the payload has no
/// room in front of it, and NIOSSL seals every buffer as a TLS record of its own, so each frame cost two records:
/// two seals here and two opens at the server. It also masks a byte at a time and asks the kernel for every 4-byte
/// key. Here the header, key and masked payload are written in one pass into one buffer, the mask is applied eight
/// bytes at a time, and keys come from a pool of random bytes refilled 4 KiB at a time (still unpredictable to the
/// network, as §5.3 requires; only the system calls are fewer).
struct ClientFrameEncoder {
    private var keys = [UInt8](repeating: 0, count: 4096)
    private var nextKey = 4096

    /// Largest header: 2 bytes, a 64-bit length, the 4-byte key.
    static let maxHeaderSize = 14

    /// One final frame carrying `payload`, masked with a fresh key.
    mutating func frame(
        _ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        let count = payload.count
        var buffer = allocator.buffer(capacity: Self.maxHeaderSize + count)
        buffer.writeInteger(0x80 | UInt8(webSocketOpcode: opcode))
        if count < 126 {
            buffer.writeInteger(0x80 | UInt8(count))
        } else if count <= 0xFFFF {
            buffer.writeInteger(UInt8(0x80 | 126))
            buffer.writeInteger(UInt16(count))
        } else {
            buffer.writeInteger(UInt8(0x80 | 127))
            buffer.writeInteger(UInt64(count))
        }
        let key = nextMaskKey()
        buffer.writeMultipleIntegers(key.0, key.1, key.2, key.3)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { output in
            Self.mask(payload, into: output, key: key)
            return count
        }
        return buffer
    }

    /// One final frame carrying `payload`'s readable bytes.
    mutating func frame(_ opcode: WebSocketOpcode, payload: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        payload.withUnsafeReadableBytes { frame(opcode, payload: $0, allocator: allocator) }
    }

    /// The next four key bytes, in wire order.
    private mutating func nextMaskKey() -> (UInt8, UInt8, UInt8, UInt8) {
        if nextKey == keys.count {
            keys.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
            nextKey = 0
        }
        defer { nextKey += 4 }
        return (keys[nextKey], keys[nextKey + 1], keys[nextKey + 2], keys[nextKey + 3])
    }

    /// `output[i] = input[i] ^ key[i % 4]`, eight bytes at a time.
    static func mask(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, key: (UInt8, UInt8, UInt8, UInt8)
    ) {
        // The key twice, in memory order: byte j of every 8-byte word (at offsets that are multiples of 8) takes
        // key[j % 4], whatever the machine's byte order.
        var repeated: UInt64 = 0
        withUnsafeMutableBytes(of: &repeated) { bytes in
            (bytes[0], bytes[1], bytes[2], bytes[3]) = key
            (bytes[4], bytes[5], bytes[6], bytes[7]) = key
        }
        let count = input.count
        var offset = 0
        while offset + 8 <= count {
            let value = input.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            output.storeBytes(of: value ^ repeated, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        // The tail, byte by byte, from the same pattern (no array built per frame).
        withUnsafeBytes(of: repeated) { pattern in
            while offset < count {
                output[offset] = input[offset] ^ pattern[offset & 7]
                offset += 1
            }
        }
    }
}
