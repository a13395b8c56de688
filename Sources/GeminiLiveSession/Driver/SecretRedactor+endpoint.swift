import GeminiLiveProtocol

extension SecretRedactor {
    /// Registers the credentials `endpoint` sends (the API key or the ephemeral token), under their header names.
    public mutating func add(credentialsOf endpoint: SessionEndpoint) {
        for (name, value) in endpoint.headers {
            add(value, name: name)
            // `Authorization: Token auth_tokens/...`: the token alone may be quoted elsewhere (an error, a log).
            if let space = value.firstIndex(of: " ") { add(String(value[value.index(after: space)...]), name: name) }
        }
    }
}
