import Testing

@testable import GeminiLiveProtocol

struct JSONParserTests {
    @Test func parsesPrettyPrintedServerOutput() throws {
        let text = """
            {
              "serverContent": {
                "modelTurn": {
                  "parts": [
                    {
                      "inlineData": {
                        "mimeType": "audio/pcm;rate=24000",
                        "data": "AAECAw=="
                      }
                    }
                  ]
                }
              }
            }

            """
        let value = try JSONParser.parse(text)
        #expect(value["serverContent"]?["modelTurn"]?["parts"]?[0]?["inlineData"]?["data"] == "AAECAw==")
        #expect(
            value.description
                == #"{"serverContent":{"modelTurn":{"parts":[{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AAECAw=="}}]}}}"#
        )
    }

    @Test func keepsKeyOrderAndNumberText() throws {
        let text = #"{"z":1,"a":[1.50,-0,1e-7,12345678901234567890],"m":null,"b":true,"c":false}"#
        let value = try JSONParser.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "b", "c"])
        #expect(String(decoding: value.compactBytes, as: UTF8.self) == text)
        #expect(value["a"]?[0]?.doubleValue == 1.5)
        #expect(value["z"]?.intValue == 1)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\r\t\b\f\u00e9\ud83d\ude00 é 😀""#)
        #expect(value == .string("a\"b\\c/d\n\r\t\u{8}\u{c}é😀 é 😀"))
    }

    @Test func writerEscapesOnlyWhatJSONRequires() {
        let value: JSONValue = ["k/\"": "é/\u{1}\n\t\\😀"]
        #expect(String(decoding: value.compactBytes, as: UTF8.self) == #"{"k/\"":"é/\u0001\n\t\\😀"}"#)
    }

    @Test func writerOutputParsesBack() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", nil, true, ["b": []]], "c": [:]]
        #expect(try JSONParser.parse(value.compactBytes) == value)
    }

    static let malformed: [(String, String)] = [
        ("", "unexpected end of input at offset 0"),
        ("{", "unexpected end of input at offset 1"),
        (#"{"a" 1}"#, "expected ':' after object key at offset 5"),
        (#"{"a":1,}"#, "trailing comma in object at offset 7"),
        ("[1,2,]", "trailing comma in array at offset 5"),
        ("[1 2]", "expected ',' or ']' in array, found '2' at offset 3"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}' in object, found '\"' at offset 7"),
        ("{a:1}", "expected a string key in object, found 'a' at offset 1"),
        (#""abc"#, "unterminated string at offset 4"),
        ("\"a\nb\"", "control character in string at offset 2"),
        ("// c\n{}", "unexpected '/' at offset 0"),
        ("NaN", "unexpected 'N' at offset 0"),
        ("[Infinity]", "unexpected 'I' at offset 1"),
        ("01", "leading zero in number at offset 1"),
        ("1.", "unexpected end of input at offset 2"),
        ("-", "unexpected end of input at offset 1"),
        ("1.e5", "invalid number at offset 2"),
        ("tru", "unexpected end of input at offset 3"),
        ("trux", "unexpected 't' at offset 0"),
        (#""\ud83d""#, "lone surrogate in \\u escape at offset 1"),
        (#""\ude00x""#, "lone surrogate in \\u escape at offset 1"),
        (#""\x""#, "invalid escape '\\x' in string at offset 2"),
        (#""\u12G4""#, "invalid hex digit in \\u escape at offset 5"),
        ("{} {}", "unexpected '{' after the JSON value at offset 3"),
        ("\u{feff}{}", "unexpected byte 0xEF at offset 0"),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedInput(input: String, expected: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError(offset: 1, message: "invalid UTF-8 in string")) { try JSONParser.parse(bytes) }
    }

    @Test func limitsNestingDepth() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(ok)
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError(offset: 512, message: "nesting deeper than 512 levels")) {
            try JSONParser.parse(deep)
        }
    }

    @Test func longStringsCrossWordBoundaries() throws {
        for length in 0..<40 {
            let body = String(repeating: "a", count: length)
            #expect(try JSONParser.parse("\"\(body)\"") == .string(body))
            #expect(try JSONParser.parse("\"\(body)é\(body)\\n\"") == .string("\(body)é\(body)\n"))
        }
    }

    @Test func numbersCompareByValue() {
        #expect(JSONNumber(1) == JSONNumber(text: "1.0"))
        #expect(JSONNumber(text: "1e2")?.int == 100)
        #expect(JSONNumber(text: "01") == nil)
        #expect(JSONNumber(0.1).text == "0.1")
        #expect(JSONNumber(Double.nan).text == "null")
    }

    @Test func objectEditing() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["c"] = 3
        object["a"] = nil
        object["b"] = "x"
        #expect(object.keys == ["b", "c"])
        #expect(object.removeValue(forKey: "c") == 3)
        #expect(object.map(\.key) == ["b"])
    }
}
