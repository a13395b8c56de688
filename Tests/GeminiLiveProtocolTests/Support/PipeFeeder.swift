import Foundation

/// Feeds bytes into a real pipe from another thread, in fixed-size writes, so readers see short reads.
enum PipeFeeder {
    /// Returns the read end of a pipe that receives `bytes` in `chunkSize` pieces and then EOF; close it when done.
    static func readEnd(feeding bytes: [UInt8], chunkSize: Int) -> Int32 {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe failed")
        let writeEnd = ends[1]
        Thread.detachNewThread {
            var offset = 0
            while offset < bytes.count {
                let count = min(chunkSize, bytes.count - offset)
                let written = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, count) }
                guard written > 0 else { break }
                offset += written
            }
            close(writeEnd)
        }
        return ends[0]
    }

    /// Reads everything currently in a descriptor until EOF.
    static func drain(_ fileDescriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
