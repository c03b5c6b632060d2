import Fluent

/// 按需维保: the interval a regulator sets for one elevator (`MaintenanceIntervalChange`, append-only), and
/// in `elevator_upkeep` the interval in force with the date its next visit is due. The half-monthly rules
/// now read `last_visit` only for elevators on the default interval, so its indexes carry `interval_days`.
struct M026_CreateMaintenanceIntervals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("maintenance_interval_changes")
            .id()
            .field("elevator_filing_id", .uuid, .required).field("company_id", .uuid, .required)
            .field("region_code", .string, .required).field("registration_code", .string, .required)
            .field("interval_days", .int).field("basis", .string, .required)
            .field("set_at", .datetime, .required).field("set_by_id", .uuid, .required).field("set_by_name", .string, .required)
            .create()
        try await database.createIndex("maintenance_interval_changes_elevator", on: "maintenance_interval_changes",
                                       columns: ["elevator_filing_id", "set_at"])

        try await database.schema("elevator_upkeep").field("interval_days", .int).update()
        try await database.schema("elevator_upkeep").field("visit_due", .string).update()
        try await database.dropIndex("elevator_upkeep_last_visit")
        try await database.dropIndex("elevator_upkeep_company_last_visit")
        try await database.createIndex("elevator_upkeep_default_last_visit", on: "elevator_upkeep",
                                       columns: ["last_visit", "interval_days", "region_code"])
        try await database.createIndex("elevator_upkeep_company_default_last_visit", on: "elevator_upkeep",
                                       columns: ["company_id", "last_visit", "interval_days"])
        try await database.createIndex("elevator_upkeep_visit_due", on: "elevator_upkeep", columns: ["visit_due", "region_code"])
        try await database.createIndex("elevator_upkeep_company_visit_due", on: "elevator_upkeep", columns: ["company_id", "visit_due"])
    }

    func revert(on database: any Database) async throws {
        for name in ["elevator_upkeep_default_last_visit", "elevator_upkeep_company_default_last_visit",
                     "elevator_upkeep_visit_due", "elevator_upkeep_company_visit_due"] {
            try await database.dropIndex(name)
        }
        try await database.schema("elevator_upkeep").deleteField("visit_due").update()
        try await database.schema("elevator_upkeep").deleteField("interval_days").update()
        try await database.createIndex("elevator_upkeep_last_visit", on: "elevator_upkeep", columns: ["last_visit", "region_code"])
        try await database.createIndex("elevator_upkeep_company_last_visit", on: "elevator_upkeep", columns: ["company_id", "last_visit"])
        try await database.schema("maintenance_interval_changes").delete()
    }
}
