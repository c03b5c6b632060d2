import Fluent

struct M009_CreateFeedback: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("feedback")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("username", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("feedback_created_at", on: "feedback", columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("feedback").delete()
    }
}
