import Foundation
import GeminiLiveTestSupport
import Testing

/// Documented behaviour is tested behaviour: each man page must keep up with its tool's `--help`, and the
/// overview page and README with the union of the tools' exit tables.
///
/// The exit codes a tool can return are read from its own `--help`, whose table is generated from
/// `ExitStatus`, so nothing here repeats them.
@Suite("man pages")
struct ManPageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let tools = [
        "gemini-live-encode", "gemini-live-decode", "gemini-live-session", "gemini-live-emulator", "gemini-live-test",
    ]

    /// A page's roff source with `\-` unescaped, so options read as they are typed.
    static func page(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("man/\(name)"), encoding: .utf8)
            .replacingOccurrences(of: "\\-", with: "-")
    }

    static func help(_ tool: String) throws -> String {
        let result = try ToolRunner.run(ToolRunner.tool(tool), ["--help"])
        #expect(result.status == 0, "\(tool) --help: \(result.stderrText)")
        return result.stdoutText
    }

    /// The lines of the section `.SH name` (quoted or not), up to the next `.SH`.
    static func section(_ name: String, of page: String) -> [Substring] {
        sections(of: page) { $0 == name }
    }

    /// The lines of every section whose title `matches`, each up to the next `.SH`.
    static func sections(of page: String, where matches: (String) -> Bool) -> [Substring] {
        var lines: [Substring] = []
        var inside = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(".SH") {
                let title = line.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                inside = matches(title)
            } else if inside {
                lines.append(line)
            }
        }
        return lines
    }

    /// The tag lines of every `.TP` entry in `lines`, with the further tags `.TQ` adds to one.
    static func tags(_ lines: [Substring]) -> [Substring] {
        zip(lines, lines.dropFirst()).filter { $0.0 == ".TP" || $0.0 == ".TQ" }.map(\.1)
    }

    /// The codes of the EXIT STATUS section: each entry's tag is exactly `.B N` or `.B N, M`.
    static func documentedCodes(_ page: String) -> [Int32] {
        tags(section("EXIT STATUS", of: page)).flatMap { tag -> [Int32] in
            guard let match = tag.wholeMatch(of: /\.B (\d+(?:, \d+)*)/) else {
                Issue.record("an EXIT STATUS entry that is not `.B N`: \(tag)")
                return []
            }
            return match.output.1.split(separator: ", ").compactMap { Int32($0) }
        }
    }

    /// The codes of the table under `EXIT STATUS:` in `--help`, up to the next blank line: the indented
    /// rows that begin with a number. (A row wrapped at 80 columns goes on unindented, as do notes.)
    static func helpCodes(_ help: String) -> [Int32] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(of: "EXIT STATUS:") else { return [] }
        return lines[(header + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            line.prefixMatch(of: /\ +(\d+) +\S/).flatMap { Int32($0.output.1) }
        }
    }

    /// The names in the option column of `--help`'s OPTIONS: not options the overview's examples mention.
    static func helpOptionNames(_ help: String, pattern: Regex<Substring>) -> [String] {
        let lines = help.split(separator: "\n").drop { $0 != "OPTIONS:" }
        return lines.flatMap { line -> [String] in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { return [] }  // a description's wrapped continuation
            let column = trimmed.firstRange(of: "  ").map { trimmed[..<$0.lowerBound] } ?? trimmed
            return column.matches(of: pattern).map { String($0.output) }
        }
    }

    /// Exits by SIGINT or SIGTERM (128 plus the signal number); pages may list them, `ExitStatus` has no row for them.
    static let signalCodes: Set<Int32> = [128 + 2, 128 + 15]

    @Test("the parsers read `.B N` tags exactly, not digits elsewhere in the page", .tags(.selfCheck))
    func parsersAreExact() {
        let page = """
            .SH OPTIONS
            .TP
            .B 64
            base64, 1 to 64
            .SH EXIT STATUS
            .TP
            .B 0
            Success, 65 times.
            .TP
            .B 130, 143
            Stopped.
            .SH SEE ALSO
            .TP
            .B 66
            """
        #expect(Self.documentedCodes(page) == [0, 130, 143])
        let help =
            "OVERVIEW: x\n\nEXIT STATUS:\n  0    success\n  69   service unavailable: unreachable,\n74 retries\n  74   I/O\nLines written before.\n\n  65   no\n"
        #expect(Self.helpCodes(help) == [0, 69, 74])
    }

    @Test("each tool's page lists exactly the exit codes its --help table lists", arguments: tools)
    func exitCodes(tool: String) throws {
        let page = try Self.page("\(tool).1")
        let documented = Self.documentedCodes(page)
        let help = Self.helpCodes(try Self.help(tool))
        #expect(help.count >= 6, "\(tool) --help has no exit table")
        #expect(Set(documented).count == documented.count, "\(tool).1 lists a code twice: \(documented)")
        #expect(Set(documented).subtracting(Self.signalCodes) == Set(help), "\(tool).1 against \(tool) --help")
        #expect(Set(documented).intersection(Self.signalCodes).count != 1, "\(tool).1 lists only one of 130, 143")
    }

    @Test("gemini-live(7) and README list exactly the codes the tools can return, together")
    func sharedExitCodes() throws {
        var union = Set<Int32>()
        for tool in Self.tools { union.formUnion(Self.helpCodes(try Self.help(tool))) }
        let overview = Self.documentedCodes(try Self.page("gemini-live.7"))
        #expect(Set(overview) == union, "gemini-live.7 EXIT STATUS against the tools' --help")
        #expect(overview == overview.sorted())
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").drop { $0 != "## Exit status" }.prefix {
            !$0.hasPrefix("## Benchmarks")
        }
        let readmeCodes = rows.compactMap { row in row.prefixMatch(of: /\| (\d+) +\|/).flatMap { Int32($0.output.1) } }
        #expect(Set(readmeCodes) == union, "README's exit-status table against the tools' --help")
    }

    @Test(
        "each tool's page documents every option of its --help under its OPTIONS sections, and none the tool lacks",
        arguments: tools)
    func options(tool: String) throws {
        let help = try Self.help(tool)
        let page = try Self.page("\(tool).1")
        let pattern = /--[a-z][a-z0-9-]+/
        let offered = Set(Self.helpOptionNames(help, pattern: pattern))
        let documented = Set(
            Self.tags(Self.sections(of: page) { $0.hasSuffix("OPTIONS") }).flatMap {
                $0.matches(of: pattern).map { String($0.output) }
            })
        #expect(offered.count > 8)
        #expect(offered.subtracting(documented).sorted() == [], "in --help, missing from \(tool).1 OPTIONS")
        #expect(documented.subtracting(offered).sorted() == [], "in \(tool).1 OPTIONS, unknown to \(tool)")
    }
}

extension Tag {
    /// A check of the test's own helpers, so that a parser that matched nothing cannot make the suite pass.
    @Tag static var selfCheck: Self
}
