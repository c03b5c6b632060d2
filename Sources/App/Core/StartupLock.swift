import Fluent
import SQLKit
import Vapor

/// Several app instances may start at once on one PostgreSQL (a deploy restarts them all): each would run
/// the pending migrations and create the first admin, and all but one would fail half-way on tables or
/// rows another has just created. A PostgreSQL advisory lock, held on one connection for the whole start-up
/// work, lets one instance at a time do it; the next finds nothing left to do. SQLite is a file that one
/// machine's processes share with its own locking, and needs none.
enum StartupLock {
    /// The lock's number: any constant of this application's own ("LIFTWATC" in ASCII).
    static let key: Int64 = 0x4C49_4654_5741_5443

    static func run(_ app: Application, _ body: @escaping @Sendable () async throws -> Void) async throws {
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return try await body() }
        try await sql.withSession { session in
            try await session.raw("SELECT pg_advisory_lock(\(bind: key))").run()
            do {
                try await body()
            } catch {
                try? await session.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
                throw error
            }
            try await session.raw("SELECT pg_advisory_unlock(\(bind: key))").run()
        }
    }
}
