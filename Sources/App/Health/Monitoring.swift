import Foundation
import Metrics
import NIOConcurrencyHelpers
import Prometheus

/// The process's metrics: swift-metrics handles (Vapor's `http_requests_total` and
/// `http_request_duration_seconds` by route pattern and status, and ours) kept in one Prometheus registry,
/// which `GET /metrics` prints. swift-metrics allows one bootstrap per process, hence this once-only door.
public enum Monitoring {
    private static let bootstrapped = NIOLockedValueBox(false)

    /// Makes every swift-metrics handle of the process report to `registry`; later calls do nothing.
    public static func bootstrap() {
        bootstrapped.withLockedValue { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }

    static let registry = PrometheusMetricsFactory.defaultRegistry

    /// Times `work` into `liftwatch_<name>_duration_seconds` and counts it into `liftwatch_<name>s_total`
    /// by outcome (`ok` or `failed`), with the register it concerned.
    static func measure<T>(_ name: String, register: String, _ work: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await work()
            record(name, register: register, outcome: "ok", since: start)
            return value
        } catch {
            record(name, register: register, outcome: "failed", since: start)
            throw error
        }
    }

    private static func record(_ name: String, register: String, outcome: String, since start: ContinuousClock.Instant) {
        Counter(label: "liftwatch_\(name)s_total", dimensions: [("register", register), ("outcome", outcome)]).increment()
        Metrics.Timer(label: "liftwatch_\(name)_duration_seconds", dimensions: [("register", register)])
            .recordInterval(since: start)
    }
}

private extension Metrics.Timer {
    func recordInterval(since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        recordNanoseconds(Int64(elapsed.components.seconds) * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
    }
}
