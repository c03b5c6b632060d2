import Fluent

/// The public lookups, counted per address for the rate limit.
struct M025_CreatePublicLookups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("public_lookups")
            .id()
            .field("address", .string, .required).field("at", .datetime, .required).field("found", .bool, .required)
            .create()
        try await database.createIndex("public_lookups_address_at", on: "public_lookups", columns: ["address", "at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("public_lookups").delete()
    }
}
