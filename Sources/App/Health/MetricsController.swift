import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// `GET /metrics` in Prometheus's text format: the registry of `Monitoring`, then what is read at scrape
/// time — requests in hand, and the counts of the last `liftwatch supervise` run with its time (an alert
/// on that time catches a daily timer that stopped). Read with the configured bearer token, or without
/// one only directly from this machine: never through the proxy that serves the public.
struct MetricsController {
    func metrics(_ req: Request) async throws -> Response {
        guard Self.allowed(req) else { throw AppError.notFound }
        var text = Monitoring.registry.emitToString()
        text += "# TYPE liftwatch_requests_in_flight gauge\n"
        text += "liftwatch_requests_in_flight \(req.application.loadShedding?.current ?? 0)\n"
        if let use = req.application.databaseUse {
            let now = use.now
            text += "# TYPE liftwatch_db_pool_size gauge\nliftwatch_db_pool_size \(use.poolSize)\n"
            // Holding a connection or waiting for one: above the pool size, requests wait.
            text += "# TYPE liftwatch_db_operations_in_flight gauge\nliftwatch_db_operations_in_flight \(now.inFlight)\n"
            text += "# TYPE liftwatch_db_operations_total counter\nliftwatch_db_operations_total \(now.total)\n"
        }
        if let run = try await SupervisionRunRecord.latest(on: req.db) {
            text += "# TYPE liftwatch_supervision_count gauge\n"
            for (rule, count) in run.counts.sorted(by: { $0.key < $1.key }) {
                text += "liftwatch_supervision_count{rule=\"\(rule)\"} \(count)\n"
            }
            text += "# TYPE liftwatch_supervision_last_run_timestamp_seconds gauge\n"
            text += "liftwatch_supervision_last_run_timestamp_seconds \(Int(run.ranAt.timeIntervalSince1970))\n"
        }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    static func allowed(_ req: Request) -> Bool {
        if let token = req.config.metricsToken {
            guard let given = req.headers.bearerAuthorization?.token else { return false }
            // Compared as digests: equal length, no early exit on the first differing character.
            return Data(SHA256.hash(data: Data(given.utf8))) == Data(SHA256.hash(data: Data(token.utf8)))
        }
        // No token: only a scraper on this machine talking to the app directly. A request that came
        // through a proxy (which adds these headers) is the public's, even if the proxy is local.
        guard let peer = req.remoteAddress?.ipAddress, ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(peer) else { return false }
        return req.headers.first(name: .xForwardedFor) == nil && req.headers.first(name: "Forwarded") == nil
            && req.headers.first(name: "X-Real-IP") == nil
    }
}
