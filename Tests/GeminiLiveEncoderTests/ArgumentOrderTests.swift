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
