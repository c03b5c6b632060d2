import Fluent

struct M016_CreateImportReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("import_reports")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("file_name", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("import_reports_created_at", on: "import_reports", columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("import_reports").delete()
    }
}
