import Fluent

struct M001_CreateRegions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("parent_code", .string)
            .field("level", .int, .required)
            .field("full_name", .string, .required)
            .create()
        try await database.createIndex("regions_parent_code", on: "regions", columns: ["parent_code"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}
