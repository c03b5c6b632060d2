import Fluent

/// Every password an account has had (as its bcrypt hash), so that a new one may not repeat the last five.
struct M033_CreatePasswordHistory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("password_history")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("password_history_user_id", on: "password_history", columns: ["user_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_history").delete()
    }
}
