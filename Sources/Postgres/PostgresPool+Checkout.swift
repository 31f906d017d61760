import Logging

extension PostgresPool {
    private enum Step {
        case reuse(PostgresConnection)
        case open
        case wait(Int)
        case closed
    }

    func checkout() async throws -> PostgresConnection {
        let deadline = ContinuousClock.now.advanced(by: configuration.checkoutTimeout)
        while true {
            try Task.checkCancellation()
            let step = state.withLock { state -> Step in
                if state.closed { return .closed }
                if let connection = state.idle.popLast() { return .reuse(connection) }
                if state.open < configuration.maxConnections {
                    state.open += 1
                    return .open
                }
                state.nextWaiterID += 1
                return .wait(state.nextWaiterID)
            }
            switch step {
            case .closed:
                throw PostgresError(code: .poolClosed, message: "the connection pool was closed")
            case .reuse(let connection):
                if connection.isHealthy { return connection }
                logger.debug("discarding an unhealthy pooled connection")
                discard(connection)
            case .open:
                return try await openWithBackoff(until: deadline)
            case .wait(let id):
                switch try await waitForGrant(id: id, deadline: deadline) {
                case .connection(let connection):
                    if connection.isHealthy { return connection }
                    discard(connection)
                case .slot:
                    return try await openWithBackoff(until: deadline)
                }
            }
        }
    }

    /// Opens a connection for a slot already counted in `open`; gives the slot back on failure.
    private func openWithBackoff(until deadline: ContinuousClock.Instant) async throws -> PostgresConnection {
        var delay = Duration.milliseconds(50)
        while true {
            do {
                return try await PostgresConnection.connect(configuration: configuration, threadPool: threadPool, reactor: reactor)
            } catch let error as PostgresError where error.code == .connectionFailed {
                let now = ContinuousClock.now
                if now.advanced(by: delay) >= deadline || Task.isCancelled {
                    giveBackSlot()
                    throw error
                }
                logger.warning("cannot connect to PostgreSQL, retrying", metadata: ["retry_in": "\(delay)", "error": "\(error.message)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(1))
            } catch {
                giveBackSlot()
                throw error
            }
        }
    }

    private func waitForGrant(id: Int, deadline: ContinuousClock.Instant) async throws -> Grant {
        let timeout = Task { [weak self] in
            try await Task.sleep(until: deadline, clock: .continuous)
            self?.failWaiter(id: id, with: self?.timeoutError() ?? CancellationError())
        }
        defer { timeout.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let registered = state.withLock { state -> Bool in
                    if state.closed { return false }
                    state.waiters.append((id, continuation))
                    return true
                }
                if !registered {
                    continuation.resume(throwing: PostgresError(code: .poolClosed, message: "the connection pool was closed"))
                }
            }
        } onCancel: {
            failWaiter(id: id, with: CancellationError())
        }
    }

    private func timeoutError() -> PostgresError {
        PostgresError(
            code: .poolTimeout,
            message: "no database connection became free within \(configuration.checkoutTimeout) "
                + "(all \(configuration.maxConnections) in use)")
    }

    private func failWaiter(id: Int, with error: any Error) {
        let continuation = state.withLock { state -> CheckedContinuation<Grant, any Error>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index).continuation
        }
        continuation?.resume(throwing: error)
    }

    /// Takes a connection back: hands it to the first waiter, or keeps it idle, or closes it if unusable.
    func release(_ connection: PostgresConnection) {
        guard !connection.isBroken, connection.isIdle else {
            discard(connection)
            return
        }
        let waiter = state.withLock { state -> CheckedContinuation<Grant, any Error>? in
            if state.closed { return nil }
            if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
            state.idle.append(connection)
            return nil
        }
        if let waiter {
            waiter.resume(returning: .connection(connection))
        } else if state.withLock({ $0.closed }) {
            discard(connection)
        }
    }

    /// Closes a connection and frees its slot, passing the slot to a waiter if there is one.
    func discard(_ connection: PostgresConnection) {
        threadPool.submit { _ in connection.closeBlocking() }
        giveBackSlot()
    }

    private func giveBackSlot() {
        let waiter = state.withLock { state -> CheckedContinuation<Grant, any Error>? in
            if !state.waiters.isEmpty {
                return state.waiters.removeFirst().continuation
            }
            state.open -= 1
            return nil
        }
        waiter?.resume(returning: .slot)
    }
}
