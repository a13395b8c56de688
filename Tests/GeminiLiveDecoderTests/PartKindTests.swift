import Testing

/// Parts other than text and audio never vanish: every report shows that they were there.
@Suite("decoder: part kinds")
struct PartKindTests {
    static let halfCascade =
        [
            #"{"serverContent":{"modelTurn":{"parts":[{"executableCode":{"language":"PYTHON","code":"print(default_api.get_weather(city=\"Paris\"))\nprint(1)\n"}}]}}}"#,
            #"{"toolCall":{"functionCalls":[{"name":"get_weather","args":{"city":"Paris"},"id":"function-call-1"}]}}"#,
            #"{"serverContent":{"modelTurn":{"parts":[{"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"21\n"}}]}}}"#,
            #"{"serverContent":{"modelTurn":{"parts":[{"text":"Sunny."},{"videoMetadata":{"fps":1}},{"fileData":{"fileUri":"f"}}]}}}"#,
            #"{"serverContent":{"turnComplete":true}}"#,
        ].joined(separator: "\n") + "\n"

    @Test("executableCode, codeExecutionResult and unknown kinds in transcript, events, json and -v counts")
    func everyReport() throws {
        let run = try DecodeRun(Self.halfCascade)
        #expect(run.problems.isEmpty)
        #expect(
            run.transcript.hasPrefix(
                "code: print(default_api.get_weather(city=\"Paris\"))\n      print(1)\n"
                    + "tool call: get_weather({\"city\":\"Paris\"}) id=function-call-1\n"
                    + "code result: 21\n[videoMetadata part]\n[fileData part]\nmodel: Sunny.\n"))
        let events = run.events.split(separator: "\n")
        #expect(events[0] == "line 1  turn 1  serverContent  code 54 chars")
        #expect(events[2] == "line 3  turn 1  serverContent  code result 3 chars")
        #expect(events[3] == "line 4  turn 1  serverContent  part videoMetadata  part fileData  text 6 chars")
        #expect(run.json.count == 1)
        #expect(
            run.json[0].contains(
                #""parts":{"codeExecutionResult":1,"executableCode":1,"fileData":1,"text":1,"videoMetadata":1}"#))
        #expect(run.json[0].contains(#""code":["print(default_api.get_weather(city=\"Paris\"))\nprint(1)\n"]"#))
        #expect(run.json[0].contains(#""codeResults":["21\n"]"#))
        #expect(run.text == "Sunny.\n")
        #expect(
            run.statistics.otherParts == [
                "executableCode": 1, "codeExecutionResult": 1, "videoMetadata": 1, "fileData": 1,
            ])
    }

    @Test("a picture among the parts is named, not dropped")
    func picture() throws {
        let run = try DecodeRun(
            #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"image/jpeg","data":"/9j/"}}]},"turnComplete":true}}"#
                + "\n")
        #expect(run.problems.isEmpty)
        #expect(run.transcript.hasPrefix("[inlineData image/jpeg part]\n"))
        #expect(run.events.contains("part inlineData image/jpeg"))
        #expect(run.statistics.otherParts == ["inlineData image/jpeg": 1])
        #expect(run.samples.isEmpty)
    }

    @Test("audio-only runs count their parts too")
    func audioParts() throws {
        let run = try DecodeRun(Messages.turn.map { Layout.compact.write($0) }.joined())
        #expect(run.json[0].contains(#""parts":{"inlineData":4}"#))
    }
}
