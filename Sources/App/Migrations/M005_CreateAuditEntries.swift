import Fluent

struct M005_CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("action", .string, .required)
            .field("username", .string, .required)
            .field("user_id", .uuid)
            .field("actor_id", .uuid)
            .field("address", .string, .required)
            .field("detail", .string, .required)
            .create()
        // The login throttle counts recent failures per address; the audit page lists newest first.
        try await database.createIndex("audit_entries_address_at", on: "audit_entries", columns: ["address", "at"])
        try await database.createIndex("audit_entries_at", on: "audit_entries", columns: ["at"])
        try await database.createIndex("audit_entries_user_id_at", on: "audit_entries", columns: ["user_id", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
