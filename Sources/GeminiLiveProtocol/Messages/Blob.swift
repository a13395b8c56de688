/// Inline bytes with a MIME type; `data` travels as base64 (either alphabet in, standard out).
public struct Blob: JSONConvertible {
    /// E.g. `audio/pcm;rate=16000` or `image/jpeg`.
    public var mimeType: String
    /// The raw bytes.
    public var data: [UInt8]
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject

    /// Creates a blob.
    public init(mimeType: String, data: [UInt8], unknownFields: JSONObject = [:]) {
        self.mimeType = mimeType
        self.data = data
        self.unknownFields = unknownFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        mimeType = try fields.string("mimeType") ?? ""
        data = try fields.bytes("data") ?? []
        unknownFields = fields.unknownFields
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("mimeType", mimeType)
        var encoded: [UInt8] = []
        Base64.encode(data, into: &encoded)
        object.append("data", .string(String(decoding: encoded, as: UTF8.self)))
        return object.finished(with: unknownFields)
    }
}
