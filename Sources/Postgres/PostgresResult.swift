import CLibPQ

/// Owns a libpq `PGresult` and frees it when the last reference goes.
///
/// Sendable: a `PGresult` is never modified after libpq returns it, and libpq documents results as safe to
/// read from any thread; the only mutation, `PQclear`, happens in `deinit` when no reference remains.
final class PostgresResult: Sendable {
    nonisolated(unsafe) let handle: OpaquePointer
    let columnNames: [String]
    let columnTypes: [UInt32]
    let rowCount: Int
    let affectedRows: Int

    init(handle: OpaquePointer) {
        self.handle = handle
        let columns = Int(PQnfields(handle))
        columnNames = (0..<columns).map { String(cString: PQfname(handle, Int32($0))) }
        columnTypes = (0..<columns).map { UInt32(PQftype(handle, Int32($0))) }
        rowCount = Int(PQntuples(handle))
        affectedRows = Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    deinit { PQclear(handle) }

    func cell(row: Int, column: Int) -> PostgresCell {
        let r = Int32(row), c = Int32(column)
        let bytes: UnsafeRawBufferPointer?
        if PQgetisnull(handle, r, c) != 0 {
            bytes = nil
        } else {
            let length = Int(PQgetlength(handle, r, c))
            bytes = UnsafeRawBufferPointer(start: PQgetvalue(handle, r, c), count: length)
        }
        return PostgresCell(bytes: bytes, typeOID: columnTypes[column], column: columnNames[column])
    }
}
