import Foundation

/// One flat row of a statistics report: ordered (column, value) pairs. The CSV export and the JSON encoding
/// both come from these rows, so a CSV column and the JSON key for the same value always have the same name.
struct ReportRow: Sendable, Encodable {
    enum Value: Sendable {
        case text(String?)
        case integer(Int)
        /// A measured value; nil (no data, or undefined) is JSON null and an empty CSV field.
        case number(Double?)
        case flag(Bool?)
    }

    private(set) var cells: [(column: String, value: Value)] = []

    init(_ cells: [(String, Value)] = []) {
        self.cells = cells.map { (column: $0.0, value: $0.1) }
    }

    mutating func append(_ column: String, _ value: Value) { cells.append((column, value)) }

    var columns: [String] { cells.map(\.column) }

    var csvFields: [String] { cells.map { ReportRow.csvText($0.value) } }

    var csvByColumn: [String: String] { Dictionary(uniqueKeysWithValues: zip(columns, csvFields)) }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (column, value) in cells {
            let key = Key(stringValue: column)
            switch value {
            case .text(let text): try container.encode(text, forKey: key)
            case .integer(let number): try container.encode(number, forKey: key)
            case .number(let number): try container.encode(number, forKey: key)
            case .flag(let flag): try container.encode(flag, forKey: key)
            }
        }
    }

    private static func csvText(_ value: Value) -> String {
        switch value {
        case .text(let text): return text ?? ""
        case .integer(let number): return String(number)
        case .number(let number): return number.map(StatsFormat.number) ?? ""
        case .flag(let flag): return flag.map { $0 ? "true" : "false" } ?? ""
        }
    }
}
