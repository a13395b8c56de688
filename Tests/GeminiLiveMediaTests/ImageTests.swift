import Foundation
import Testing

@testable import GeminiLiveMedia

struct ImageTests {
    @Test(arguments: [("x.jpg", ImageFormat.jpeg, "image/jpeg"), ("x.png", .png, "image/png")])
    func sniffsAndMeasures(name: String, format: ImageFormat, mime: String) throws {
        let fixtures = try MediaFixtures()
        try fixtures.ffmpeg("-f lavfi -i testsrc=size=320x240 -frames:v 1 \(name)")
        let image = try ImageFileReader.read(path: fixtures.path(name))
        #expect(image.format == format)
        #expect(format.mimeType == mime)
        #expect(ImageFormat.sniff(image.bytes) == format)
        #expect(ImageInfo.dimensions(of: image.bytes)! == (320, 240))
        #expect(ImageInfo.dimensions(of: image.bytes.prefix(10)) == nil)
        #expect(throws: MediaError.tooLarge(source: fixtures.path(name), bytes: image.bytes.count, limit: 100)) {
            try ImageFileReader.read(path: fixtures.path(name), maximumBytes: 100)
        }
    }

    @Test func rejectsText() throws {
        let fixtures = try MediaFixtures()
        try fixtures.write("photo.jpg", Array("not a picture\n".utf8))
        let path = fixtures.path("photo.jpg")
        let error = #expect(throws: MediaError.self) { try ImageFileReader.read(path: path) }
        #expect(error?.description == "\(path): not a JPEG or PNG image")
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == nil)
    }
}
