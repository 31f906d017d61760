import Metrics
import Prometheus

/// swift-metrics' backend can be chosen once per process; the daemon and the tests both go through here.
public enum MetricsBootstrap {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
