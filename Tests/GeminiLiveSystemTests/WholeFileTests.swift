import Foundation
import GeminiLiveSystem
import Testing

@Suite struct WholeFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("wholefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    }

    @Test func readsEveryByte() throws {
        let path = folder.appendingPathComponent("big.bin").path
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try WholeFile.read(path) == bytes)
    }

    @Test func aMissingFileIsAnUnusableInput() {
        let path = folder.appendingPathComponent("missing.json").path
        #expect(throws: FileReadError(path: path, failure: .open(SystemCallError(code: ENOENT)))) {
            try WholeFile.read(path)
        }
        do {
            _ = try WholeFile.read(path)
        } catch {
            #expect(error.category == .noInput)
            #expect(error.description == "\(path): cannot open: No such file or directory")
        }
    }

    @Test func aDirectoryIsAnUnusableInputLikeAMissingFile() {
        do {
            _ = try WholeFile.read(folder.path)
            Issue.record("a directory was read")
        } catch {
            #expect(error.failure == .read(SystemCallError(code: EISDIR)))
            #expect(error.category == .noInput)
        }
    }

    @Test func moreThanTheLimitIsBadData() throws {
        let path = folder.appendingPathComponent("text.txt").path
        try Data(repeating: 0x61, count: 1025).write(to: URL(fileURLWithPath: path))
        #expect(try WholeFile.read(path, limit: 1025).count == 1025)
        do {
            _ = try WholeFile.read(path, limit: 1024)
            Issue.record("the limit was not enforced")
        } catch {
            #expect(error.category == .badData)
            #expect(error.reason == "larger than 1024 bytes")
        }
    }
}
