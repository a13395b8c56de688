/// The wire fast path against the full parser, in both directions. Whatever `ServerMediaMessage` or
/// `ClientMediaMessage` recognises and can build must be the full parser's message for the same bytes; when its
/// data does not decode, the full parser may read it only through an escape in the base64 text; the session's
/// reading without the model turn must be the full parse minus `modelTurn`; the compact line's byte-for-byte check
/// must agree with the structure walk. The writers' lines for the input's
/// bytes must parse back to the typed message they stand for, and be recognised again when the MIME type is plain.
///
/// Built with every file of Sources/GeminiLiveProtocol in one module (so internal names are visible), e.g.
/// `swiftc -parse-as-library -sanitize=fuzzer,address -O -package-name gemini_live_tools \
///  Tests/Fuzz/fast-path/target.swift $(find Sources/GeminiLiveProtocol -name '*.swift') -o fast-path`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    checkServerRecogniser(input)
    checkClientRecogniser(input)
    checkWriters(input)
    return 0
}

private func violated(_ property: String, _ input: UnsafeRawBufferPointer) -> Never {
    fatalError("fast path: \(property): \(String(decoding: input, as: UTF8.self))")
}

private func hasBackslash(_ value: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    value[range].contains(UInt8(ascii: "\\"))
}

private func checkServerRecogniser(_ value: UnsafeRawBufferPointer) {
    guard ServerMediaMessage(value) == ServerMediaMessage(walking: value) else {
        violated("server: the compact line's check and the walk disagree", value)
    }
    guard let recognised = ServerMediaMessage(value) else { return }
    let full = try? ServerMessage(json: JSONParser.parse(value))
    for part in recognised.parts {
        guard let blob = part.inlineData else { continue }
        guard blob.mimeType.upperBound <= value.count, blob.data.upperBound <= value.count else {
            violated("a range runs past the value", value)
        }
        var scratch = [UInt8](repeating: 0, count: blob.maximumDecodedCount + 1)
        let count = scratch.withUnsafeMutableBytes { blob.decode(in: value, into: $0.baseAddress!) }
        if let count, count > blob.maximumDecodedCount { violated("decoded past maximumDecodedCount", value) }
    }
    if let built = recognised.message(in: value) {
        guard let full else { violated("server: recognised and built, but the full parser refuses it", value) }
        guard built == full else { violated("server: the built message is not the full parse", value) }
    } else {
        let escaped = recognised.parts.contains { part in part.inlineData.map { hasBackslash(value, $0.data) } ?? false
        }
        if full != nil, !escaped { violated("server: data the full parser decodes does not decode", value) }
    }
    guard var expected = full else { return }
    guard case .serverContent(var content)? = expected.kind else {
        violated("server: recognised, but the full parse is no serverContent", value)
    }
    content.modelTurn = nil
    expected.kind = .serverContent(content)
    guard recognised.messageOmittingModelTurn(in: value) == expected else {
        violated("server: the message without its model turn is not the full parse without it", value)
    }
    content.inputTranscription = nil
    content.outputTranscription = nil
    expected.kind = .serverContent(content)
    guard recognised.turnSignals == expected else {
        violated("server: the turn signals are not the full parse's, without model turn and transcription", value)
    }
}

private func checkClientRecogniser(_ value: UnsafeRawBufferPointer) {
    guard let media = ClientMediaMessage(value) else { return }
    guard media.mimeType.upperBound <= value.count, media.data.upperBound <= value.count else {
        violated("client: a range runs past the value", value)
    }
    let full = try? ClientMessage(json: JSONParser.parse(value))
    let built = media.message(in: value)
    guard media.hasDecodableData(in: value) == (built != nil) else {
        violated("client: hasDecodableData disagrees with decoding", value)
    }
    if let built {
        guard let full else { violated("client: recognised and decodable, but the full parser refuses it", value) }
        guard built == full else { violated("client: the built message is not the full parse", value) }
    } else if full != nil, !hasBackslash(value, media.data) {
        violated("client: data the full parser decodes is not decodable", value)
    }
}

/// The input split in two at its first byte's value: a MIME type and the data.
private func checkWriters(_ input: UnsafeRawBufferPointer) {
    guard let first = input.first else { return }
    let split = min(input.count, 1 + Int(first % 32))
    let mimeType = String(decoding: UnsafeRawBufferPointer(rebasing: input[1..<split]), as: UTF8.self)
    let data = Array(input[split...])
    let blob = Blob(mimeType: mimeType, data: data)
    let plain = mimeType.utf8.allSatisfy(MediaLineMIMEType.isVerbatim)

    var line: [UInt8] = []
    ServerMediaMessage.appendInlineDataLine(mimeType: mimeType, data: data, to: &line)
    let server = ServerMessage(.serverContent(ServerContent(modelTurn: Content(parts: [Part(inlineData: blob)]))))
    guard line == server.line else { violated("server writer: not the serialised message", input) }
    line.removeLast()
    line.withUnsafeBytes { value in
        guard (try? ServerMessage(json: JSONParser.parse(value))) == server else {
            violated("server writer: its line does not parse back", input)
        }
        let recognised = ServerMediaMessage(value)
        guard (recognised != nil) == plain else { violated("server writer: its line is not recognised", input) }
        guard recognised == ServerMediaMessage(walking: value) else {
            violated("server writer: the compact line's check and the walk disagree", input)
        }
        if let recognised, recognised.message(in: value) != server {
            violated("server writer: its line is recognised as another message", input)
        }
    }

    for field in [ClientMediaMessage.Field.audio, .video, .mediaChunks] {
        let realtime: RealtimeInput
        switch field {
        case .audio: realtime = RealtimeInput(audio: blob)
        case .video: realtime = RealtimeInput(video: blob)
        case .mediaChunks: realtime = RealtimeInput(mediaChunks: [blob])
        }
        let client = ClientMessage(.realtimeInput(realtime))
        line.removeAll()
        ClientMediaMessage.appendLine(field, mimeType: mimeType, data: data, to: &line)
        if field != .mediaChunks, line != client.line { violated("client writer: not the serialised message", input) }
        line.removeLast()
        line.withUnsafeBytes { value in
            guard (try? ClientMessage(json: JSONParser.parse(value))) == client else {
                violated("client writer: its line does not parse back", input)
            }
            let recognised = ClientMediaMessage(value)
            guard (recognised != nil) == plain else { violated("client writer: its line is not recognised", input) }
            if let recognised, recognised.field != field || recognised.message(in: value) != client {
                violated("client writer: its line is recognised as another message", input)
            }
        }
    }
}
