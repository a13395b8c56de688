import Foundation
import GeminiLiveSystem

#if canImport(Glibc)
    import Glibc
#endif

/// Opens a WebSocket by hand and reads the close frame a server sends straight after the upgrade.
///
/// The test client (WSClient) sometimes loses a close frame that arrives in the same read as the `101` response
/// on a loaded machine, while a Python `websockets` client sees it every time; a refusal test must not depend on
/// that, so it reads the bytes itself: the request, the response headers, then one frame.
enum RefusalProbe {
    /// The close code and reason of the first frame after the upgrade of `url` (`ws://127.0.0.1:PORT/path?query`);
    /// nil when the upgrade fails or the first frame is not a close.
    static func close(of url: String) async -> (code: Int, reason: String)? {
        await BlockingThread.run { read(url) }
    }

    private static func read(_ url: String) -> (code: Int, reason: String)? {
        guard let parsed = URL(string: url), let port = parsed.port else { return nil }
        let target = parsed.path + (parsed.query.map { "?" + $0 } ?? "")
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let request =
            "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard (try? Descriptor.writeAll(Array(request.utf8), to: descriptor)) != nil else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            // The headers end at the first blank line; the frame follows them.
            if let end = bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound {
                let head = String(decoding: bytes[..<end], as: UTF8.self)
                guard head.hasPrefix("HTTP/1.1 101") else { return nil }
                let frame = Array(bytes[end...])
                if frame.count >= 2 {
                    let length = Int(frame[1] & 0x7F)
                    if frame.count >= 2 + length {
                        guard frame[0] & 0x0F == 0x8, length >= 2 else { return nil }
                        let code = Int(frame[2]) << 8 | Int(frame[3])
                        return (code, String(decoding: frame[4..<(2 + length)], as: UTF8.self))
                    }
                }
            }
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            bytes += chunk[0..<count]
        }
    }
}
