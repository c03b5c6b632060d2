import NIOConcurrencyHelpers
import Vapor

/// A bounded queue in front of the pages. Past `limit` requests in hand, a new one is answered at once
/// with 503 and Retry-After instead of waiting behind the others: without a bound, 128 clients searching
/// at once queued for the database connections until each request's pool wait (10 s) ran out and it failed
/// with 500, long after its client had given up — and the server went on working off abandoned requests
/// for 18 s after the load stopped (BENCHMARKS.md, the overload run).
///
/// The count is this process's, in memory, on purpose: it measures this instance's own capacity, not a
/// user's allowance (those limits are claimed in the database; see `RateLimiter`). Static files are served
/// before it and never refused; nor is `/healthz`.
final class LoadShedding: AsyncMiddleware {
    let limit: Int
    private let inFlight = NIOLockedValueBox(0)

    init(limit: Int) {
        self.limit = limit
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // "Alive" stays true under load: a busy instance is not a dead one to restart.
        if request.url.path == SiteURL.healthz.path { return try await next.respond(to: request) }
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw AppError.busy }
        do {
            let response = try await next.respond(to: request)
            inFlight.withLockedValue { $0 -= 1 }
            return response
        } catch {
            inFlight.withLockedValue { $0 -= 1 }
            throw error
        }
    }

    /// Requests in hand now (for tests and metrics).
    var current: Int { inFlight.withLockedValue { $0 } }
}
