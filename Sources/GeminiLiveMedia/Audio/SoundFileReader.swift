import CSndfile

/// Decodes any format libsndfile reads (WAV, AIFF, AU, FLAC, Ogg Vorbis, Opus, MP3, ...) from a path or stdin.
public final class SoundFileReader: MonoAudioSource {
    public let name: String
    public let format: AudioStreamFormat
    public let expectedFrames: Int?
    /// The libsndfile format code (`SF_FORMAT_*` major type ORed with the subtype).
    public let fileFormat: Int32

    private let input: InputFile
    private let handle: OpaquePointer
    /// Frames the header promised, when it is authoritative (so a shortfall means truncation).
    private let promisedFrames: Int?
    private var framesRead = 0
    private var finished = false
    /// libsndfile's float conversion of 16-bit PCM is about half as fast as reading shorts and scaling here.
    private let readsShorts: Bool
    private var shorts: [Int16] = []
    private var floats: [Float] = []

    /// Opens `path` (`-` is stdin) for decoding.
    public init(path: String) throws(MediaError) {
        input = try InputFile(path: path)
        name = input.name
        if let container = Self.unreadableContainer(prefix: input.peekPrefix(12)) {
            throw .needsConversion(source: name, format: container)
        }
        var info = SF_INFO()
        // Asked before libsndfile opens the descriptor: a failed open closes it.
        let isRegularFile = input.isRegularFile
        guard let handle = sf_open_fd(input.fd, Int32(SFM_READ), &info, 0) else {
            input.descriptorWasClosed()
            var detail = String(cString: sf_strerror(nil))
            if !isRegularFile {
                // The first bytes of a pipe cannot be looked at again, so M4A/AAC is not recognised by name there.
                detail +=
                    " If it is M4A/AAC or another format libsndfile cannot read, convert it on the way:"
                    + " ffmpeg -i - -ac 1 -ar 16000 -f wav - | gemini-live-encode -"
            }
            throw .unsupportedAudio(source: name, detail: detail)
        }
        self.handle = handle
        fileFormat = info.format
        format = AudioStreamFormat(sampleRate: Int(info.samplerate), channels: Int(info.channels))
        readsShorts = info.format & Int32(SF_FORMAT_SUBMASK) == Int32(SF_FORMAT_PCM_16)
        let log = Self.logText(handle)
        let counts = Self.frameCounts(info: info, log: log)
        expectedFrames = counts.expected
        promisedFrames = counts.promised
        guard format.sampleRate > 0, format.channels > 0 else {
            sf_close(handle)
            throw .unsupportedAudio(source: name, detail: "header declares \(format)")
        }
    }

    deinit {
        sf_close(handle)
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        let channels = format.channels
        let wanted = buffer.count / channels
        guard wanted > 0, !finished, let base = buffer.baseAddress else { return 0 }
        let count: Int
        if readsShorts {
            if shorts.count < wanted * channels { shorts = [Int16](repeating: 0, count: wanted * channels) }
            count = shorts.withUnsafeMutableBufferPointer { scratch in
                let got = Int(sf_readf_short(handle, scratch.baseAddress, sf_count_t(wanted)))
                for index in 0..<max(got, 0) * channels { base[index] = Float(scratch[index]) * (1 / 32768) }
                return got
            }
        } else {
            count = Int(sf_readf_float(handle, base, sf_count_t(wanted)))
        }
        if count > 0 {
            framesRead += count
            return count
        }
        finished = true
        try checkEnd()
        return 0
    }

    public func readMono(into mono: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        let channels = format.channels
        guard readsShorts, channels <= 2 else {
            // Other encodings: libsndfile's float conversion, then the usual mix.
            if floats.count < mono.count * channels { floats = [Float](repeating: 0, count: mono.count * channels) }
            let count = try floats.withUnsafeMutableBufferPointer { (scratch) throws(MediaError) in
                try read(into: UnsafeMutableBufferPointer(rebasing: scratch[..<(mono.count * channels)]))
            }
            floats.withUnsafeBufferPointer { scratch in
                SampleConversion.downmix(
                    scratch.baseAddress!, channels: channels, frames: count, into: mono.baseAddress!)
            }
            return count
        }
        let wanted = mono.count
        guard wanted > 0, !finished, let base = mono.baseAddress else { return 0 }
        if shorts.count < wanted * channels { shorts = [Int16](repeating: 0, count: wanted * channels) }
        let count = shorts.withUnsafeMutableBufferPointer { scratch in
            let got = max(0, Int(sf_readf_short(handle, scratch.baseAddress, sf_count_t(wanted))))
            SampleConversion.downmix16(
                UnsafeRawPointer(scratch.baseAddress!), channels: channels, frames: got, into: base)
            return got
        }
        if count > 0 {
            framesRead += count
            return count
        }
        finished = true
        try checkEnd()
        return 0
    }

    /// At the end of the data: a shortfall against the header, or a decoder error, becomes an error.
    private func checkEnd() throws(MediaError) {
        let code = sf_error(handle)
        if let promised = promisedFrames, framesRead < promised {
            throw .truncated(source: name, promisedFrames: promised, actualFrames: framesRead)
        }
        if code != Int32(SF_ERR_NO_ERROR) {
            throw .corrupt(source: name, detail: String(cString: sf_strerror(handle)))
        }
    }

    private static func logText(_ handle: OpaquePointer) -> String {
        var log = [CChar](repeating: 0, count: 8192)
        let length = log.withUnsafeMutableBufferPointer {
            Int(sf_command(handle, Int32(SFC_GET_LOG_INFO), $0.baseAddress, Int32($0.count)))
        }
        return String(decoding: log[..<max(0, min(length, log.count))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
