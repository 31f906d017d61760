import Hummingbird
import Metrics
import Postgres
import Prometheus

/// `GET /metrics` in the Prometheus text format.
struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    let pool: PostgresPool

    func register(with router: Router<some RequestContext>) {
        let openConnections = Gauge(label: "ctriage_db_pool_open_connections")
        router.get("metrics") { _, _ -> Response in
            openConnections.record(pool.openConnections)
            try? await recordQueue()
            var buffer: [UInt8] = []
            buffer.reserveCapacity(8192)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    /// Queue depth per tier, the oldest waiting study and job states, read at scrape time so that several
    /// daemons on one database all report the same truth.
    private func recordQueue() async throws {
        var open = Dictionary(uniqueKeysWithValues: (0...5).map { ("P\($0)", (0, 0.0)) })
        for row in try await pool.query("""
            SELECT tier, count(*), coalesce(extract(epoch FROM now() - min(arrival_at)), 0)::float8
              FROM worklist_items WHERE done_at IS NULL GROUP BY tier
            """) {
            let (tier, count, oldest) = try row.decode((Int, Int, Double).self)
            open["P\(tier)"] = (count, oldest)
        }
        for (tier, (count, oldest)) in open {
            Gauge(label: ServiceMetrics.worklistOpen, dimensions: [("tier", tier)]).record(count)
            Gauge(label: ServiceMetrics.worklistOldest, dimensions: [("tier", tier)]).record(oldest)
        }
        var states = ["queued": 0, "running": 0, "failed": 0]
        for row in try await pool.query("SELECT state, count(*) FROM jobs WHERE state <> 'done' GROUP BY state") {
            let (state, count) = try row.decode((String, Int).self)
            states[state] = count
        }
        for (state, count) in states { Gauge(label: ServiceMetrics.jobs, dimensions: [("state", state)]).record(count) }
    }
}
