import CLibPQ
import Glibc

extension PostgresConnection {
    /// Sends one statement (extended protocol when `binds` is non-nil, simple protocol otherwise) and waits
    /// for its result on this thread, polling the socket so that a cancellation request reaches the server.
    /// Used while a connection is being set up and by connections without a reactor (the listener's).
    func runBlocking(sql: String, binds: [PostgresBind]?, cancel: CancelFlag) throws -> PostgresResult? {
        if cancel.isSet { throw Self.cancelledBeforeSending }
        try send(sql: sql, binds: binds)
        while PQflush(handle) == 1 {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLOUT | POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 50)
            guard PQconsumeInput(handle) == 1 else { throw connectionError() }
        }
        return try collectResults(cancel: cancel)
    }

    /// Queues the statement in libpq (non-blocking connections may still need `PQflush`).
    func send(sql: String, binds: [PostgresBind]?) throws {
        guard !sql.utf8.contains(0) else {
            throw PostgresError(code: .invalidParameter, message: "the SQL text contains a NUL byte")
        }
        if isBroken { throw PostgresError(code: .connectionLost, message: "the connection is closed") }
        let sent: Int32
        if let binds {
            sent = try Self.withLibpqParameters(binds) { count, types, values, lengths, formats in
                PQsendQueryParams(handle, sql, count, types, values, lengths, formats, 0)
            }
        } else {
            sent = PQsendQuery(handle, sql)
        }
        guard sent == 1 else { throw connectionError() }
    }

    private func collectResults(cancel: CancelFlag) throws -> PostgresResult? {
        let socket = PQsocket(handle)
        var cancelSent = false
        var collector = ResultCollector()
        defer { collector.discard() }
        while true {
            while PQisBusy(handle) == 1 {
                var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, 50)
                if cancel.isSet && !cancelSent {
                    sendCancel()
                    cancelSent = true
                }
                if ready < 0 && errno != EINTR { throw connectionError() }
                guard PQconsumeInput(handle) == 1 else { throw connectionError() }
            }
            guard let result = PQgetResult(handle) else { break }
            try collector.take(result, from: self)
        }
        return try collector.finish()
    }

    static let cancelledBeforeSending = PostgresError(
        code: .server, message: "canceling statement due to user request (the task was cancelled before it was sent)",
        sqlState: "57014")

    func connectionError() -> PostgresError {
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingNewlines()
        return PostgresError(code: .connectionLost, message: message.isEmpty ? "the connection to the server was lost" : message)
    }

    func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let sqlState = field("C")
        let lost = PQstatus(handle) != CONNECTION_OK
        let message = field("M") ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingNewlines()
        return PostgresError(
            code: lost && sqlState == nil ? .connectionLost : .server,
            message: message, sqlState: sqlState, detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"))
    }

    /// Lays out bound values as libpq wants them: parallel C arrays, text values NUL-terminated.
    static func withLibpqParameters<R>(
        _ binds: [PostgresBind],
        _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) throws -> R {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        buffers.reserveCapacity(binds.count)
        defer { buffers.forEach { $0?.deallocate() } }
        for (index, bind) in binds.enumerated() {
            guard let bytes = bind.bytes else {
                buffers.append(nil)
                continue
            }
            if bind.format == .text && bytes.contains(0) {
                throw PostgresError(
                    code: .invalidParameter,
                    message: "parameter $\(index + 1) contains a NUL byte, which PostgreSQL text cannot store")
            }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress ?? UnsafeRawPointer(buffer), byteCount: raw.count)
            }
            buffer[bytes.count] = 0
            buffers.append(buffer)
        }
        let types = binds.map(\.typeOID)
        let lengths = binds.map { Int32(clamping: $0.bytes?.count ?? 0) }
        let formats = binds.map(\.format.rawValue)
        let values: [UnsafePointer<CChar>?] = buffers.map { $0.map { UnsafePointer($0) } }
        return types.withUnsafeBufferPointer { t in
            values.withUnsafeBufferPointer { v in
                lengths.withUnsafeBufferPointer { l in
                    formats.withUnsafeBufferPointer { f in
                        body(Int32(binds.count), t.baseAddress, v.baseAddress, l.baseAddress, f.baseAddress)
                    }
                }
            }
        }
    }
}
