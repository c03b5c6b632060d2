import Fluent

/// Indexes that hold everything the supervision rules read, so that counts, pages and the dashboard's
/// GROUP BYs need no table lookups (measured at 325,000 approved elevators: BENCHMARKS.md).
/// - 维保记录补录 (a filing delay above the threshold, in the last 90 days) is read along the records'
///   list-order indexes; with the delay in them, a company's 91,570 late records count in 36 ms, not 533.
/// - Each elevator rule's index (its date, the region) also carries the company, so that the dashboard's
///   per-region and per-company counts of a rule read that index alone (`SupervisionScope.counts`).
struct M028_CoverSupervisionIndexes: AsyncMigration {
    /// The elevator rules' indexes: (name, columns before; the company is appended).
    static let ruleIndexes: [(name: String, columns: [String])] = [
        ("elevator_upkeep_default_last_visit", ["last_visit", "interval_days", "region_code"]),
        ("elevator_upkeep_visit_due", ["visit_due", "region_code"]),
        ("elevator_upkeep_last_quarterly", ["last_quarterly", "region_code"]),
        ("elevator_upkeep_last_half_yearly", ["last_half_yearly", "region_code"]),
        ("elevator_upkeep_last_yearly", ["last_yearly", "region_code"]),
        ("elevator_upkeep_next_inspection_date", ["next_inspection_date", "region_code"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.dropIndex("maintenance_records_company_date_id")
        try await database.dropIndex("maintenance_records_date_id_region")
        try await database.createIndex("maintenance_records_company_date_id_delay", on: "maintenance_records",
                                       columns: ["company_id", "work_date", "id", "filing_delay_days"])
        try await database.createIndex("maintenance_records_date_id_region_delay", on: "maintenance_records",
                                       columns: ["work_date", "id", "region_code", "filing_delay_days"])
        for index in Self.ruleIndexes {
            try await database.dropIndex(index.name)
            try await database.createIndex(index.name + "_company", on: "elevator_upkeep", columns: index.columns + ["company_id"])
        }
        // The region's totals (all its elevators per county and per company).
        try await database.createIndex("elevator_upkeep_region_company", on: "elevator_upkeep", columns: ["region_code", "company_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.dropIndex("elevator_upkeep_region_company")
        for index in Self.ruleIndexes {
            try await database.dropIndex(index.name + "_company")
            try await database.createIndex(index.name, on: "elevator_upkeep", columns: index.columns)
        }
        try await database.dropIndex("maintenance_records_company_date_id_delay")
        try await database.dropIndex("maintenance_records_date_id_region_delay")
        try await database.createIndex("maintenance_records_company_date_id", on: "maintenance_records", columns: ["company_id", "work_date", "id"])
        try await database.createIndex("maintenance_records_date_id_region", on: "maintenance_records", columns: ["work_date", "id", "region_code"])
    }
}
