import CLibPQ

/// Accumulates the results libpq returns for one statement: keeps the last successful one and the first
/// error, as psql does for a multi-statement script.
struct ResultCollector {
    private var kept: OpaquePointer?
    private var firstError: PostgresError?

    mutating func take(_ result: OpaquePointer, from connection: PostgresConnection) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            if let previous = kept { PQclear(previous) }
            kept = result
        case PGRES_FATAL_ERROR:
            if firstError == nil { firstError = connection.serverError(result) }
            PQclear(result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(result)
            throw PostgresError(code: .invalidParameter, message: "COPY is not supported by this client")
        default:
            PQclear(result)
        }
    }

    /// The statement's result (nil when it returned none), or its first error.
    mutating func finish() throws -> PostgresResult? {
        if let firstError {
            discard()
            throw firstError
        }
        guard let result = kept else { return nil }
        kept = nil
        return PostgresResult(handle: result)
    }

    mutating func discard() {
        if let kept { PQclear(kept) }
        kept = nil
    }
}
