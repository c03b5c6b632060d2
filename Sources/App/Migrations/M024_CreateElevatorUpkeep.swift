import Fluent
import SQLKit

/// The supervision summary of each approved elevator (`ElevatorUpkeep`), filled for the elevators already
/// in the archive: in service since their first approval, last visits from their maintenance records.
/// Also the delay between a visit and its filing on each record, for the 补录 rule.
struct M024_CreateElevatorUpkeep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("elevator_upkeep")
            .field("filing_id", .uuid, .identifier(auto: false))
            .field("company_id", .uuid, .required).field("region_code", .string, .required)
            .field("registration_code", .string, .required).field("in_service_since", .string, .required)
            .field("visited", .bool, .required)
            .field("last_visit", .string, .required).field("last_quarterly", .string, .required)
            .field("last_half_yearly", .string, .required).field("last_yearly", .string, .required)
            .field("next_inspection_date", .string, .required)
            .create()
        // Each rule is a range on one date column; a company's count adds its id, a region's checks the
        // region within the index.
        for column in ["last_visit", "last_quarterly", "last_half_yearly", "last_yearly", "next_inspection_date"] {
            try await database.createIndex("elevator_upkeep_\(column)", on: "elevator_upkeep", columns: [column, "region_code"])
            try await database.createIndex("elevator_upkeep_company_\(column)", on: "elevator_upkeep", columns: ["company_id", column])
        }
        try await database.schema("maintenance_records").field("filing_delay_days", .int, .required, .sql(.default(0))).update()
        try await database.createIndex("maintenance_records_delay", on: "maintenance_records", columns: ["filing_delay_days", "work_date"])

        let sql = try database.sql()
        // In service since the first approval, as a date in China: dialects differ in date arithmetic.
        let firstApproval = sql.dialect.name == "sqlite"
            ? "date((SELECT min(v.approved_at) FROM filing_versions v WHERE v.filing_id = a.filing_id), 'unixepoch', '+8 hours')"
            : "to_char((SELECT min(v.approved_at) FROM filing_versions v WHERE v.filing_id = a.filing_id) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
        try await sql.raw("""
            INSERT INTO elevator_upkeep (filing_id, company_id, region_code, registration_code, in_service_since, visited,
                last_visit, last_quarterly, last_half_yearly, last_yearly, next_inspection_date)
            SELECT a.filing_id, a.company_id, a.region_code, a.registration_code, s.since, \(unsafeRaw: sql.dialect.name == "sqlite" ? "0" : "false"),
                s.since, s.since, s.since, s.since, a.next_inspection_date
            FROM archived_elevators a JOIN (SELECT a.filing_id AS id, \(unsafeRaw: firstApproval) AS since FROM archived_elevators a) s ON s.id = a.filing_id
            """).run()
        // The last visits from the records in force (a corrected record gives way to its correction),
        // as done even if before the approval; a level never visited counts from the approval. A visit
        // covers its own level and every lower one; a level not known counts as 半月.
        func lastVisit(_ levels: [String]?) -> String {
            let covering = levels.map { " AND r.level IN (" + $0.map { "'\($0)'" }.joined(separator: ", ") + ")" } ?? ""
            return """
                COALESCE((SELECT max(r.work_date) FROM maintenance_records r
                    WHERE r.elevator_filing_id = elevator_upkeep.filing_id\(covering)
                    AND NOT EXISTS (SELECT 1 FROM maintenance_records c WHERE c.amends_id = r.id)), in_service_since)
                """
        }
        try await sql.raw("""
            UPDATE elevator_upkeep SET
                visited = EXISTS (SELECT 1 FROM maintenance_records r WHERE r.elevator_filing_id = elevator_upkeep.filing_id
                    AND NOT EXISTS (SELECT 1 FROM maintenance_records c WHERE c.amends_id = r.id)),
                last_visit = \(unsafeRaw: lastVisit(nil)),
                last_quarterly = \(unsafeRaw: lastVisit(["季度", "半年", "年度"])),
                last_half_yearly = \(unsafeRaw: lastVisit(["半年", "年度"])),
                last_yearly = \(unsafeRaw: lastVisit(["年度"]))
            WHERE filing_id IN (SELECT elevator_filing_id FROM maintenance_records)
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("maintenance_records").deleteField("filing_delay_days").update()
        try await database.schema("elevator_upkeep").delete()
    }
}
