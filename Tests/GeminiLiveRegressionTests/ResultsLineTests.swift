import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct ResultsLineTests {
    @Test func oneLinePerAttemptWithVerdictsAndFigures() {
        let suite = ReportFixtures.mixedSuite
        let lines = suite.scenarios.flatMap(\.attempts).map { String(decoding: $0.resultsLine, as: UTF8.self) }
        #expect(lines.joined() == Self.expected)
    }

    @Test func linesReadBackAsJSON() throws {
        for attempt in ReportFixtures.mixedSuite.scenarios.flatMap(\.attempts) {
            let line = attempt.resultsLine
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
            let value = try JSONParser.parse(line.dropLast())
            #expect(value == .object(attempt.json))
            #expect(value["attempt"]?.intValue == attempt.attempt)
        }
    }

    static let expected = #"""
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":1,"outcome":"completed","seconds":2.5,"expectations":[{"turn":1,"key":"tool_call","file":"suite/weather.yaml","line":5,"column":9,"expected":"call get_weather with arguments containing {\"city\":\"Paris\"}","held":true},{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,"column":9,"expected":"icontains \"sunny\"","held":true},{"turn":1,"key":"latency.first_audio_ms","file":"suite/weather.yaml","line":7,"column":9,"expected":"lt 2500","held":true},{"turn":2,"key":"responded","file":"suite/weather.yaml","line":11,"column":9,"expected":"equals true","held":true}],"turns":[{"turn":1,"latency":{"first_audio_ms":800,"turn_complete_ms":2000}},{"turn":2,"latency":{"first_audio_ms":400}}]}
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":2,"outcome":"error","detail":"connect refused","seconds":0.5,"expectations":[],"turns":[]}
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":3,"outcome":"completed","seconds":2.5,"cassette":"cassettes/weather-3.ndjson","expectations":[{"turn":1,"key":"tool_call","file":"suite/weather.yaml","line":5,"column":9,"expected":"call get_weather with arguments containing {\"city\":\"Paris\"}","held":true},{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,"column":9,"expected":"icontains \"sunny\"","held":true},{"turn":1,"key":"latency.first_audio_ms","file":"suite/weather.yaml","line":7,"column":9,"expected":"lt 2500","held":false,"kind":"latency_budget","actual":2600},{"turn":2,"key":"responded","file":"suite/weather.yaml","line":11,"column":9,"expected":"equals true","held":true}],"turns":[{"turn":1,"latency":{"first_audio_ms":2600,"turn_complete_ms":2000}},{"turn":2,"latency":{"first_audio_ms":400}}]}
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":4,"outcome":"completed","seconds":2.5,"expectations":[{"turn":1,"key":"tool_call","file":"suite/weather.yaml","line":5,"column":9,"expected":"call get_weather with arguments containing {\"city\":\"Paris\"}","held":true},{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,"column":9,"expected":"icontains \"sunny\"","held":true},{"turn":1,"key":"latency.first_audio_ms","file":"suite/weather.yaml","line":7,"column":9,"expected":"lt 2500","held":true},{"turn":2,"key":"responded","file":"suite/weather.yaml","line":11,"column":9,"expected":"equals true","held":true}],"turns":[{"turn":1,"latency":{"first_audio_ms":800,"turn_complete_ms":2000}},{"turn":2,"latency":{"first_audio_ms":400}}]}
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":5,"outcome":"completed","seconds":2.5,"expectations":[{"turn":1,"key":"tool_call","file":"suite/weather.yaml","line":5,"column":9,"expected":"call get_weather with arguments containing {\"city\":\"Paris\"}","held":true},{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,"column":9,"expected":"icontains \"sunny\"","held":true},{"turn":1,"key":"latency.first_audio_ms","file":"suite/weather.yaml","line":7,"column":9,"expected":"lt 2500","held":true},{"turn":2,"key":"responded","file":"suite/weather.yaml","line":11,"column":9,"expected":"equals true","held":true}],"turns":[{"turn":1,"latency":{"first_audio_ms":800,"turn_complete_ms":2000}},{"turn":2,"latency":{"first_audio_ms":400}}]}
        {"scenario":"suite/weather.yaml","name":"weather in Paris","attempt":6,"outcome":"completed","seconds":2.5,"expectations":[{"turn":1,"key":"tool_call","file":"suite/weather.yaml","line":5,"column":9,"expected":"call get_weather with arguments containing {\"city\":\"Paris\"}","held":true},{"turn":1,"key":"output_transcript","file":"suite/weather.yaml","line":6,"column":9,"expected":"icontains \"sunny\"","held":true},{"turn":1,"key":"latency.first_audio_ms","file":"suite/weather.yaml","line":7,"column":9,"expected":"lt 2500","held":true},{"turn":2,"key":"responded","file":"suite/weather.yaml","line":11,"column":9,"expected":"equals true","held":true}],"turns":[{"turn":1,"latency":{"first_audio_ms":800,"turn_complete_ms":2000}},{"turn":2,"latency":{"first_audio_ms":400}}]}
        {"scenario":"suite/greeting.yaml","name":"greeting","attempt":1,"outcome":"completed","seconds":1,"expectations":[{"turn":1,"key":"output_transcript","file":"suite/greeting.yaml","line":4,"column":9,"expected":"contains \"Hello\"","held":false,"kind":"text_mismatch","actual":"Bye\u0001 ]]> <b>&"}],"turns":[{"turn":1,"latency":{}}]}
        {"scenario":"./suite/farewell.v2.yml","name":"farewell #2","attempt":1,"outcome":"error","detail":"close 1011 \"internal\"\u0000 ]]>\nafter 3 retries","seconds":0.5,"expectations":[],"turns":[]}
        {"scenario":"./suite/farewell.v2.yml","name":"farewell #2","attempt":2,"outcome":"error","detail":"connect refused","seconds":0.5,"expectations":[],"turns":[]}

        """#
}
