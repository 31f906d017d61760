import RequestBodies
import Testing

@Suite("URL-encoded forms")
struct URLEncodedFormTests {
    @Test("plus is a space, percent escapes are UTF-8 bytes, repeated names keep the last, bare names are empty")
    func parses() {
        let form = URLEncodedForm(parsing: "name=rad.one&findings=bilateral+GGO%2C+50%25&x=1&x=2&flag&city=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0")
        #expect(form.fields == ["name": "rad.one", "findings": "bilateral GGO, 50%", "x": "2", "flag": "", "city": "Москва"])
    }

    @Test("broken escapes drop a name or empty a value, never crash", arguments: ["a=%", "a=%G1", "a=%C3", "%FF=1", "=", "&&&"])
    func brokenEscapes(_ text: String) {
        let form = URLEncodedForm(parsing: text)
        #expect(form.fields.values.allSatisfy { $0.isEmpty })
    }
}
