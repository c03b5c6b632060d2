import Fluent

struct M010_CreateFilings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("filings")
            .id()
            .field("kind", .string, .required)
            .field("record_id", .uuid, .required)
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("region_code", .string, .required)
            .field("subject", .string, .required)
            .field("review_status", .string, .required)
            .field("info_status", .string, .required)
            .field("opinion", .string)
            .field("revision", .int, .required)
            .field("archived_version", .int, .required)
            .field("submitted_at", .datetime)
            .field("closed_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "kind", "record_id", name: "filings_kind_record_unique")
            .create()
        // The review queue: pending records of one kind in a region range, oldest first.
        try await database.createIndex("filings_queue", on: "filings", columns: ["review_status", "kind", "region_code", "submitted_at"])
        try await database.createIndex("filings_company_kind", on: "filings", columns: ["company_id", "kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("filings").delete()
    }
}
