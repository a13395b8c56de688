import ArgumentParser
import GeminiLiveCLI
import GeminiLiveSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ExitStatusTests {
    @Test(
        "each category has its sysexits code",
        arguments: [
            (ToolErrorCategory.success, Int32(0)), (.outputClosed, 0), (.failure, 1), (.usage, 64), (.badData, 65),
            (.noInput, 66), (.unavailable, 69), (.cannotCreate, 73), (.io, 74), (.timeout, 75),
            (.protocolError, 76), (.permission, 77), (.configuration, 78),
        ])
    func categoryCode(category: ToolErrorCategory, code: Int32) {
        #expect(ExitStatus(category).rawValue == code)
    }

    @Test func everyStatusHasExactlyOneFailureCategory() {
        // Apart from 0 (a finished run, or a reader that closed stdout), a code means one category, so a
        // script can tell what went wrong from the status alone.
        for status in ExitStatus.allCases where status != .success {
            let categories = ToolErrorCategory.allCases.filter { ExitStatus($0) == status }
            #expect(categories.count == 1, "\(status): \(categories)")
        }
        #expect(Set(ToolErrorCategory.allCases.map(ExitStatus.init)) == Set(ExitStatus.allCases))
    }

    @Test func helpTableListsTheGivenCodesInOrder() {
        let table = ExitStatus.helpTable([.success, .usage, .noInput])
        #expect(
            table == """
                  0    success
                  64   usage error: bad option or option value
                  66   an input file cannot be opened
                """)
        #expect(ExitStatus.helpTable().split(separator: "\n").count == ExitStatus.allCases.count)
    }

    @Test(
        "an input's errno decides between an unusable path and a failing system",
        arguments: [
            (ENOENT, ToolErrorCategory.noInput), (EACCES, .noInput), (EISDIR, .noInput), (ENOTDIR, .noInput),
            (ELOOP, .noInput), (EIO, .io), (EMFILE, .io),
        ])
    func inputErrno(code: Int32, category: ToolErrorCategory) {
        #expect(ToolErrorCategory.input(errno: code) == category)
    }

    @Test func outputAndWriteErrnos() {
        #expect(ToolErrorCategory.output(errno: ENOENT) == .cannotCreate)
        #expect(ToolErrorCategory.output(errno: EACCES) == .cannotCreate)
        #expect(ToolErrorCategory.write(errno: EPIPE) == .outputClosed)
        #expect(ToolErrorCategory.write(errno: ENOSPC) == .io)
    }

    @Test func reportingPicksTheCodeFromTheCategory() {
        let diagnostics = Diagnostics(tool: "gemini-live-test")
        let closed = ToolError(category: .outputClosed, description: "stdout: write failed: broken pipe")
        #expect(diagnostics.exit(reporting: closed).rawValue == 0)
        #expect(diagnostics.exit(reporting: ToolError(category: .noInput, description: "")).rawValue == 66)
        #expect(diagnostics.exit(reporting: ExitCode(3)).rawValue == 3)
        struct Unclassified: Error {}
        #expect(diagnostics.exit(reporting: Unclassified()).rawValue == 1)
    }
}
