import Fluent

struct M011_CreateFilingVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("filing_versions")
            .id()
            .field("filing_id", .uuid, .required, .references("filings", "id"))
            .field("version", .int, .required)
            .field("snapshot", .string, .required)
            .field("info_status", .string, .required)
            .field("approved_at", .datetime, .required)
            .field("reviewer_id", .uuid, .required)
            .field("reviewer_name", .string, .required)
            .field("opinion", .string, .required)
            .unique(on: "filing_id", "version", name: "filing_versions_filing_version_unique")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("filing_versions").delete()
    }
}
