import Fluent
import Foundation
import SQLKit

/// Limits on how often something may be tried (logins per address, password-reset codes, public
/// lookups, registrations), counted in the database so that every app instance counts the same.
///
/// Each attempt *claims* a slot with one conditional upsert before any work is done for it. Counting
/// first and writing afterwards (as a SELECT COUNT then an INSERT) lets parallel requests all read
/// the same count and all go through; a claim cannot: the database grants exactly `limit` claims per
/// window, whatever arrives at once and on whichever instance.
struct RateLimiter {
    /// One kind of limit: at most `limit` claims per key within `window` from the first claim. With a
    /// `lockout`, the claim that reaches the limit starts a refusal of that length (the account lock).
    struct Rule: Sendable {
        let scope: String
        let limit: Int
        let window: TimeInterval
        var lockout: TimeInterval? = nil
    }

    enum Claim: Equatable {
        /// Granted; `count` is this claim's number within the window (1 … limit).
        case granted(count: Int)
        /// Refused until the window (or lockout) ends.
        case refused(until: Date)

        var granted: Bool { if case .granted = self { true } else { false } }
    }

    let db: any Database
    let now: Date

    func claim(_ rule: Rule, key: String) async throws -> Claim {
        let sql = try db.sql()
        let nowMS = Self.milliseconds(now)
        let windowEnd = Self.milliseconds(now.addingTimeInterval(rule.window))
        // Every right-hand side reads the row as it was before this claim, on both engines.
        let lockedEnd = rule.lockout.map { Self.milliseconds(now.addingTimeInterval($0)) }
        let resetAt: SQLQueryString = if let lockedEnd {
            "CASE WHEN rate_limits.reset_at <= \(bind: nowMS) THEN \(bind: windowEnd) WHEN rate_limits.count + 1 >= \(bind: rule.limit) THEN \(bind: lockedEnd) ELSE rate_limits.reset_at END"
        } else {
            "CASE WHEN rate_limits.reset_at <= \(bind: nowMS) THEN \(bind: windowEnd) ELSE rate_limits.reset_at END"
        }
        let firstEnd = rule.limit <= 1 ? (lockedEnd ?? windowEnd) : windowEnd
        let rows = try await sql.raw("""
            INSERT INTO rate_limits (scope, limit_key, count, reset_at) VALUES (\(bind: rule.scope), \(bind: key), 1, \(bind: firstEnd))
            ON CONFLICT (scope, limit_key) DO UPDATE SET
                count = CASE WHEN rate_limits.reset_at <= \(bind: nowMS) THEN 1 ELSE rate_limits.count + 1 END,
                reset_at = \(resetAt)
            WHERE rate_limits.reset_at <= \(bind: nowMS) OR rate_limits.count < \(bind: rule.limit)
            RETURNING count
            """).all()
        if let row = rows.first {
            return .granted(count: try row.decode(column: "count", as: Int.self))
        }
        return .refused(until: try await refusedUntil(rule, key: key) ?? now.addingTimeInterval(rule.window))
    }

    /// Gives one claim back: an attempt that turned out not to count (a successful login).
    func release(_ rule: Rule, key: String) async throws {
        try await db.sql().raw("""
            UPDATE rate_limits SET count = count - 1
            WHERE scope = \(bind: rule.scope) AND limit_key = \(bind: key) AND count > 0 AND reset_at > \(bind: Self.milliseconds(now))
            """).run()
    }

    /// Starts the key over (a successful login ends a run of failures; an unlock).
    func reset(_ rule: Rule, key: String) async throws {
        try await db.sql().raw("DELETE FROM rate_limits WHERE scope = \(bind: rule.scope) AND limit_key = \(bind: key)").run()
    }

    /// Starts over every key of `rule` that begins with `prefix` (all addresses of one account).
    func reset(_ rule: Rule, keysStartingWith prefix: String) async throws {
        try await db.sql().raw("""
            DELETE FROM rate_limits WHERE scope = \(bind: rule.scope) AND limit_key LIKE \(bind: Self.likePrefix(prefix)) ESCAPE '\\'
            """).run()
    }

    /// When the refusal of a key that has used up its claims ends; nil when it has claims left.
    func refusedUntil(_ rule: Rule, key: String) async throws -> Date? {
        let rows = try await db.sql().raw("""
            SELECT reset_at FROM rate_limits
            WHERE scope = \(bind: rule.scope) AND limit_key = \(bind: key) AND count >= \(bind: rule.limit) AND reset_at > \(bind: Self.milliseconds(now))
            """).all()
        return try rows.first.map { Self.date(try $0.decode(column: "reset_at", as: Int64.self)) }
    }

    /// The keys of `rule` refused now (for the account lists: the few accounts locked somewhere).
    func refusedKeys(_ rule: Rule) async throws -> [String] {
        try await db.sql().raw("""
            SELECT limit_key FROM rate_limits
            WHERE scope = \(bind: rule.scope) AND count >= \(bind: rule.limit) AND reset_at > \(bind: Self.milliseconds(now))
            """).all().map { try $0.decode(column: "limit_key", as: String.self) }
    }

    /// Removes counters that ended more than a day ago (the daily run), so the table stays small.
    func purgeExpired() async throws {
        try await db.sql().raw("DELETE FROM rate_limits WHERE reset_at < \(bind: Self.milliseconds(now.addingTimeInterval(-86_400)))").run()
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    private static func likePrefix(_ prefix: String) -> String {
        var escaped = ""
        for c in prefix {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return escaped + "%"
    }
}

/// The limits of the application, in one place.
extension RateLimiter.Rule {
    /// Failed logins (and captcha failures) from one address.
    static let loginAddress = Self(scope: "login-address", limit: 30, window: 10 * 60)
    /// Consecutive wrong passwords for one account from one address; the fifth locks that pair for
    /// 15 minutes. The owner, elsewhere, can still log in: a competitor cannot keep a company out.
    static let loginAccount = Self(scope: "login-account", limit: 5, window: 15 * 60, lockout: 15 * 60)
    /// Registrations (企业注册) from one address (`LIFTWATCH_REGISTRATIONS_PER_HOUR`).
    static func registration(perHour limit: Int) -> Self { Self(scope: "registration", limit: limit, window: 60 * 60) }
    /// Password-recovery code requests from one address.
    static let recoveryAddress = Self(scope: "recovery-address", limit: 10, window: 60 * 60)
    /// Public lookups (电梯信息查询) from one address.
    static let publicLookup = Self(scope: "public-lookup", limit: 30, window: 10 * 60)
}
