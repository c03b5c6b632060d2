import Fluent
import Foundation
import SQLKit
import Supervision
import Validation

/// One elevator's visits in one month for 统计分析's on-time rate: the visits that followed an earlier
/// visit of the same elevator, and how many of them came within the elevator's interval. A visit is judged
/// by the interval in force when it was counted; only the months a new record can change are counted again.
final class VisitMonth: Model, @unchecked Sendable {
    static let schema = "visit_months"

    @ID(key: .id) var id: UUID?
    @Field(key: "elevator_filing_id") var elevatorFilingID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "month") var month: String
    @Field(key: "visits") var visits: Int
    @Field(key: "on_time") var onTime: Int

    init() {}
}

/// The same summed per company, elevator region and month: what the statistics page reads, a few rows per
/// company however many elevators it has. Kept by adding each change of `VisitMonth` (atomic upserts, so
/// that two clerks of one company filing at once both count).
enum CompanyVisitMonths {
    static let schema = "company_visit_months"

    struct Row: Decodable { let company_id: UUID; let month: String; let visits: Int; let on_time: Int }

    /// Per company and month in the scope from `firstMonth`: (on time, visits).
    static func rates(_ scope: SupervisionScope, from firstMonth: String, on sql: any SQLDatabase) async throws -> [UUID: [String: (Int, Int)]] {
        // PostgreSQL sums integers as NUMERIC: cast back to an integer (a no-op in SQLite).
        var query = sql.select().column("company_id").column("month")
            .column(SQLRaw("CAST(SUM(visits) AS BIGINT) AS visits")).column(SQLRaw("CAST(SUM(on_time) AS BIGINT) AS on_time"))
            .from(schema).where("month", .greaterThanOrEqual, firstMonth)
        if let region = scope.region {
            query = query.where("region_code", .greaterThanOrEqual, region.prefix).where("region_code", .lessThan, region.upperBound)
        }
        if let companyID = scope.companyID { query = query.where("company_id", .equal, companyID) }
        var result: [UUID: [String: (Int, Int)]] = [:]
        for row in try await query.groupBy("company_id").groupBy("month").all(decoding: Row.self) where row.visits > 0 {
            result[row.company_id, default: [:]][row.month] = (row.on_time, row.visits)
        }
        return result
    }

    fileprivate static func add(company: UUID, region: String, month: String, visits: Int, onTime: Int, on sql: any SQLDatabase) async throws {
        guard visits != 0 || onTime != 0 else { return }
        func sum(_ column: String) -> any SQLExpression {
            SQLBinaryExpression(SQLColumn(column, table: schema), .add, SQLExcludedColumn(column))
        }
        try await sql.insert(into: schema)
            .columns("id", "company_id", "region_code", "month", "visits", "on_time")
            .values(SQLBind(UUID()), SQLBind(company), SQLBind(region), SQLBind(month), SQLBind(visits), SQLBind(onTime))
            .onConflict(with: ["company_id", "region_code", "month"]) {
                $0.set(SQLColumn("visits"), to: sum("visits")).set(SQLColumn("on_time"), to: sum("on_time"))
            }
            .run()
    }
}

extension VisitMonth {
    /// Counts again the months from the one of `changedFrom` (a record's work date, or an earlier date) of
    /// the elevator filed as `filingID`, from its records in force, and moves the company's sums by the
    /// difference. Months before it cannot change: their visits and the visits before them are all older.
    static func recount(_ filingID: UUID, from changedFrom: String, defaultIntervalDays: Int, withholdFlagged: Bool = false,
                        on db: any Database) async throws {
        try await recount(filingID, inForce: try await MaintenanceRecord.inForce(ofElevator: filingID, on: db), from: changedFrom,
                          defaultIntervalDays: defaultIntervalDays, withholdFlagged: withholdFlagged, on: db)
    }

    /// The same, with the elevator's records in force already read (`MaintenanceRecord.inForce`).
    /// `withholdFlagged`: a visit whose record carries a flag no regulator has accepted (签到异常) counts as a
    /// visit, not as on time.
    static func recount(_ filingID: UUID, inForce records: [MaintenanceRecord], from changedFrom: String, defaultIntervalDays: Int,
                        withholdFlagged: Bool = false, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let fromMonth = String(changedFrom.prefix(7))
        let interval = try await ElevatorUpkeep.find(filingID, on: db)?.intervalDays ?? defaultIntervalDays
        var withheld: Set<UUID> = []
        if withholdFlagged {
            let ids = records.filter { $0.workDate >= fromMonth }.compactMap(\.id)
            if !ids.isEmpty {
                withheld = Set(try await RecordFlag.query(on: db).filter(\.$recordID ~~ ids).filter(\.$acceptedAt == nil).all(\.$recordID))
            }
        }
        let visits = records.compactMap { r in CivilDate(iso: r.workDate).map { (date: $0, record: r) } }.sorted { $0.date < $1.date }
        // Each month under the company and region its visits were filed with (the last visit's, if the
        // elevator moved county within the month).
        var counted: [String: (visits: Int, onTime: Int, company: UUID, region: String)] = [:]
        for (previous, visit) in zip(visits, visits.dropFirst()) where String(visit.date.iso.prefix(7)) >= fromMonth {
            let month = String(visit.date.iso.prefix(7))
            var n = counted[month] ?? (0, 0, visit.record.companyID, visit.record.regionCode)
            n.visits += 1
            if visit.date.daysSince1970 - previous.date.daysSince1970 <= interval, !(visit.record.id.map(withheld.contains) ?? false) {
                n.onTime += 1
            }
            (n.company, n.region) = (visit.record.companyID, visit.record.regionCode)
            counted[month] = n
        }
        let old = try await VisitMonth.query(on: db).filter(\.$elevatorFilingID == filingID).filter(\.$month >= fromMonth).all()
        for row in old {
            try await CompanyVisitMonths.add(company: row.companyID, region: row.regionCode, month: row.month,
                                             visits: -row.visits, onTime: -row.onTime, on: sql)
        }
        try await VisitMonth.query(on: db).filter(\.$elevatorFilingID == filingID).filter(\.$month >= fromMonth).delete()
        for (month, n) in counted.sorted(by: { $0.key < $1.key }) {
            let row = VisitMonth()
            row.elevatorFilingID = filingID
            row.companyID = n.company
            row.regionCode = n.region
            row.month = month
            row.visits = n.visits
            row.onTime = n.onTime
            try await row.create(on: db)
            try await CompanyVisitMonths.add(company: n.company, region: n.region, month: month,
                                             visits: n.visits, onTime: n.onTime, on: sql)
        }
    }
}

extension VisitMonth {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $elevatorFilingID, $companyID, $regionCode, $month, $visits, $onTime] }
}
