import Foundation

/// Checks a document with a real XML parser (Python's expat, via `xml.etree`), so the tests do not only
/// compare the renderer with itself.
enum XMLParsing {
    /// The parser's complaint, or nil when `xml` is well-formed; python3 is a build dependency (`make deps`).
    static func problem(in xml: String) throws -> String? {
        try run(xml, "E.parse(sys.argv[1])").problem
    }

    /// The `name` attribute of every `testsuite` and `testcase` and the text of every `failure` and `error`,
    /// as the parser reads them back, in a JSON array with non-ASCII escaped.
    static func readBack(_ xml: String) throws -> String {
        let script = """
            import json; root = E.parse(sys.argv[1]).getroot()
            print(json.dumps([e.get('name') or e.text for e in root.iter() \
                if e.tag in ('testsuite', 'testcase', 'failure', 'error')]))
            """
        let result = try run(xml, script)
        if let problem = result.problem { return problem }
        return result.output.trimmingCharacters(in: .newlines)
    }

    private static func run(_ xml: String, _ script: String) throws -> (problem: String?, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, xml.etree.ElementTree as E\n" + script, file.path]
        let errors = Pipe()
        let output = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        // The outputs are a few lines, well under a pipe's buffer, so reading one after the other cannot stall.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let problem = process.terminationStatus == 0 ? nil : String(decoding: message, as: UTF8.self)
        return (problem, String(decoding: printed, as: UTF8.self))
    }
}
