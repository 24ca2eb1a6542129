import Metrics
import Prometheus

/// The process's metrics: swift-metrics APIs everywhere, exported in Prometheus text format by
/// `GET /metrics` from this one registry. The metrics system can be bootstrapped once per
/// process, so every application built in the process (tests build many) shares it.
public enum AppMetrics {
    public static let registry = PrometheusCollectorRegistry()

    private static let bootstrap: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    /// Installs the Prometheus backend unless something else already did (idempotent).
    public static func bootstrapOnce() {
        _ = bootstrap
    }

    /// The Prometheus text exposition of every metric.
    public static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }
}
