/// Reads image dimensions from headers without decoding pixels.
public enum ImageInfo {
    /// Width and height from a JPEG SOFn segment or a PNG IHDR chunk; nil when the header is missing or cut short.
    public static func dimensions(of bytes: some Collection<UInt8>) -> (width: Int, height: Int)? {
        let bytes = Array(bytes)
        switch ImageFormat.sniff(bytes) {
        case .png: return pngDimensions(bytes)
        case .jpeg: return jpegDimensions(bytes)
        case nil: return nil
        }
    }

    private static func pngDimensions(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
        guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        let width = bigEndian(bytes, at: 16, count: 4)
        let height = bigEndian(bytes, at: 20, count: 4)
        return width > 0 && height > 0 ? (width, height) : nil
    }

    private static func jpegDimensions(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        var position = 2
        while position + 1 < bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            if marker == 0xFF {
                position += 1  // fill byte
                continue
            }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) {
                position += 2
                continue
            }
            if marker == 0xD9 || marker == 0xDA { return nil }  // no frame header before the image data
            guard position + 4 <= bytes.count else { return nil }
            let length = bigEndian(bytes, at: position + 2, count: 2)
            // SOF0...SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard position + 9 <= bytes.count else { return nil }
                let height = bigEndian(bytes, at: position + 5, count: 2)
                let width = bigEndian(bytes, at: position + 7, count: 2)
                return width > 0 && height > 0 ? (width, height) : nil
            }
            guard length >= 2 else { return nil }
            position += 2 + length
        }
        return nil
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
