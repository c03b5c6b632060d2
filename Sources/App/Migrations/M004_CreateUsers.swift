import Fluent

struct M004_CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("username_key", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("company_id", .uuid, .references("companies", "id"))
            .field("region_code", .string, .references("regions", "code"))
            .field("display_name", .string, .required)
            .field("disabled", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("last_login_at", .datetime)
            .unique(on: "username_key", name: "users_username_key_unique")
            .create()
        try await database.createIndex("users_company_id", on: "users", columns: ["company_id"])
        try await database.createIndex("users_role_region", on: "users", columns: ["role", "region_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
