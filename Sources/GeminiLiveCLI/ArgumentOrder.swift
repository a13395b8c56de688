import ArgumentParser

/// Recovers the command-line order of inputs that ArgumentParser stores in separate arrays.
///
/// `gemini-live-encode --text "Describe this" photo.jpg --text "and this" b.png` must emit
/// its messages in that order, but a parser gives back one array per option. This scans argv
/// again, knowing which options take a value, and reports each input with its kind. Which options
/// take a value is read from the command's own help (`init(command:inputOptions:)`), so the scan
/// cannot fall out of step with the declarations.
public struct ArgumentOrder: Sendable {
    /// One input as it stood on the command line.
    public struct Entry: Equatable, Sendable {
        /// The option that introduced the value, or nil for a positional argument.
        public var option: String?
        /// The value itself.
        public var value: String

        /// Creates an entry.
        public init(option: String?, value: String) {
            self.option = option
            self.value = value
        }
    }

    /// Options whose values are inputs to keep in order, spelled with dashes (`--text`).
    public var inputOptions: Set<String>
    /// Every other option that consumes a value (`--chunk-ms`), so its value is not taken for a file.
    public var valueOptions: Set<String>

    /// Creates a scanner.
    public init(inputOptions: Set<String>, valueOptions: Set<String>) {
        self.inputOptions = inputOptions
        self.valueOptions = valueOptions
    }

    /// A scanner for `command`: every option its help shows with a `<value>` that is not an input option
    /// is a value option.
    public init(command: any ParsableArguments.Type, inputOptions: Set<String>) {
        // Wide enough that no option line is wrapped.
        let help = command.helpMessage(columns: 10_000)
        self.init(inputOptions: inputOptions, valueOptions: Self.valueOptions(inHelp: help).subtracting(inputOptions))
    }

    /// The option names (`--rate`, `-r`) that take a value, from a help text's option lines.
    ///
    /// An option line starts with its names, comma-separated, and a value-taking option's names are followed
    /// by `<value>`: `  -r, --rate <rate>   Sample rate`. Flags (`--raw`, `-v, --verbose`) have none.
    public static func valueOptions(inHelp help: String) -> Set<String> {
        var names: Set<String> = []
        for line in help.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first, first.hasPrefix("-") else { continue }
            var optionNames: [String] = []
            var takesValue = false
            for word in words {
                if word.hasPrefix("<") {
                    takesValue = true
                    break
                }
                guard word.hasPrefix("-") else { break }
                optionNames.append(String(word.hasSuffix(",") ? word.dropLast() : word))
            }
            if takesValue { names.formUnion(optionNames) }
        }
        return names
    }

    /// The inputs in argv order. `arguments` excludes the program name.
    public func entries(in arguments: [String]) -> [Entry] {
        var result: [Entry] = []
        var index = 0
        var afterTerminator = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if afterTerminator || argument == "-" || !argument.hasPrefix("-") {
                result.append(Entry(option: nil, value: argument))
                continue
            }
            if argument == "--" {
                afterTerminator = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            let isInput = inputOptions.contains(name)
            guard isInput || valueOptions.contains(name) else { continue }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                continue
            }
            if isInput { result.append(Entry(option: name, value: value)) }
        }
        return result
    }
}
