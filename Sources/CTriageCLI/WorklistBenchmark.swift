import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// Drives a running server over HTTP the way radiologists do: claim + sign cycles, and worklist pages.
struct WorklistBenchmark {
    let port: Int
    let seconds: Int

    struct Latencies {
        var count: Int
        var samples: [Double]

        func percentile(_ p: Double) -> Double {
            guard !samples.isEmpty else { return .nan }
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
    }

    /// Claim + sign cycles per second with one keep-alive connection per radiologist.
    func claimAndSign(tokens: [String]) async throws -> Double {
        let started = ContinuousClock.now
        let deadline = started.advanced(by: .seconds(seconds))
        let cycles = try await withThrowingTaskGroup(of: Int.self) { group in
            for token in tokens {
                group.addTask {
                    try await withClient { client in
                        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                        var done = 0
                        while ContinuousClock.now < deadline {
                            let claim = try await client.post("/api/v1/worklist/claim", headers: auth, body: ByteBuffer())
                            guard claim.status == .ok else { throw BenchmarkError(message: "claim answered \(claim.status)") }
                            let body = try JSONSerialization.jsonObject(with: Data(buffer: claim.body ?? ByteBuffer())) as? [String: Any] ?? [:]
                            guard let study = body["study_id"] as? String, let lease = body["lease_token"] as? String else {
                                throw BenchmarkError(message: "claim body without study_id/lease_token")
                            }
                            let reading = ByteBuffer(string: #"{"lease_token":"\#(lease)","category":"CT-2","findings":"benchmark"}"#)
                            let signed = try await client.post("/api/v1/studies/\(study)/readings", headers: auth, body: reading)
                            guard signed.status == .created else {
                                throw BenchmarkError(message: "sign answered \(signed.status): \(String(buffer: signed.body ?? ByteBuffer()))")
                            }
                            done += 1
                        }
                        return done
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(cycles) / (ContinuousClock.now - started).seconds
    }

    /// Latency of `GET /api/v1/worklist` (first page, 50 items) with `tokens.count` concurrent readers. With
    /// `interval` nil each reader asks again as soon as it has its page (saturation); otherwise each reader asks
    /// once per interval, starting at a random offset, as open worklist screens refreshing do.
    func worklistPages(tokens: [String], interval: Duration? = nil) async throws -> (latencies: Latencies, rate: Double) {
        let started = ContinuousClock.now
        let deadline = started.advanced(by: .seconds(seconds))
        let samples = try await withThrowingTaskGroup(of: [Double].self) { group in
            for token in tokens {
                group.addTask {
                    try await withClient { client in
                        var samples: [Double] = []
                        var next = ContinuousClock.now
                        if let interval { next = next.advanced(by: interval * Double.random(in: 0..<1)) }
                        while ContinuousClock.now < deadline {
                            if let interval {
                                try await Task.sleep(until: next)
                                next = next.advanced(by: interval)
                            }
                            let sent = ContinuousClock.now
                            let page = try await client.get("/api/v1/worklist?limit=50", headers: [.authorization: "Bearer \(token)"])
                            guard page.status == .ok else { throw BenchmarkError(message: "worklist answered \(page.status)") }
                            samples.append((ContinuousClock.now - sent).seconds * 1000)
                        }
                        return samples
                    }
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        return (Latencies(count: samples.count, samples: samples), Double(samples.count) / (ContinuousClock.now - started).seconds)
    }

    private func withClient<T: Sendable>(_ body: (TestClient) async throws -> T) async throws -> T {
        try await BenchHTTPClient.with(port: port, body)
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
