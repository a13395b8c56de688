import Foundation
import GeminiLiveSystem
import Testing

@Suite struct FolderTests {
    @Test func createsParentsAcceptsAFolderAndRefusesAFile() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("folder-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Folder.create("\(base)/a/b/c")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: "\(base)/a/b/c", isDirectory: &isFolder) && isFolder.boolValue)
        try Folder.create("\(base)/a/b")
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(base)/file"))
        #expect(throws: SystemCallError(code: ENOTDIR)) { try Folder.create("\(base)/file") }
        #expect(throws: SystemCallError(code: ENOTDIR)) { try Folder.create("\(base)/file/below") }
    }
}
