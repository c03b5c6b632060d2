import Fluent

struct M012_CreateFilingEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("filing_events")
            .id()
            .field("filing_id", .uuid, .required, .references("filings", "id"))
            .field("revision", .int, .required)
            .field("at", .datetime, .required)
            .field("action", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("from_review", .string, .required)
            .field("to_review", .string, .required)
            .field("from_info", .string, .required)
            .field("to_info", .string, .required)
            .field("opinion", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await database.createIndex("filing_events_filing_revision", on: "filing_events", columns: ["filing_id", "revision"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("filing_events").delete()
    }
}
