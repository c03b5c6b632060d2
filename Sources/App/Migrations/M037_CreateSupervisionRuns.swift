import Fluent
import SQLKit

/// One row per `liftwatch supervise` run: when, for which day, each rule's count, and how many companies
/// were reminded — for `GET /metrics` (the server is another process than the daily command) and for
/// the operator asking when the rules last ran.
struct M037_CreateSupervisionRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("supervision_runs")
            .id()
            .field("ran_at", .datetime, .required)
            .field("day", .string, .required)
            .field("counts", .string, .required)
            .field("reminded", .int)
            .create()
        try await database.createIndex("supervision_runs_ran_at", on: "supervision_runs", columns: ["ran_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("supervision_runs").delete()
    }
}
