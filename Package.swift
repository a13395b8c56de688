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
        .library(name: "GeminiLiveProtocol", targets: ["GeminiLiveProtocol"]),
        .library(name: "GeminiLiveMedia", targets: ["GeminiLiveMedia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CSndfile",
            pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]
        ),
        .systemLibrary(
            name: "CSoxr",
            pkgConfig: "soxr",
            providers: [.apt(["libsoxr-dev"])]
        ),

        // MARK: - Libraries
        // The Live wire protocol: JSON values, messages, NDJSON streams. Foundation only.
        .target(name: "GeminiLiveProtocol", swiftSettings: swiftSettings),
        // Audio decoding, resampling, image sniffing and MJPEG splitting.
        .target(name: "GeminiLiveMedia", dependencies: ["CSndfile", "CSoxr"], swiftSettings: swiftSettings),
        // Turns inputs (audio, images, text) into client message lines.
        .target(
            name: "GeminiLiveEncoder",
            dependencies: ["GeminiLiveProtocol", "GeminiLiveMedia"],
            swiftSettings: swiftSettings
        ),
        // Turns server messages into sound files, raw PCM, text and transcripts.
        .target(
            name: "GeminiLiveDecoder",
            dependencies: ["GeminiLiveProtocol", "GeminiLiveMedia"],
            swiftSettings: swiftSettings
        ),
        // What every front end shares: diagnostics, exit codes, stdout policy.
        .target(
            name: "GeminiLiveCLI",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tools
        .executableTarget(
            name: "gemini-live-encode",
            dependencies: [
                "GeminiLiveEncoder", "GeminiLiveCLI", "GeminiLiveProtocol", "GeminiLiveMedia",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "gemini-live-decode",
            dependencies: [
                "GeminiLiveDecoder", "GeminiLiveCLI", "GeminiLiveProtocol",
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
            dependencies: ["GeminiLiveMedia"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveEncoderTests",
            dependencies: ["GeminiLiveEncoder", "GeminiLiveDecoder", "GeminiLiveCLI", "GeminiLiveProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GeminiLiveEndToEndTests",
            dependencies: ["GeminiLiveTestSupport", "GeminiLiveProtocol"],
            swiftSettings: swiftSettings
        ),
    ]
)
