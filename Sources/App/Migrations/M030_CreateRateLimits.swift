import Fluent
import SQLKit

/// Attempt counters claimed atomically in the database (`RateLimiter`): one row per limit and key,
/// with its count and the time (milliseconds since 1970, an integer on both engines) it starts over.
struct M030_CreateRateLimits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("""
            CREATE TABLE rate_limits (
                scope VARCHAR(40) NOT NULL,
                limit_key VARCHAR(200) NOT NULL,
                count INTEGER NOT NULL,
                reset_at BIGINT NOT NULL,
                PRIMARY KEY (scope, limit_key)
            )
            """).run()
        try await sql.raw("CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TABLE rate_limits").run()
    }
}
