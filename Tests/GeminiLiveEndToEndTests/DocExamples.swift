import Foundation

/// One example from the documentation: a shell command as a user would paste it, with where it came from.
///
/// Where the examples are and how they are marked (README's "How the tests work" says the same):
/// - README.md: every code block (indented or fenced) is shell examples, unless the HTML comment just before
///   it says `<!-- doc-test: text -->` (a line format, a folder layout), `<!-- doc-test: output of: COMMAND -->`
///   (the block is exactly what COMMAND prints) or `<!-- doc-test: offline: no (WHY) -->` (no command of the
///   block can run here).
/// - man pages: every `.EX`/`.EE` or `.nf`/`.fi` block of the EXAMPLES section, unless the roff comment just
///   before it says `.\" doc-test: text`. In a block with lines beginning `$ `, those lines are the commands
///   and the lines after each one its output.
/// - `--help`: the lines under `EXAMPLES:` up to the next blank line, as printed at 80 columns.
///
/// A command goes on to the next line when its line ends with `\`, `|`, `&&` or `||`; lines that begin
/// with `#` are notes. A trailing `# output: TEXT` is what the command prints, and a trailing
/// `# offline: no (WHY)` marks a command that cannot run here (a microphone, a camera, the real service):
/// its syntax is still checked with `bash -n`.
struct DocExample: Sendable, CustomStringConvertible {
    /// `README.md`, `gemini-live-decode.1`, `gemini-live-decode --help`.
    let document: String
    /// The line of the document where the command starts (1-based; for `--help`, the line of the help text).
    let line: Int
    /// The code block it belongs to: the commands of one block run in one shell, in order.
    let block: Int
    /// The command, its lines joined with newlines as written.
    let command: String
    /// What the docs show it printing, when they do.
    let output: String?
    /// The reason of a README block marked `<!-- doc-test: offline: no (WHY) -->`.
    var blockOffline: String? = nil

    /// Why the command cannot run here: its trailing `# offline: no (WHY)`, or its block's marker.
    var offlineReason: String? {
        command.firstMatch(of: /#\s*offline: no \(([^)]*)\)/).map { String($0.output.1) } ?? blockOffline
    }

    /// The trailing `# output: TEXT` or the output shown after it.
    var expectedOutput: String? {
        output ?? command.firstMatch(of: /#\s*output: (.*)$/.anchorsMatchLineEndings()).map { String($0.output.1) }
    }

    var description: String { "\(document):\(line): \(command)" }
}

/// Reads the examples out of README.md, the man pages and `--help` texts.
enum DocExampleExtractor {
    /// Splits the lines of one block into commands: (offset of the first line, text, output lines if `$ ` form).
    static func commands(_ lines: [String]) -> [(offset: Int, command: String, output: String?)] {
        let transcript = lines.contains { $0.hasPrefix("$ ") }
        var result: [(offset: Int, command: String, output: String?)] = []
        var current: [String] = []
        var start = 0
        var outputLines: [String]? = nil
        func flush() {
            if !current.isEmpty {
                result.append((start, current.joined(separator: "\n"), nil))
                current = []
            }
        }
        func flushOutput() {
            if let lines = outputLines, !result.isEmpty {
                result[result.count - 1].output = lines.joined(separator: "\n")
            }
            outputLines = nil
        }
        for (offset, raw) in lines.enumerated() {
            var line = raw
            if current.isEmpty {
                if transcript {
                    if line.hasPrefix("$ ") {
                        flushOutput()
                        line.removeFirst(2)
                    } else {
                        if outputLines != nil { outputLines!.append(line) }
                        continue
                    }
                } else if line.trimmingCharacters(in: .whitespaces).isEmpty
                    || line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                {
                    continue
                }
                start = offset
            }
            current.append(line)
            if !continues(line) {
                flush()
                if transcript { outputLines = [] }
            }
        }
        flush()
        flushOutput()
        return result
    }

    /// Whether a command line goes on to the next line.
    static func continues(_ line: String) -> Bool {
        // A trailing comment ends the command: `cmd | # note` is not written in the docs.
        let code = line.trimmingCharacters(in: .whitespaces)
        return code.hasSuffix("\\") || code.hasSuffix("|") || code.hasSuffix("&&") || code.hasSuffix("||")
    }

    // MARK: README

    /// The examples of a Markdown file.
    static func markdown(_ text: String, document: String) -> [DocExample] {
        let lines = text.components(separatedBy: "\n")
        var examples: [DocExample] = []
        var index = 0
        var block = 0
        var previousNonBlank = ""
        while index < lines.count {
            let line = lines[index]
            var body: [String] = []
            var bodyStart = index
            if line.hasPrefix("```") {
                bodyStart = index + 1
                index += 1
                while index < lines.count && !lines[index].hasPrefix("```") {
                    body.append(lines[index])
                    index += 1
                }
                index += 1
            } else if line.hasPrefix("    "),
                index == 0 || lines[index - 1].trimmingCharacters(in: .whitespaces).isEmpty
            {
                while index < lines.count {
                    let next = lines[index]
                    if next.hasPrefix("    ") {
                        body.append(String(next.dropFirst(4)))
                    } else if next.trimmingCharacters(in: .whitespaces).isEmpty, index + 1 < lines.count,
                        lines[index + 1].hasPrefix("    ")
                    {
                        body.append("")
                    } else {
                        break
                    }
                    index += 1
                }
            } else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { previousNonBlank = line }
                index += 1
                continue
            }
            block += 1
            let marker = previousNonBlank.firstMatch(of: /^<!-- doc-test: (.*) -->$/).map { String($0.output.1) }
            previousNonBlank = ""
            if marker == "text" { continue }
            if let marker, let command = marker.firstMatch(of: /^output of: (.*)$/) {
                examples.append(
                    DocExample(
                        document: document, line: bodyStart + 1, block: block, command: String(command.output.1),
                        output: body.joined(separator: "\n")))
                continue
            }
            let offline = marker?.firstMatch(of: /^offline: no \((.*)\)$/).map { String($0.output.1) }
            for found in commands(body) {
                examples.append(
                    DocExample(
                        document: document, line: bodyStart + found.offset + 1, block: block, command: found.command,
                        output: found.output, blockOffline: offline))
            }
        }
        return examples
    }

    // MARK: man pages

    /// A roff line as typed: the escapes the pages use in examples, undone.
    static func unescape(_ line: String) -> String {
        var text = line
        for (escape, plain) in [
            ("\\-", "-"), ("\\(aq", "'"), ("\\(dq", "\""), ("\\&", ""), ("\\e", "\\"), ("\\(ti", "~"),
            ("\\(ha", "^"), ("\\ ", " "),
        ] {
            text = text.replacingOccurrences(of: escape, with: plain)
        }
        return text
    }

    /// The examples of a man page's EXAMPLES section.
    static func manPage(_ text: String, document: String) -> [DocExample] {
        let lines = text.components(separatedBy: "\n")
        var examples: [DocExample] = []
        var inside = false
        var block = 0
        var body: [String]? = nil
        var bodyStart = 0
        var marker: String? = nil
        for (index, line) in lines.enumerated() {
            if line.hasPrefix(".SH") {
                inside = line.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: " \"")) == "EXAMPLES"
                continue
            }
            guard inside else { continue }
            if var current = body {
                if line == ".EE" || line == ".fi" {
                    block += 1
                    if marker != "text" {
                        for found in commands(current) {
                            examples.append(
                                DocExample(
                                    document: document, line: bodyStart + found.offset + 1, block: block,
                                    command: found.command, output: found.output))
                        }
                    }
                    body = nil
                    marker = nil
                } else if line.hasPrefix(".") && !line.hasPrefix("..") {
                    continue  // .RS, .RE inside a block
                } else {
                    current.append(unescape(line))
                    body = current
                }
            } else if line == ".EX" || line == ".nf" {
                body = []
                bodyStart = index + 1
            } else if let found = line.firstMatch(of: /^\.\\" doc-test: (.*)$/) {
                marker = String(found.output.1)
            }
        }
        return examples
    }

    // MARK: --help

    /// The examples under `EXAMPLES:` in a `--help` text.
    static func help(_ text: String, document: String) -> [DocExample] {
        let lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(of: "EXAMPLES:") else { return [] }
        let body = Array(lines[(header + 1)...].prefix { !$0.isEmpty })
        return commands(body).map {
            DocExample(
                document: document, line: header + 2 + $0.offset, block: 1,
                command: $0.command.components(separatedBy: "\n").map {
                    $0.hasPrefix("  ") ? String($0.dropFirst(2)) : $0
                }
                .joined(separator: "\n"), output: $0.output)
        }
    }
}
