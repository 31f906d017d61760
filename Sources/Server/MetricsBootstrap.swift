import Metrics
import Prometheus

/// swift-metrics' backend can be chosen once per process; the daemon and the tests both go through here.
public enum MetricsBootstrap {
    /// Turnaround runs from minutes to hours: buckets around the §5 targets (10 min … 3 h) and beyond.
    static let turnaroundBuckets: [Duration] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map { .seconds($0) }

    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        for label in [ServiceMetrics.firstReadingTurnaround, ServiceMetrics.estimateTurnaround] {
            factory.durationHistogramBuckets[label] = turnaroundBuckets
        }
        factory.durationHistogramBuckets[ServiceMetrics.estimationDuration] =
            [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64].map { .milliseconds(Int($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return registry
    }()
}
