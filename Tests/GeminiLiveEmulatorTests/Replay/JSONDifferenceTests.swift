@testable import GeminiLiveEmulator
import GeminiLiveProtocol
import Testing

/// The first difference of two JSON values, and the normalisation that comes before it.
struct JSONDifferenceTests {
    @Test func equalValuesHaveNone() {
        #expect(JSONDifference.first(recorded: ["a": [1, 2]], got: ["a": [1, 2]]) == nil)
    }

    @Test func aMissingElementIsNotANullOne() {
        #expect(
            JSONDifference.first(recorded: ["a": [1, 2]], got: ["a": [1]])
                == JSONDifference(pointer: "/a/1", recorded: 2, got: nil))
        #expect(
            JSONDifference.first(recorded: ["a": [1]], got: ["a": [1, .null]])
                == JSONDifference(pointer: "/a/1", recorded: nil, got: .null))
    }

    @Test func membersOnlyTheClientHasComeLast() {
        #expect(
            JSONDifference.first(recorded: ["a": 1], got: ["b": 2, "a": 1])
                == JSONDifference(pointer: "/b", recorded: nil, got: 2))
    }

    @Test func pointerTokensAreEscaped() {
        #expect(
            JSONDifference.first(recorded: ["a/b": ["~": 1]], got: ["a/b": ["~": 2]])?.pointer == "/a~1b/~0")
    }

    @Test func normalisationKeepsUserDataAndMarkers() {
        let message: JSONValue = [
            "tool_response": [
                "function_responses": [["id": "c1", "response": ["is_ok": false, "note": .null]]]
            ],
            "realtime_input": ["activity_start": [:], "audio_stream_end": false],
        ]
        #expect(
            ReplayNormalisation.normalised(message)
                == [
                    "toolResponse": ["functionResponses": [["id": "c1", "response": ["is_ok": false]]]],
                    "realtimeInput": ["activityStart": [:]],
                ])
    }

    @Test func setupNormalisationSortsToolsAndNamesTheModel() {
        let setup: JSONValue = [
            "setup": [
                "model": "gemini-3.8-live",
                "tools": [["function_declarations": [["name": "b"], ["name": "a"]]]],
            ]
        ]
        #expect(
            ReplayNormalisation.normalised(setup)
                == [
                    "setup": [
                        "model": "models/gemini-3.8-live",
                        "tools": [["functionDeclarations": [["name": "a"], ["name": "b"]]]],
                    ]
                ])
    }
}
