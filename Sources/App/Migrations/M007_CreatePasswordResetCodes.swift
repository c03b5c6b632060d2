import Fluent

struct M007_CreatePasswordResetCodes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("password_reset_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("used_at", .datetime)
            .create()
        try await database.createIndex("password_reset_codes_user_id", on: "password_reset_codes", columns: ["user_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("password_reset_codes").delete()
    }
}
