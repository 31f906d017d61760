import CLibPQ

/// Owns a libpq `PGresult` and frees it when the last reference goes. Column metadata is read from the
/// result on demand: most statements are decoded by position and never need names.
///
/// Sendable: a `PGresult` is never modified after libpq returns it, and libpq documents results as safe to
/// read from any thread; the only mutation, `PQclear`, happens in `deinit` when no reference remains.
final class PostgresResult: Sendable {
    nonisolated(unsafe) let handle: OpaquePointer
    let rowCount: Int
    let columnCount: Int

    init(handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        columnCount = Int(PQnfields(handle))
    }

    deinit { PQclear(handle) }

    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    var columnNames: [String] { (0..<columnCount).map(columnName) }

    func columnName(_ column: Int) -> String { String(cString: PQfname(handle, Int32(column))) }

    func columnIndex(named name: String) -> Int? {
        let index = Int(PQfnumber(handle, "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""))
        return index >= 0 ? index : nil
    }

    func cell(row: Int, column: Int) -> PostgresCell {
        let r = Int32(row), c = Int32(column)
        let bytes: UnsafeRawBufferPointer?
        if PQgetisnull(handle, r, c) != 0 {
            bytes = nil
        } else {
            bytes = UnsafeRawBufferPointer(start: PQgetvalue(handle, r, c), count: Int(PQgetlength(handle, r, c)))
        }
        return PostgresCell(bytes: bytes, typeOID: UInt32(PQftype(handle, c)), result: self, columnIndex: column)
    }
}
