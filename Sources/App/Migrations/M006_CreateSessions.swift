import Fluent

struct M006_CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .field("key", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.createIndex("sessions_updated_at", on: "sessions", columns: ["updated_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
