/// `truth.csv` of a synthetic set: case, lung_ml, lesion_ml, involvement_pct, category.
public struct TruthTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var lungML: Double
        public var lesionML: Double
        public var involvementPercent: Double
        public var category: CTCategory

        public init(name: String, lungML: Double, lesionML: Double, involvementPercent: Double, category: CTCategory) {
            self.name = name
            self.lungML = lungML
            self.lesionML = lesionML
            self.involvementPercent = involvementPercent
            self.category = category
        }
    }

    public struct ParseError: Error, Sendable, Equatable {
        public struct Code: Sendable, Equatable {
            let raw: String
            public static let missingHeader = Code(raw: "missing_header")
            public static let badRow = Code(raw: "bad_row")
        }
        public var code: Code
        public var message: String
    }

    public static let header = "case,lung_ml,lesion_ml,involvement_pct,category"
    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    public init(csv: String) throws(ParseError) {
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        guard lines.first == Self.header else {
            throw ParseError(code: .missingHeader, message: "truth.csv first line is \(lines.first ?? "empty"), expected \(Self.header)")
        }
        rows = []
        for (number, line) in lines.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let lung = Double(fields[1]), let lesion = Double(fields[2]),
                  let involvement = Double(fields[3]), let category = CTCategory(label: fields[4]) else {
                throw ParseError(code: .badRow, message: "truth.csv line \(number + 2) is \(line)")
            }
            rows.append(Row(name: fields[0], lungML: lung, lesionML: lesion, involvementPercent: involvement, category: category))
        }
    }

    public var csv: String {
        ([Self.header] + rows.map { row in
            "\(row.name),\(JSONText.number(row.lungML, decimals: 2)),\(JSONText.number(row.lesionML, decimals: 2)),"
                + "\(JSONText.number(row.involvementPercent, decimals: 3)),\(row.category)"
        }).joined(separator: "\n") + "\n"
    }
}
