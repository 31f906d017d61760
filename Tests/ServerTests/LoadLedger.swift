import Foundation
import Synchronization

/// What the HTTP clients of a fault test were told, shared between their tasks: every acknowledged (2xx) request
/// with what is needed to find it in the database afterwards, and every refusal.
final class LoadLedger: Sendable {
    enum Kind: String, Sendable, CaseIterable {
        case upload, vitals, claim, reading
    }

    struct Claim: Sendable, Hashable {
        var study: String
        var radiologist: String
        var port: Int
    }

    struct Reading: Sendable, Hashable {
        var study: String
        var radiologist: String
    }

    struct Vitals: Sendable, Hashable {
        var study: String
        /// The writer's entry number, which fixes its values (`FaultClients.vitalsValues`).
        var entry: Int
    }

    struct State: Sendable {
        var uploads: [String] = []
        var vitals: [Vitals] = []
        var claims: [Claim] = []
        var readings: [Reading] = []
        /// 503 with Retry-After, as the API promises while the database is away.
        var unavailable = 0
        var unavailableWithoutRetryAfter = 0
        /// No HTTP answer at all: the daemon was gone.
        var noAnswer = 0
        var unexpected: [String] = []
        /// Bumped by the test at each fault; `acknowledged[phase]` says which kinds succeeded since.
        var phase = 0
        var acknowledged: [Int: Set<Kind>] = [:]
    }

    private let state = Mutex(State())
    private let stopFlag = Atomic<Bool>(false)

    var isStopped: Bool { stopFlag.load(ordering: .acquiring) }
    func stop() { stopFlag.store(true, ordering: .releasing) }

    var snapshot: State { state.withLock { $0 } }

    /// Starts a new phase (after a fault) and returns its number.
    func nextPhase() -> Int {
        state.withLock { state in
            state.phase += 1
            return state.phase
        }
    }

    /// True once every kind in `kinds` was acknowledged during `phase`.
    func acknowledged(_ kinds: Set<Kind>, in phase: Int) -> Bool {
        state.withLock { kinds.isSubset(of: $0.acknowledged[phase] ?? []) }
    }

    func record(_ kind: Kind, _ update: (inout State) -> Void = { _ in }) {
        state.withLock { state in
            update(&state)
            state.acknowledged[state.phase, default: []].insert(kind)
        }
    }

    /// Counts a reply that was not a success: 503 (with or without Retry-After), no answer, or anything else
    /// (kept with its body for the failure message). `expected` statuses are the caller's normal outcomes.
    func refused(_ reply: DaemonClient.Reply?, _ what: String, expected: Set<Int> = []) {
        state.withLock { state in
            guard let reply else {
                state.noAnswer += 1
                return
            }
            if expected.contains(reply.status) { return }
            if reply.status == 503 {
                if reply.retryAfter == nil { state.unavailableWithoutRetryAfter += 1 } else { state.unavailable += 1 }
            } else {
                state.unexpected.append("\(what): \(reply.status) \(reply.text.prefix(300))")
            }
        }
    }
}
