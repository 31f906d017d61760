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
            var buffer: [UInt8] = []
            buffer.reserveCapacity(8192)
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
