import Foundation
import GeminiLiveProtocol
import GeminiLiveSystem
import Testing

@Suite struct MediaFolderTests {
    let folder: MediaFolder

    init() throws {
        folder = MediaFolder(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("media-\(UUID().uuidString)/media").path
        )
        try folder.create()
    }

    static let pcm: [UInt8] = (0..<3200).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]

    @Test func payloadsMoveToFilesNamedByTheirHashAndComeBack() throws {
        let message: JSONValue = [
            "realtimeInput": [
                "audio": ["mimeType": "audio/pcm;rate=16000", "data": .string(Base64.encodedString(Self.pcm))],
                "mediaChunks": [
                    ["mimeType": "image/jpeg", "data": .string(Base64.encodedString(Self.jpeg))],
                    ["mimeType": "image/jpeg", "data": .string(Base64.encodedString(Self.jpeg))],
                ],
            ],
            "note": ["mimeType": "text/plain", "data": "aGk="],
        ]
        let externalised = folder.externalising(message)
        let audioName = SHA256.hex(Self.pcm) + ".pcm"
        let imageName = SHA256.hex(Self.jpeg) + ".jpg"
        #expect(externalised["realtimeInput"]?["audio"]?["data"] == ["$media": .string(audioName), "bytes": 3200])
        #expect(externalised["realtimeInput"]?["mediaChunks"]?[1]?["data"]?["$media"] == .string(imageName))
        #expect(externalised["note"] == message["note"], "only audio, image and video move")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == [audioName, imageName].sorted(), "the same bytes are stored once, raw")
        #expect(try WholeFile.read("\(folder.path)/\(audioName)") == Self.pcm)
        #expect(try folder.resolving(externalised) == message)
    }

    @Test func aMissingOrEscapingReferenceIsAnError() {
        let missing: JSONValue = ["data": ["$media": "00.pcm", "bytes": 1]]
        #expect(throws: MediaFolder.MissingMedia.self) { try folder.resolving(missing) }
        let escaping: JSONValue = ["data": ["$media": "../secret.pcm", "bytes": 1]]
        do {
            _ = try folder.resolving(escaping)
            Issue.record("resolved a path")
        } catch {
            #expect(error.problem == "media reference '../secret.pcm' is not a file name")
        }
    }

    @Test(
        "the header names the folder relative to the cassette, and nothing for the default",
        arguments: [
            ("media", "run.ndjson", nil), ("./media/", "run.ndjson", nil), ("out/media", "out/run.ndjson", nil),
            ("out/blobs", "out/run.ndjson", "blobs"), ("/abs/m", "out/run.ndjson", "/abs/m"),
            ("blobs", "run.ndjson", "blobs"),
        ] as [(String, String, String?)])
    func headerName(folder: String, cassette: String, expected: String?) {
        #expect(MediaFolder(path: folder).headerName(forCassette: cassette) == expected)
    }

    @Test func theReaderFindsTheFolderTheHeaderNames() {
        #expect(MediaFolder(forCassette: "out/run.ndjson", header: nil).path == "out/media")
        #expect(MediaFolder(forCassette: "run.ndjson", header: CassetteHeader(media: "blobs")).path == "./blobs")
        #expect(MediaFolder(forCassette: "out/run.ndjson", header: CassetteHeader(media: "/m")).path == "/m")
    }
}
