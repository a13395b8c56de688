/// A pull source of interleaved float audio frames (nominally in -1...1).
public protocol AudioSource: AnyObject {
    /// The path or `stdin`, for messages.
    var name: String { get }
    /// Rate and channel count of the frames `read` delivers.
    var format: AudioStreamFormat { get }
    /// Frames the source expects to deliver, when the header says so.
    var expectedFrames: Int? { get }
    /// Fills `buffer` with whole interleaved frames; returns the frames read, 0 at the end.
    ///
    /// A source that ends early (truncation, corruption) delivers what it has first and throws on the following call.
    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int
}
