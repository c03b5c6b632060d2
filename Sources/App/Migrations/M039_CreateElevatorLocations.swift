import Fluent
import SQLKit

/// `elevator_locations`: where each approved elevator stands, for judging 异地签到 — first taken from the
/// check-ins of its first visit (unconfirmed), then confirmed or corrected by a regulator.
struct M039_CreateElevatorLocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("elevator_locations")
            .field("elevator_filing_id", .uuid, .identifier(auto: false))
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("source", .string, .required)
            .field("confirmed", .bool, .required)
            .field("set_at", .datetime, .required)
            .field("set_by_id", .uuid)
            .field("set_by_name", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("elevator_locations").delete()
    }
}
