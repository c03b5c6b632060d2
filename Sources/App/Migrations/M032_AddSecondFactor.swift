import Fluent
import SQLKit

/// The second factor (TOTP) and the password's age on `users`, and the recovery codes. A TOTP secret is
/// kept in Base32; `totp_last_step` is the last time step accepted, so one code logs in once.
/// `password_changed_at` starts at the account's creation: the password policy's expiry counts from there.
struct M032_AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema("users").field("totp_secret", .string).update()
        try await database.schema("users").field("totp_enabled_at", .datetime).update()
        try await database.schema("users").field("totp_last_step", .int64).update()
        try await database.schema("users").field("password_changed_at", .datetime).update()
        try await database.schema("users").field("password_must_change", .bool, .required, .sql(.default(false))).update()
        try await database.sql().raw("UPDATE users SET password_changed_at = created_at").run()

        try await database.schema("recovery_codes")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "user_id", "code_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recovery_codes").delete()
        for column in ["password_must_change", "password_changed_at", "totp_last_step", "totp_enabled_at", "totp_secret"] {
            try await database.schema("users").deleteField(FieldKey(stringLiteral: column)).update()
        }
    }
}
