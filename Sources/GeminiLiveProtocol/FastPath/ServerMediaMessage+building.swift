extension ServerMediaMessage {
    /// The message the full parser reads from `value` (the bytes this was recognised in), given the decoded bytes
    /// of each inline data part, in part order: what reports that read the message itself need.
    public func message(in value: UnsafeRawBufferPointer, inlineData decoded: [[UInt8]]) -> ServerMessage {
        var content = contentOmittingModelTurn(in: value)
        if hasModelTurn {
            var next = decoded.makeIterator()
            let built = parts.map { part in
                Part(
                    text: part.text?.string(in: value), thought: part.thought,
                    inlineData: part.inlineData.map { blob in
                        guard let data = next.next() else {
                            preconditionFailure("fewer decoded inline data than the message has parts with data")
                        }
                        return Blob(mimeType: blob.mimeTypeText(in: value), data: data)
                    })
            }
            precondition(next.next() == nil, "more decoded inline data than the message has parts with data")
            content.modelTurn = Content(role: role?.string(in: value), parts: built)
        }
        return ServerMessage(.serverContent(content))
    }

    /// The message the full parser reads from `value`, decoding every inline data; nil when some data is not
    /// base64, which leaves the message to the full parser.
    public func message(in value: UnsafeRawBufferPointer) -> ServerMessage? {
        var decoded: [[UInt8]] = []
        for part in parts {
            guard let blob = part.inlineData else { continue }
            guard let data = blob.decodedData(in: value) else { return nil }
            decoded.append(data)
        }
        return message(in: value, inlineData: decoded)
    }

    /// The message without its model turn, as the full parser reads `value` with the `modelTurn` member taken
    /// out: the session relays model output undecoded and reads only the rest.
    ///
    /// The inline data is not looked at, so this agrees with the full parser only on a value already known to be
    /// valid JSON (the session's compacted frames are).
    package func messageOmittingModelTurn(in value: UnsafeRawBufferPointer) -> ServerMessage {
        ServerMessage(.serverContent(contentOmittingModelTurn(in: value)))
    }

    /// The message's turn signals alone (turnComplete, generationComplete, interrupted, waitingForInput), with no
    /// transcription: what a reader that never reads the words needs, without building a String per message.
    package var turnSignals: ServerMessage {
        ServerMessage(
            .serverContent(
                ServerContent(
                    turnComplete: turnComplete, generationComplete: generationComplete, interrupted: interrupted,
                    waitingForInput: waitingForInput)))
    }

    private func contentOmittingModelTurn(in value: UnsafeRawBufferPointer) -> ServerContent {
        func transcription(_ members: TranscriptionText?) -> Transcription? {
            members.map { Transcription(text: $0.text?.string(in: value), finished: $0.finished) }
        }
        return ServerContent(
            turnComplete: turnComplete, generationComplete: generationComplete, interrupted: interrupted,
            inputTranscription: transcription(inputTranscription),
            outputTranscription: transcription(outputTranscription), waitingForInput: waitingForInput)
    }

    /// Appends the compact line of a message holding one audio (or other inline data) part, newline included:
    /// `{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":…,"data":…}}]}}}`, byte for byte what
    /// serialising that `ServerMessage` gives, and what the session writes for such a frame.
    public static func appendInlineDataLine(mimeType: String, data: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + Base64.encodedCount(data.count) + mimeType.utf8.count + 96)
        output.append(contentsOf: #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"#.utf8)
        MediaLineMIMEType.append(mimeType, to: &output)
        output.append(contentsOf: #","data":""#.utf8)
        Base64.encode(data, into: &output)
        output.append(contentsOf: "\"}}]}}}\n".utf8)
    }

    /// Appends the compact line for bytes held in an array.
    public static func appendInlineDataLine(mimeType: String, data: [UInt8], to output: inout [UInt8]) {
        data.withUnsafeBytes { appendInlineDataLine(mimeType: mimeType, data: $0, to: &output) }
    }
}
