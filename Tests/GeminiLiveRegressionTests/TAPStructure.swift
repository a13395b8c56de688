import GeminiLiveRegression

/// A small TAP 14 reader for the tests: checks the rules the report must keep (one plan starting at 1 per
/// document, points numbered in order, each `# Subtest: name` closed by a parent point of the same name, YAML
/// blocks two spaces in and readable by a YAML parser) and returns what it read.
struct TAPStructure {
    /// A test point: its status, description and YAML diagnostics.
    struct Point {
        var ok: Bool
        var description: String
        var diagnostics: SourceNode?
        var subtest: [Point]
    }

    private(set) var points: [Point] = []
    private(set) var problems: [String] = []

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == "TAP version 14" else {
            problems.append("the first line is not TAP version 14")
            return
        }
        var index = 1
        points = document(lines, &index, indent: "")
        if index != lines.count { problems.append("line \(index + 1) is outside any document: \(lines[index])") }
    }

    private mutating func document(_ lines: [String], _ index: inout Int, indent: String) -> [Point] {
        var plan: Int?
        var points: [Point] = []
        var subtest: (name: String, points: [Point])?
        while index < lines.count, lines[index].hasPrefix(indent) {
            let line = String(lines[index].dropFirst(indent.count))
            if line.hasPrefix("    ") {
                problems.append("line \(index + 1): indented without a # Subtest")
                index += 1
            } else if line.hasPrefix("1..") {
                if plan != nil { problems.append("line \(index + 1): a second plan") }
                plan = Int(line.dropFirst(3).prefix { $0.isNumber })
                index += 1
            } else if line.hasPrefix("# Subtest: ") {
                let name = String(line.dropFirst("# Subtest: ".count))
                index += 1
                subtest = (name, document(lines, &index, indent: indent + "    "))
            } else if line.hasPrefix("ok ") || line.hasPrefix("not ok ") {
                let ok = line.hasPrefix("ok ")
                let rest = line.dropFirst(ok ? 3 : 7)
                let number = Int(rest.prefix { $0.isNumber })
                if number != points.count + 1 {
                    problems.append("line \(index + 1): point \(number ?? -1) out of order")
                }
                let description = String(rest.drop { $0.isNumber }.dropFirst(3))
                index += 1
                var point = Point(ok: ok, description: description, diagnostics: nil, subtest: [])
                if let open = subtest {
                    if open.name != description {
                        problems.append("line \(index): subtest \(open.name) closed by \(description)")
                    }
                    point.subtest = open.points
                    subtest = nil
                }
                point.diagnostics = yaml(lines, &index, indent: indent + "  ")
                points.append(point)
            } else {
                problems.append("line \(index + 1): not TAP: \(line)")
                index += 1
            }
        }
        if plan != points.count {
            problems.append("\(indent.count / 4) deep: plan \(plan ?? -1), \(points.count) points")
        }
        return points
    }

    private mutating func yaml(_ lines: [String], _ index: inout Int, indent: String) -> SourceNode? {
        guard index < lines.count, lines[index] == indent + "---" else { return nil }
        var body: [String] = []
        index += 1
        while index < lines.count, lines[index] != indent + "..." {
            guard lines[index].hasPrefix(indent) else {
                problems.append("line \(index + 1): YAML line not indented")
                return nil
            }
            body.append(String(lines[index].dropFirst(indent.count)))
            index += 1
        }
        index += 1
        do {
            return try SourceNode(yaml: body.joined(separator: "\n"), file: "diagnostics")
        } catch {
            problems.append("line \(index): YAML: \(error)")
            return nil
        }
    }
}
