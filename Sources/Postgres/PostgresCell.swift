/// One value of a result row, valid only while its row is being decoded.
public struct PostgresCell {
    /// The value's text-format bytes, nil for SQL NULL.
    public let bytes: UnsafeRawBufferPointer?
    public let typeOID: UInt32
    let result: PostgresResult
    let columnIndex: Int

    /// The column's name, for error messages.
    public var column: String { result.columnName(columnIndex) }

    public var isNull: Bool { bytes == nil }

    public func requireBytes() throws -> UnsafeRawBufferPointer {
        guard let bytes else { throw decodingError("is NULL") }
        return bytes
    }

    public func text() throws -> Substring {
        let bytes = try requireBytes()
        return Substring(decoding: bytes, as: UTF8.self)
    }

    public func decodingError(_ problem: String) -> PostgresError {
        PostgresError(code: .decoding, message: "column \"\(column)\" (type OID \(typeOID)) \(problem)")
    }
}
