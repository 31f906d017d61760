import Foundation
@testable import Store
import Testing

@Suite("Statistics export formatting")
struct StatsFormatTests {
    @Test("RFC 4180: quoted only when needed, quotes doubled, CRLF after every line", arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""), ("cr\rlf\r\n", "\"cr\rlf\r\n\""),
    ])
    func field(text: String, expected: String) {
        #expect(StatsFormat.field(text) == expected)
    }

    @Test("a table")
    func table() {
        #expect(StatsFormat.csv(header: ["a", "b"], rows: [["1", "x,y"], ["", "2"]]) == "a,b\r\n1,\"x,y\"\r\n,2\r\n")
    }

    @Test("numbers: whole without a point, others exact", arguments: [(90.0, "90"), (0.0, "0"), (-3.0, "-3"), (0.75, "0.75"), (178.8, "178.8")])
    func number(value: Double, expected: String) {
        #expect(StatsFormat.number(value) == expected)
    }
}
