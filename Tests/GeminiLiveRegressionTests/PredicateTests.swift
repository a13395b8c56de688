import GeminiLiveProtocol
import GeminiLiveRegression
import Testing

@Suite struct PredicateTests {
    @Test func equalsComparesAsJSONWithNumbersByValue() {
        #expect(Predicate.equals("It is sunny.").evaluate("It is sunny."))
        #expect(!Predicate.equals("It is sunny.").evaluate("It is sunny"))
        #expect(Predicate.equals(2).evaluate(2.0))
        #expect(!Predicate.equals(2).evaluate("2"))
        #expect(Predicate.equals(true).evaluate(true))
        #expect(!Predicate.equals(true).evaluate(false))
        #expect(Predicate.equals(["a", "b"]).evaluate(["a", "b"]))
        #expect(!Predicate.equals(true).evaluate(nil))
    }

    @Test func containsFindsSubstringsAndListElements() {
        #expect(Predicate.contains("weather").evaluate("what is the weather"))
        #expect(!Predicate.contains("Weather").evaluate("what is the weather"))
        #expect(Predicate.contains("toolCall").evaluate(["serverContent", "toolCall"]))
        #expect(!Predicate.contains("tool").evaluate(["serverContent", "toolCall"]))
        #expect(!Predicate.contains("1").evaluate(1))
        #expect(!Predicate.contains("x").evaluate(nil))
    }

    @Test func icontainsIgnoresCase() {
        #expect(Predicate.containsIgnoringCase("sunny").evaluate("It is SUNNY today"))
        #expect(Predicate.containsIgnoringCase("ÉTÉ").evaluate("un été chaud"))
        #expect(!Predicate.containsIgnoringCase("rain").evaluate("It is sunny"))
        #expect(!Predicate.containsIgnoringCase("x").evaluate(["x"]))
    }

    @Test func matchesSearchesForTheRegex() {
        #expect(Predicate.matches(#"^It (is|was) \w+"#).evaluate("It was cold"))
        #expect(!Predicate.matches(#"^It (is|was) \w+"#).evaluate("Now it is cold"))
        #expect(Predicate.matches(#"\d{2} ?°"#).evaluate("about 21 °C"))
        #expect(!Predicate.matches("a(").evaluate("a("))
        #expect(!Predicate.matches(".").evaluate(3))
    }

    @Test func notContainsPassesWhenAbsent() {
        #expect(Predicate.notContains("rain").evaluate("sunny"))
        #expect(!Predicate.notContains("sun").evaluate("sunny"))
        #expect(!Predicate.notContains("interrupted").evaluate(["interrupted"]))
        #expect(Predicate.notContains("rain").evaluate(nil))
    }

    @Test func comparisonsAreStrictOrInclusiveAsNamed() {
        #expect(Predicate.lessThan(2500).evaluate(2499.999))
        #expect(!Predicate.lessThan(2500).evaluate(2500))
        #expect(Predicate.atMost(2500).evaluate(2500))
        #expect(!Predicate.atMost(2500).evaluate(2500.001))
        #expect(Predicate.greaterThan(0).evaluate(1))
        #expect(!Predicate.greaterThan(0).evaluate(0))
        #expect(Predicate.atLeast(0.9).evaluate(0.9))
        #expect(!Predicate.atLeast(0.9).evaluate(0.899))
        #expect(!Predicate.lessThan(1).evaluate("0"))
        #expect(!Predicate.lessThan(1).evaluate(nil))
    }

    @Test func betweenIsClosed() {
        #expect(Predicate.between(1000, 2000).evaluate(1000))
        #expect(Predicate.between(1000, 2000).evaluate(2000))
        #expect(Predicate.between(1000, 2000).evaluate(1500.5))
        #expect(!Predicate.between(1000, 2000).evaluate(999.9))
        #expect(!Predicate.between(1000, 2000).evaluate(2000.1))
        #expect(!Predicate.between(1000, 2000).evaluate(nil))
    }

    @Test func existsAsksForPresence() {
        #expect(Predicate.exists(true).evaluate(""))
        #expect(Predicate.exists(true).evaluate(0))
        #expect(!Predicate.exists(true).evaluate(nil))
        #expect(Predicate.exists(false).evaluate(nil))
        #expect(!Predicate.exists(false).evaluate(1000))
    }

    @Test func subsequenceAllowsOthersInBetweenButKeepsOrder() {
        let events: JSONValue = ["serverContent", "toolCall", "serverContent", "serverContent", "turnComplete"]
        #expect(Predicate.subsequence(["toolCall", "turnComplete"]).evaluate(events))
        #expect(Predicate.subsequence(["serverContent", "serverContent", "serverContent"]).evaluate(events))
        #expect(Predicate.subsequence([]).evaluate(events))
        #expect(!Predicate.subsequence(["turnComplete", "toolCall"]).evaluate(events))
        #expect(
            !Predicate.subsequence(["serverContent", "serverContent", "serverContent", "serverContent"]).evaluate(
                events))
        #expect(!Predicate.subsequence(["a"]).evaluate("a"))
    }

    @Test func callMatchesANameAndAnArgumentSubset() {
        let calls: JSONValue = [
            ["name": "get_time", "args": ["zone": "CET"]],
            ["name": "get_weather", "args": ["city": "Paris", "days": 3, "units": ["t": "c", "w": "kmh"]]],
        ]
        #expect(Predicate.call(name: "get_weather", arguments: ["city": "Paris"]).evaluate(calls))
        #expect(Predicate.call(name: "get_weather", arguments: ["units": ["t": "c"], "days": 3.0]).evaluate(calls))
        #expect(Predicate.call(name: "get_weather", arguments: nil).evaluate(calls))
        #expect(Predicate.call(name: nil, arguments: ["zone": "CET"]).evaluate(calls))
        #expect(!Predicate.call(name: "get_weather", arguments: ["city": "London"]).evaluate(calls))
        #expect(!Predicate.call(name: "get_weather", arguments: ["zone": "CET"]).evaluate(calls))
        #expect(!Predicate.call(name: "get_news", arguments: nil).evaluate(calls))
        #expect(!Predicate.call(name: "get_time", arguments: nil).evaluate([]))
        #expect(!Predicate.call(name: "get_time", arguments: nil).evaluate(nil))
        #expect(Predicate.call(name: "f", arguments: [:]).evaluate([["name": "f"]]))
    }

    @Test func argumentSubsetRules() {
        let actual: JSONValue = ["a": 1, "list": [["x": 1, "y": 2], 3], "nested": ["b": ["c": "d", "e": nil]]]
        #expect(JSONValue.object([:]).isSubset(of: actual))
        #expect((["nested": ["b": ["c": "d"]]] as JSONValue).isSubset(of: actual))
        #expect((["list": [["x": 1], 3]] as JSONValue).isSubset(of: actual))
        #expect(!(["list": [["x": 1]]] as JSONValue).isSubset(of: actual))
        #expect(!(["missing": nil] as JSONValue).isSubset(of: actual))
        #expect((["nested": ["b": ["e": nil]]] as JSONValue).isSubset(of: actual))
        #expect(!(["a": "1"] as JSONValue).isSubset(of: actual))
        #expect(!(["a": 1] as JSONValue).isSubset(of: [1]))
    }

    @Test func descriptionsReadAsWritten() {
        #expect(Predicate.equals("x").description == #"equals "x""#)
        #expect(Predicate.containsIgnoringCase("sunny").description == #"icontains "sunny""#)
        #expect(Predicate.lessThan(2500).description == "lt 2500")
        #expect(Predicate.atLeast(0.5).description == "ge 0.5")
        #expect(Predicate.between(1, 2.5).description == "between 1 and 2.5")
        #expect(Predicate.subsequence(["a", "b"]).description == #"subsequence ["a","b"]"#)
        #expect(
            Predicate.call(name: "f", arguments: ["a": 1]).description == #"call f with arguments containing {"a":1}"#)
        #expect(Predicate.exists(false).description == "exists false")
    }
}
