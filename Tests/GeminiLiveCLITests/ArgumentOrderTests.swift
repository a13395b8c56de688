import ArgumentParser
import GeminiLiveCLI
import Testing

@Suite struct ArgumentOrderTests {
    let scanner = ArgumentOrder(inputOptions: ["--text", "--mjpeg"], valueOptions: ["--chunk-ms", "--rate"])

    @Test func keepsInputsInTypedOrder() {
        let entries = scanner.entries(in: [
            "--text", "a", "x.wav", "--chunk-ms", "20", "--mjpeg=-", "--text=b c", "y.jpg",
        ])
        #expect(
            entries == [
                .init(option: "--text", value: "a"), .init(option: nil, value: "x.wav"),
                .init(option: "--mjpeg", value: "-"),
                .init(option: "--text", value: "b c"), .init(option: nil, value: "y.jpg"),
            ])
    }

    @Test func valuesOfOtherOptionsAreNotFiles() {
        #expect(scanner.entries(in: ["--rate", "8000", "--raw", "-"]) == [.init(option: nil, value: "-")])
    }

    @Test func doubleDashEndsOptions() {
        #expect(
            scanner.entries(in: ["--", "--text", "-v"]) == [
                .init(option: nil, value: "--text"), .init(option: nil, value: "-v"),
            ])
    }
}

/// A command shaped like the encoder's: positional files, input options, value options and flags.
private struct SampleCommand: ParsableCommand {
    @Argument var inputs: [String] = []
    @Option var text: [String] = []
    @Option(name: .customLong("chunk-ms")) var chunkMilliseconds = 100
    @Option(name: .shortAndLong) var rate: Int?
    @Option var format: Format?
    @Flag var raw = false
    @Flag(name: .shortAndLong) var verbose: Int

    enum Format: String, ExpressibleByArgument, CaseIterable { case s16le, f32le }
}

@Suite struct ArgumentOrderFromHelpTests {
    @Test func everyValueOptionOfTheCommandIsKnownFromItsHelp() {
        let scanner = ArgumentOrder(command: SampleCommand.self, inputOptions: ["--text"])
        #expect(scanner.valueOptions == ["--chunk-ms", "-r", "--rate", "--format"])
    }

    @Test func theValueOfAnOptionDeclaredLaterIsNotReadAsAFile() {
        let scanner = ArgumentOrder(command: SampleCommand.self, inputOptions: ["--text"])
        let entries = scanner.entries(in: ["-r", "8000", "--format", "f32le", "--text", "t", "-v", "a.raw"])
        #expect(entries == [.init(option: "--text", value: "t"), .init(option: nil, value: "a.raw")])
    }
}
