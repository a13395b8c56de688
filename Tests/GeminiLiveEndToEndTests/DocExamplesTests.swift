import Foundation
import GeminiLiveTestSupport
import Testing

/// The documentation's examples are tests, like jq's manual: every command shown in README.md, in the man
/// pages' EXAMPLES and in each tool's `--help` runs here against the emulator, as a user would paste it.
///
/// What the harness substitutes, and nothing more: `GEMINI_LIVE_ENDPOINT` names a local emulator (running
/// samples/emulator/weather.json, so the tool-call examples call a tool); the files the examples name
/// (question.wav, photo.jpg, talk.mp4, session.log, run1.ndjson, ...) are short stand-ins made in a scratch folder that also
/// links samples/ and man/; `aplay` reads the sound and discards it, and `ffplay` plays to SDL's dummy audio
/// driver (there is no sound card); a fixed `--port` of the emulator becomes `--port 0`; and an example that
/// runs the emulator in the foreground runs until it prints its URL, then gets SIGTERM. Each command must exit 0, and print what the docs show it
/// printing (compared with runs of white space made one space). Commands marked `# offline: no (WHY)` are
/// only checked with `bash -n`; see `DocExample` for where examples are found and how they are marked.
/// `GEMINI_LIVE_DOC_ONLY=README.md` (or a page, or `gemini-live-decode --help`) runs one document's examples.
@Suite("docs: every example runs as written", .serialized)
struct DocExamplesTests {
    static let repository = ManPageTests.repository
    /// Every page in man/, so a new page's examples are tested from the start.
    static let pages =
        ((try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("man").path))
        ?? []).filter { $0.hasSuffix(".1") || $0.hasSuffix(".5") || $0.hasSuffix(".7") }.sorted()
    static let documents = ["README.md"] + pages + ManPageTests.tools.map { "\($0) --help" }

    /// A tool's `--help` as printed to a pipe in an 80-column terminal, or at `columns`.
    static func help(_ tool: String, columns: Int = 80) throws -> String {
        let result = try ToolRunner.run(ToolRunner.tool(tool), ["--help"], environment: ["COLUMNS": String(columns)])
        #expect(result.status == 0, "\(tool) --help: \(result.stderrText)")
        return result.stdoutText
    }

    static func examples(of document: String) throws -> [DocExample] {
        if document.hasSuffix(" --help") {
            let tool = String(document.dropLast(" --help".count))
            return DocExampleExtractor.help(try help(tool), document: document)
        }
        if document.hasSuffix(".md") {
            let text = try String(contentsOf: repository.appendingPathComponent(document), encoding: .utf8)
            return DocExampleExtractor.markdown(text, document: document)
        }
        return DocExampleExtractor.manPage(
            try String(contentsOf: repository.appendingPathComponent("man/\(document)"), encoding: .utf8),
            document: document)
    }

    @Test("every document has examples, and every example is valid shell (bash -n)", arguments: documents)
    func syntax(document: String) throws {
        let examples = try Self.examples(of: document)
        #expect(!examples.isEmpty, "\(document): no examples found")
        #expect(Self.pages.count >= 5, "man/ pages not found")
        for example in examples {
            let result = try ToolRunner.run("/bin/bash", ["-n", "-c", example.command])
            #expect(result.status == 0, "\(example): \(result.stderrText)")
            if example.offlineReason == nil {
                #expect(!example.command.contains("# offline"), "\(example): a malformed offline marker")
            }
        }
    }

    @Test("--help examples are lines under 80 columns, so wrapping cannot change them", arguments: ManPageTests.tools)
    func helpSurvivesWrapping(tool: String) throws {
        let narrow = try Self.help(tool)
        let wide = try Self.help(tool, columns: 400)
        let section = { (help: String) in
            help.components(separatedBy: "\n").drop { $0 != "EXAMPLES:" }.prefix { !$0.isEmpty }
        }
        #expect(section(narrow).count > 2, "\(tool) --help has no EXAMPLES")
        #expect(Array(section(narrow)) == Array(section(wide)), "\(tool) --help's EXAMPLES change at 80 columns")
        for line in section(narrow) { #expect(line.count < 80, "\(tool) --help: \(line.count) columns: \(line)") }
    }

    @Test("every example runs against the emulator, unless marked offline", arguments: documents)
    func run(document: String) throws {
        if let only = ProcessInfo.processInfo.environment["GEMINI_LIVE_DOC_ONLY"], only != document { return }
        let examples = try Self.examples(of: document)
        let sandbox = try Self.sandbox()
        let emulator = try SessionEmulator([
            "--script", Self.repository.appendingPathComponent("samples/emulator/weather.json").path,
        ])
        let environment = [
            "PATH": "\(sandbox.file(".shims")):\(ToolRunner.binaryDirectory.path):"
                + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "GEMINI_LIVE_ENDPOINT": emulator.url,
            "SDL_AUDIODRIVER": "dummy",  // ffplay plays to nowhere, in real time
        ]
        for block in Dictionary(grouping: examples, by: \.block).sorted(by: { $0.key < $1.key }).map(\.value) {
            let results = try TemporaryDirectory("doc-results")
            let script = Self.script(block, results: results.path)
            try script.write(toFile: results.file("block.sh"), atomically: true, encoding: .utf8)
            let run = try ToolRunner.run(
                "/bin/bash", [results.file("block.sh")], environment: environment, currentDirectory: sandbox.path,
                timeout: 900)
            #expect(run.status == 0, "\(document): block at line \(block[0].line): \(run.stderrText)")
            for (index, example) in block.enumerated() where example.offlineReason == nil {
                let read = { (suffix: String) in
                    (try? String(contentsOfFile: results.file("\(index).\(suffix)"), encoding: .utf8)) ?? ""
                }
                let status = read("status").trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(status == "0", "\(example)\nexit \(status)\nstderr: \(read("err"))")
                if let expected = example.expectedOutput {
                    #expect(
                        Self.words(read("out")) == Self.words(expected),
                        "\(example)\nprinted: \(read("out"))\nstderr: \(read("err"))")
                }
            }
        }
    }

    /// Text with every run of white space made one space, trimmed.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether the command runs the emulator in the foreground (a server that runs until a signal).
    static func isServer(_ command: String) -> Bool {
        command.wholeMatch(of: /gemini-live-emulator\s[^|&>;]*/) != nil
    }

    /// One bash script for the commands of a block, run in order in one shell (so `source`, `export` and
    /// variables carry over); each command's stdout, stderr and status go to RESULTS/INDEX.{out,err,status}.
    static func script(_ block: [DocExample], results: String) -> String {
        var script = "set -o pipefail\n"
        for (index, example) in block.enumerated() where example.offlineReason == nil {
            let prefix = "\(results)/\(index)"
            let command = example.command.replacing(/--port [1-9][0-9]*/, with: "--port 0")
            if isServer(command) {
                // The server's stdout is read to its end, which comes when the server exits; a server without
                // its URL in 120 s, or still running 120 s after SIGTERM, is named in its .err and killed, so
                // that a hang names the command instead of holding the block until the run's timeout. (The fd is copied first:
                // bash unsets DOC_SERVER when it reaps the coprocess.)
                script += """
                    coproc DOC_SERVER { exec \(command) 2>'\(prefix).err'; }
                    exec {doc_out}<&"${DOC_SERVER[0]}"; doc_pid=$DOC_SERVER_PID
                    read -r -t 120 line <&$doc_out; doc_read=$?
                    if [ $doc_read -eq 0 ]; then echo "$line" >'\(prefix).out'; kill -TERM $doc_pid 2>/dev/null; fi
                    while [ $doc_read -eq 0 ]; do read -r -t 120 line <&$doc_out; doc_read=$?; done
                    if [ $doc_read -gt 128 ]; then
                      echo "doc harness: no URL in 120 s, or still running 120 s after SIGTERM" >>'\(prefix).err'
                      kill -KILL $doc_pid
                    fi
                    exec {doc_out}<&-; wait $doc_pid; echo $? >'\(prefix).status'

                    """
            } else {
                script += """
                    {
                    \(command)
                    } >'\(prefix).out' 2>'\(prefix).err' </dev/null
                    echo $? >'\(prefix).status'

                    """
            }
        }
        // Whatever an example left running in the background ends with the block
        // (samples/emulator/start.sh's own EXIT trap stops the emulator it started).
        script += "kill $(jobs -p) 2>/dev/null\nexit 0\n"
        return script
    }

    /// A scratch folder with the files the examples name, and the stand-ins for the sound devices.
    static func sandbox() throws -> TemporaryDirectory {
        let sandbox = try TemporaryDirectory("docs")
        try DecodeTests.conversation().stream.data.write(to: URL(fileURLWithPath: sandbox.file("session.log")))
        // Two recordings with hand-set times, whose table gemini-live-test(1) shows.
        try TestStatsTests.firstRun.write(toFile: sandbox.file("run1.ndjson"), atomically: true, encoding: .utf8)
        try TestStatsTests.secondRun.write(toFile: sandbox.file("run2.ndjson"), atomically: true, encoding: .utf8)
        let setup = try ToolRunner.run(
            "/bin/bash",
            [
                "-euo", "pipefail", "-c",
                """
                ln -s '\(repository.path)/samples' samples
                ln -s '\(repository.path)/man' man
                cp samples/question.wav samples/prompt.txt .
                cp samples/picture.jpg photo.jpg
                say() { echo "$1" | text2wave -F 16000 -eval '(voice_cmu_us_slt_arctic_hts)' -o "$2"; }
                say "What time is it in Tokyo?" q.wav
                say "Hello there." q1.wav
                say "Thank you." q2.wav
                ffmpeg -nostdin -v error -y -i question.wav -c:a aac talk.m4a
                ffmpeg -nostdin -v error -y -f lavfi -i testsrc=size=320x240:rate=25 -i question.wav -t 2 \
                  -c:v mjpeg -c:a aac talk.mp4
                openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost \
                  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
                echo '[{"name":"get_weather","description":"The weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]' >tools.json
                printf '#!/bin/sh\\ncat >/dev/null\\necho sunny\\n' >weather.sh
                chmod +x weather.sh
                gemini-live-encode --text "Name three rivers" >in.ndjson
                cp samples/emulator/weather.yaml replies.yaml
                mkdir suite
                printf '%s\\n' 'name: weather' 'require: 0.8' 'tool_responses:' '  get_weather: {sky: sunny}' \\
                  'turns:' '  - text: "what is the weather in Paris?"' '    expect:' '      - responded: true' \\
                  >suite/weather.yaml
                mkdir .shims
                printf '#!/bin/sh\\nexec cat >/dev/null\\n' >.shims/aplay
                chmod +x .shims/aplay
                """,
            ], environment: ["PATH": "\(ToolRunner.binaryDirectory.path):/usr/bin:/bin"],
            currentDirectory: sandbox.path)
        guard setup.status == 0 else { throw MediaFactory.Failure(description: "sandbox: \(setup.stderrText)") }
        return sandbox
    }

    @Test("the extractor finds commands, outputs and markers as documented", .tags(.selfCheck))
    func extractor() {
        let markdown = """
            Text.

                # a note
                a --x | b \\
                  --y
                c   # output: 3

            <!-- doc-test: text -->

                {"not":"a command"}

            <!-- doc-test: output of: d -->

                one
                two

            ```
            e   # offline: no (microphone)
            ```
            """
        let found = DocExampleExtractor.markdown(markdown, document: "M")
        #expect(
            found.map(\.command) == ["a --x | b \\\n  --y", "c   # output: 3", "d", "e   # offline: no (microphone)"])
        #expect(found.map(\.line) == [4, 6, 14, 18])
        #expect(found.map(\.expectedOutput) == [nil, "3", "one\ntwo", nil])
        #expect(found.map(\.offlineReason) == [nil, nil, nil, "microphone"])
        let page = """
            .SH OPTIONS
            .EX
            not an example
            .EE
            .SH EXAMPLES
            .PP
            .RS
            .EX
            $ gemini\\-live\\-decode \\e
                \\-\\-text \\- x
            It is
            $ ls
            a  b
            .EE
            .RE
            .\\" doc-test: text
            .nf
            {"a":1}
            .fi
            .nf
            jq \\(aq.a\\(aq x |
              wc \\-l
            .fi
            .SH SEE ALSO
            """
        let examples = DocExampleExtractor.manPage(page, document: "P")
        #expect(examples.map(\.command) == ["gemini-live-decode \\\n    --text - x", "ls", "jq '.a' x |\n  wc -l"])
        #expect(examples.map(\.output) == ["It is", "a  b", nil])
        let help = "OVERVIEW: x\n\nEXAMPLES:\n  a \\\n    b\n  c\n\nEXIT STATUS:\n  0  ok\n"
        #expect(DocExampleExtractor.help(help, document: "H").map(\.command) == ["a \\\n  b", "c"])
        #expect(Self.isServer("gemini-live-emulator --port 0 \\\n  --log x"))
        #expect(!Self.isServer("gemini-live-emulator --port 0 > url.txt &"))
    }
}
