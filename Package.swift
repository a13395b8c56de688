// swift-tools-version: 6.2
import PackageDescription

// Shared by every target: Swift 6 mode and explicit `any` for existentials.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "gemini-live-tools",
    products: [
        .executable(name: "gemini-live-encode", targets: ["gemini-live-encode"]),
        .executable(name: "gemini-live-decode", targets: ["gemini-live-decode"]),
        .executable(name: "gemini-live-emulator", targets: ["gemini-live-emulator"]),
        .executable(name: "gemini-live-session", targets: ["gemini-live-session"]),
        .executable(name: "gemini-live-test", targets: ["gemini-live-test"]),
        .library(name: "GeminiLiveProtocol", targets: ["GeminiLiveProtocol"]),
        .library(name: "GeminiLiveMedia", targets: ["GeminiLiveMedia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CSndfile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"]), .brew(["libsndfile"])]
        ),
        .systemLibrary(
            name: "CSoxr",
            pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"]), .brew(["libsoxr"])]
        ),
        .systemLibrary(
            name: "CEspeakNG",
            pkgConfig: "espeak-ng",
            providers: [.apt(["libespeak-ng-dev"]), .brew(["espeak-ng"])]
        ),
        .systemLibrary(
            name: "CPocketSphinx",
            pkgConfig: "pocketsphinx",
            providers: [.apt(["libpocketsphinx-dev", "pocketsphinx-en-us"]), .brew(["pocketsphinx"])]
        ),

        // MARK: - Libraries
        // What every module shares below the protocol: error categories, the write-all loop, whole-file reads.
        .target(name: "GeminiLiveSystem", swiftSettings: swiftSettings),
        // Base64 decoding with the processor's vector unit (AVX2, SSSE3), for the bulk of every reply.
        .target(name: "CBase64"),
        // The git commit a binary was built from, for `--version`: a header `make` writes under .build/build-info.
        .target(name: "CBuildInfo", cSettings: [.headerSearchPath("../../.build/build-info")]),
        // The Live wire protocol: JSON values, messages, NDJSON streams. Foundation only.
        .target(
            name: "GeminiLiveProtocol", dependencies: ["GeminiLiveSystem", "CBase64"], swiftSettings: swiftSettings),
        // Audio decoding, resampling, image sniffing and MJPEG splitting.
        .target(
            name: "GeminiLiveMedia", dependencies: ["GeminiLiveSystem", "CSndfile", "CSoxr"],
            swiftSettings: swiftSettings),
        // Turns inputs (audio, images, text) into client message lines.
        .target(
            name: "GeminiLiveEncoder",
            dependencies: ["GeminiLiveSystem", "GeminiLiveProtocol", "GeminiLiveMedia"],
            swiftSettings: swiftSettings
        ),
        // Turns server messages into sound files, raw PCM, text and transcripts.
        .target(
            name: "GeminiLiveDecoder",
            dependencies: ["GeminiLiveSystem", "GeminiLiveProtocol", "GeminiLiveMedia"],
            swiftSettings: swiftSettings
        ),
        // The local Live server: protocol fidelity, speech in and out, scripted behaviour, faults.
        .target(
            name: "GeminiLiveEmulator",
            dependencies: [
                "GeminiLiveSystem", "GeminiLiveProtocol", "GeminiLiveMedia", "CEspeakNG", "CPocketSphinx",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The session's protocol logic: the state machine (setup, resumption, keepalive, tool calls, reconfiguration)
        // and input validation, as value types on an injected clock. It imports GeminiLiveProtocol only (`make lint`
        // checks), so nothing in it can open a socket, read a file or look at the wall clock.
        .target(name: "GeminiLiveSessionCore", dependencies: ["GeminiLiveProtocol"], swiftSettings: swiftSettings),
        // The WebSocket session: the core driven by a NIO channel-handler transport, inputs, stdout and tool commands.
        .target(
            name: "GeminiLiveSession",
            dependencies: [
                "GeminiLiveSessionCore", "GeminiLiveSystem", "GeminiLiveProtocol",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every front end shares: diagnostics, exit codes, stdout policy.
        .target(
            name: "GeminiLiveCLI",
            dependencies: [
                "GeminiLiveSystem", "CBuildInfo", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The option groups that open a session (setup and connection flags), shared by every tool that opens one.
        // Its own target so that GeminiLiveCLI, which the encoder and decoder link, stays free of the session.
        .target(
            name: "GeminiLiveSessionOptions",
            dependencies: [
                "GeminiLiveSession", "GeminiLiveCLI", "GeminiLiveProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Prompt regression tests (`gemini-live-test`): scenario files, expectations, pass-rate statistics and
        // per-turn latency from recorded frames. Pure value types, no I/O beyond reading a file.
        .target(
            name: "GeminiLiveRegression",
            dependencies: ["GeminiLiveSystem", "GeminiLiveProtocol", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // Runs scenarios (`gemini-live-test`): attempts over the session library in-process, against an endpoint, a
        // private emulator or a replayed cassette; the cassettes they record, and the results judged from them.
        .target(
            name: "GeminiLiveTestRunner",
            dependencies: [
                "GeminiLiveRegression", "GeminiLiveEncoder", "GeminiLiveSession", "GeminiLiveEmulator",
                "GeminiLiveProtocol", "GeminiLiveSystem",
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tools
        .executableTarget(
            name: "gemini-live-encode",
            dependencies: [
                "GeminiLiveEncoder", "GeminiLiveCLI", "GeminiLiveProtocol", "GeminiLiveMedia", "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "gemini-live-decode",
            dependencies: [
                "GeminiLiveDecoder", "GeminiLiveCLI", "GeminiLiveMedia", "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "gemini-live-emulator",
            dependencies: [
                "GeminiLiveEmulator", "GeminiLiveCLI", "GeminiLiveProtocol", "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gemini-live-session",
            dependencies: [
                "GeminiLiveSession", "GeminiLiveSessionOptions", "GeminiLiveCLI", "GeminiLiveProtocol",
                "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "gemini-live-test",
            dependencies: [
                "GeminiLiveRegression", "GeminiLiveTestRunner", "GeminiLiveSessionOptions", "GeminiLiveSession",
                "GeminiLiveCLI", "GeminiLiveProtocol", "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .target(name: "GeminiLiveTestSupport", path: "Tests/GeminiLiveTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "GeminiLiveProtocolTests",
            dependencies: ["GeminiLiveProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveMediaTests",
            dependencies: ["GeminiLiveMedia", "GeminiLiveSystem", "GeminiLiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveDecoderTests",
            dependencies: ["GeminiLiveDecoder", "GeminiLiveProtocol", "GeminiLiveSystem", "GeminiLiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveEncoderTests",
            dependencies: ["GeminiLiveEncoder", "GeminiLiveProtocol", "GeminiLiveSystem"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GeminiLiveSystemTests", dependencies: ["GeminiLiveSystem"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GeminiLiveCLITests",
            dependencies: [
                "GeminiLiveCLI", "GeminiLiveSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveEmulatorTests",
            dependencies: [
                "GeminiLiveEmulator", "GeminiLiveProtocol", "GeminiLiveSystem", "GeminiLiveTestSupport",
                .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveSessionCoreTests",
            dependencies: ["GeminiLiveSessionCore", "GeminiLiveProtocol", "GeminiLiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveSessionTests",
            dependencies: [
                "GeminiLiveSession", "GeminiLiveProtocol", "GeminiLiveSystem", "GeminiLiveTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveRegressionTests",
            dependencies: ["GeminiLiveRegression", "GeminiLiveProtocol", "GeminiLiveSystem", "GeminiLiveTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveTestRunnerTests",
            dependencies: ["GeminiLiveTestRunner", "GeminiLiveRegression", "GeminiLiveProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveEndToEndTests",
            dependencies: ["GeminiLiveTestSupport", "GeminiLiveProtocol"],
            swiftSettings: swiftSettings
        ),
    ]
)
