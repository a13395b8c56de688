/// A mid-session change of the system instruction and/or the tools (`contextUpdate`, gemini-3.8-live).
///
/// Only the members that are set change: a system instruction replaces the one from setup, a tools list
/// replaces the earlier list. The service applies updates in order with the other input.
///
/// On the wire the tools list sits in a wrapper object, `"tools": {"tools": [Tool]}` (the SDKs'
/// `LiveClientContextUpdateTools`). A bare list, `"tools": [Tool]`, is read too, since no published
/// schema settles the shape; it is always written wrapped.
public struct ContextUpdate: JSONConvertible {
    /// The new system prompt.
    public var systemInstruction: Content?
    /// The new tool declarations, kept raw like `Setup.tools`.
    public var tools: [JSONValue]?
    /// Members this type does not model, kept for the round trip.
    public var unknownFields: JSONObject
    /// Members of the tools wrapper besides `tools`, kept for the round trip.
    public var unknownToolsFields: JSONObject

    /// Creates a context update.
    public init(
        systemInstruction: Content? = nil, tools: [JSONValue]? = nil, unknownFields: JSONObject = [:],
        unknownToolsFields: JSONObject = [:]
    ) {
        self.systemInstruction = systemInstruction
        self.tools = tools
        self.unknownFields = unknownFields
        self.unknownToolsFields = unknownToolsFields
    }

    public init(json: JSONValue) throws(MessageDecodingError) {
        var fields = try MessageFields(json)
        systemInstruction = try fields.decode("systemInstruction")
        unknownToolsFields = [:]
        switch fields.take("tools") {
        case nil: tools = nil
        case .array(let list)?: tools = list
        case .object(let wrapper)?:
            var inner = try MessageFields(.object(wrapper))
            guard case .array(let list)? = inner.take("tools") else {
                throw MessageDecodingError(path: "tools.tools", reason: "expected a list of tools")
            }
            tools = list
            unknownToolsFields = inner.unknownFields
        case _?:
            throw MessageDecodingError(path: "tools", reason: "expected {\"tools\": [...]} or a list of tools")
        }
        unknownFields = fields.unknownFields
        if systemInstruction == nil && tools == nil {
            throw MessageDecodingError(reason: "a contextUpdate needs systemInstruction or tools")
        }
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.put("systemInstruction", systemInstruction)
        if let tools {
            var wrapper = JSONObject()
            wrapper.append("tools", .array(tools))
            object.put("tools", wrapper.finished(with: unknownToolsFields))
        }
        return object.finished(with: unknownFields)
    }
}
