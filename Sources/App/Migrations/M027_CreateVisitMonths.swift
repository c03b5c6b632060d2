import Fluent
import Foundation
import SQLKit

/// 统计分析's on-time rate kept as it changes (`VisitMonth` per elevator and month, `CompanyVisitMonths`
/// summed per company, region and month), counted here once from the records already filed, with the
/// interval configured when it runs.
struct M027_CreateVisitMonths: AsyncMigration {
    let defaultIntervalDays: Int

    func prepare(on database: any Database) async throws {
        try await database.schema(VisitMonth.schema)
            .id()
            .field("elevator_filing_id", .uuid, .required).field("company_id", .uuid, .required)
            .field("region_code", .string, .required).field("month", .string, .required)
            .field("visits", .int, .required).field("on_time", .int, .required)
            .create()
        try await database.createIndex("visit_months_elevator_month", on: VisitMonth.schema, columns: ["elevator_filing_id", "month"], unique: true)
        try await database.schema(CompanyVisitMonths.schema)
            .id()
            .field("company_id", .uuid, .required).field("region_code", .string, .required).field("month", .string, .required)
            .field("visits", .int, .required).field("on_time", .int, .required)
            .create()
        try await database.createIndex("company_visit_months_key", on: CompanyVisitMonths.schema,
                                       columns: ["company_id", "region_code", "month"], unique: true)
        try await database.createIndex("company_visit_months_month", on: CompanyVisitMonths.schema, columns: ["month", "region_code"])

        guard let sql = database as? any SQLDatabase else { return }
        struct Elevator: Decodable { let elevator_filing_id: UUID }
        let elevators = try await sql.select().distinct().column("elevator_filing_id").from(MaintenanceRecord.schema)
            .all(decoding: Elevator.self)
        // One transaction: SQLite commits each statement on its own otherwise, and a failure half-way
        // leaves no partial sums behind.
        try await database.transaction { db in
            for elevator in elevators {
                try await VisitMonth.recount(elevator.elevator_filing_id, from: "0000-01-01", defaultIntervalDays: defaultIntervalDays, on: db)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CompanyVisitMonths.schema).delete()
        try await database.schema(VisitMonth.schema).delete()
    }
}
