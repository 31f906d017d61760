/// The rows a statement returned, decoded on access.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult?

    init(result: PostgresResult?) { self.result = result }

    public var startIndex: Int { 0 }
    public var endIndex: Int { result?.rowCount ?? 0 }
    /// Rows inserted, updated or deleted (the command tag's count).
    public var affectedRows: Int { result?.affectedRows ?? 0 }
    public var columnNames: [String] { result?.columnNames ?? [] }

    public subscript(position: Int) -> PostgresRow {
        precondition(result != nil && position < endIndex, "row index out of range")
        return PostgresRow(result: result!, index: position)
    }

    /// The single row of a statement expected to return at most one.
    public var first: PostgresRow? { isEmpty ? nil : self[0] }
}

/// One result row.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    public let index: Int

    public var columnCount: Int { result.columnCount }

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard column >= 0, column < columnCount else {
            throw PostgresError(code: .decoding, message: "column index \(column) out of range (row has \(columnCount))")
        }
        return try T.decode(from: result.cell(row: index, column: column))
    }

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let column = result.columnIndex(named: name) else {
            throw PostgresError(code: .decoding, message: "no column named \"\(name)\" in the result")
        }
        return try T.decode(from: result.cell(row: index, column: column))
    }

    /// Decodes the leading columns, in order, into a tuple: `try row.decode((Int, String).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<V: PostgresDecodable>(_ type: V.Type) throws -> V {
            defer { column += 1 }
            return try decode(V.self, at: column)
        }
        return (repeat try next((each T).self))
    }
}
