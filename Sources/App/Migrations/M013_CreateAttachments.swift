import Fluent

struct M013_CreateAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("attachments")
            .id()
            .field("filing_id", .uuid, .required, .references("filings", "id"))
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .field("removed_at", .datetime)
            .create()
        try await database.createIndex("attachments_filing_id", on: "attachments", columns: ["filing_id"])
        try await database.schema("blobs")
            .field("sha256", .string, .identifier(auto: false))
            .field("data", .data, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("blobs").delete()
        try await database.schema("attachments").delete()
    }
}
