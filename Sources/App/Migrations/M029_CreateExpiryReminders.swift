import Fluent

/// Which warning step of which certificate or qualification a company has been told of (`ExpiryReminder`).
struct M029_CreateExpiryReminders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("expiry_reminders")
            .id()
            .field("subject", .string, .required).field("subject_id", .uuid, .required)
            .field("expires", .string, .required).field("step", .int, .required).field("sent_at", .datetime, .required)
            .create()
        try await database.createIndex("expiry_reminders_key", on: "expiry_reminders",
                                       columns: ["subject_id", "expires", "step", "subject"], unique: true)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("expiry_reminders").delete()
    }
}
