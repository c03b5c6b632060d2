import Fluent
import Foundation
import SQLKit
import Validation

/// 统计分析's on-time rate kept as it changes (`VisitMonth` per elevator and month, `CompanyVisitMonths`
/// summed per company, region and month), counted here once from the records already filed, with the
/// interval configured when it runs.
struct M027_CreateVisitMonths: AsyncMigration {
    let defaultIntervalDays: Int

    func prepare(on database: any Database) async throws {
        try await database.schema("visit_months")
            .id()
            .field("elevator_filing_id", .uuid, .required).field("company_id", .uuid, .required)
            .field("region_code", .string, .required).field("month", .string, .required)
            .field("visits", .int, .required).field("on_time", .int, .required)
            .create()
        try await database.createIndex("visit_months_elevator_month", on: "visit_months", columns: ["elevator_filing_id", "month"], unique: true)
        try await database.schema("company_visit_months")
            .id()
            .field("company_id", .uuid, .required).field("region_code", .string, .required).field("month", .string, .required)
            .field("visits", .int, .required).field("on_time", .int, .required)
            .create()
        try await database.createIndex("company_visit_months_key", on: "company_visit_months",
                                       columns: ["company_id", "region_code", "month"], unique: true)
        try await database.createIndex("company_visit_months_month", on: "company_visit_months", columns: ["month", "region_code"])

        // One transaction: SQLite commits each statement on its own otherwise, and a failure half-way
        // leaves no partial sums behind. The elevators in batches, so memory stays bounded whatever the
        // number of records.
        try await database.transaction { db in
            let sql = try db.sql()
            var sums: [CompanyMonth: (visits: Int, onTime: Int)] = [:]
            var after: UUID?
            while true {
                let afterClause: SQLQueryString = after.map { "WHERE elevator_filing_id > \(bind: $0)" } ?? ""
                let batch = try await sql.raw("""
                    SELECT DISTINCT elevator_filing_id FROM maintenance_records \(afterClause) ORDER BY elevator_filing_id LIMIT 500
                    """).all().map { try $0.decode(column: "elevator_filing_id", as: UUID.self) }
                guard let first = batch.first, let last = batch.last else { break }
                after = last
                let rows = try await sql.raw("""
                    SELECT r.elevator_filing_id, r.work_date, r.company_id, r.region_code, u.interval_days
                    FROM maintenance_records r LEFT JOIN elevator_upkeep u ON u.filing_id = r.elevator_filing_id
                    WHERE r.elevator_filing_id >= \(bind: first) AND r.elevator_filing_id <= \(bind: last)
                    AND NOT EXISTS (SELECT 1 FROM maintenance_records c WHERE c.amends_id = r.id)
                    """).all()
                var visits: [UUID: [Visit]] = [:]
                var intervals: [UUID: Int] = [:]
                for row in rows {
                    let elevator = try row.decode(column: "elevator_filing_id", as: UUID.self)
                    intervals[elevator] = try row.decode(column: "interval_days", as: Int?.self) ?? defaultIntervalDays
                    guard let date = CivilDate(iso: try row.decode(column: "work_date", as: String.self)) else { continue }
                    visits[elevator, default: []].append(Visit(
                        date: date, company: try row.decode(column: "company_id", as: UUID.self),
                        region: try row.decode(column: "region_code", as: String.self)))
                }
                var inserts: [SQLQueryString] = []
                for (elevator, unsorted) in visits {
                    let months = Self.count(unsorted.sorted { $0.date < $1.date }, intervalDays: intervals[elevator] ?? defaultIntervalDays)
                    for (month, n) in months {
                        inserts.append("(\(bind: UUID()), \(bind: elevator), \(bind: n.company), \(bind: n.region), \(bind: month), \(bind: n.visits), \(bind: n.onTime))")
                        sums[CompanyMonth(company: n.company, region: n.region, month: month), default: (0, 0)].visits += n.visits
                        sums[CompanyMonth(company: n.company, region: n.region, month: month), default: (0, 0)].onTime += n.onTime
                    }
                }
                // Batches of 100 rows keep each INSERT under SQLite's limit on bound parameters.
                for start in stride(from: 0, to: inserts.count, by: 100) {
                    try await sql.raw("""
                        INSERT INTO visit_months (id, elevator_filing_id, company_id, region_code, month, visits, on_time)
                        VALUES \(inserts[start..<min(start + 100, inserts.count)].joined(separator: ", "))
                        """).run()
                }
            }
            for (key, n) in sums {
                try await sql.raw("""
                    INSERT INTO company_visit_months (id, company_id, region_code, month, visits, on_time)
                    VALUES (\(bind: UUID()), \(bind: key.company), \(bind: key.region), \(bind: key.month), \(bind: n.visits), \(bind: n.onTime))
                    """).run()
            }
        }
    }

    private struct Visit { let date: CivilDate; let company: UUID; let region: String }
    private struct CompanyMonth: Hashable { let company: UUID; let region: String; let month: String }

    /// One elevator's visits in date order, counted per month: each visit after the first is on time when it
    /// came within the interval of the one before; a month goes under the company and region of its last visit.
    private static func count(_ visits: [Visit], intervalDays: Int) -> [String: (visits: Int, onTime: Int, company: UUID, region: String)] {
        var counted: [String: (visits: Int, onTime: Int, company: UUID, region: String)] = [:]
        for (previous, visit) in zip(visits, visits.dropFirst()) {
            let month = String(visit.date.iso.prefix(7))
            var n = counted[month] ?? (0, 0, visit.company, visit.region)
            n.visits += 1
            if visit.date.daysSince1970 - previous.date.daysSince1970 <= intervalDays { n.onTime += 1 }
            (n.company, n.region) = (visit.company, visit.region)
            counted[month] = n
        }
        return counted
    }

    func revert(on database: any Database) async throws {
        try await database.schema("company_visit_months").delete()
        try await database.schema("visit_months").delete()
    }
}
