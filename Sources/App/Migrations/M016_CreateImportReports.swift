import Fluent

struct M016_CreateImportReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ImportReportFile.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id"))
            .field("file_name", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("import_reports_created_at", on: ImportReportFile.schema, columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ImportReportFile.schema).delete()
    }
}
