import Fluent
import Foundation
import SQLKit
import Supervision
import Validation

/// Where each approved elevator stands with its maintenance: the dates of its last visits covering each
/// level, from which the supervision rules are one indexed comparison each. An elevator never visited
/// counts from the day it was first approved (in service since). Kept in step in the transactions that
/// change what it summarises: an elevator's approval or 注销, a maintenance record, an inspection.
final class ElevatorUpkeep: Model, @unchecked Sendable {
    static let schema = "elevator_upkeep"

    /// The elevator's filing (its archive row).
    @ID(custom: "filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "in_service_since") var inServiceSince: String
    @Field(key: "visited") var visited: Bool
    @Field(key: "last_visit") var lastVisit: String
    @Field(key: "last_quarterly") var lastQuarterly: String
    @Field(key: "last_half_yearly") var lastHalfYearly: String
    @Field(key: "last_yearly") var lastYearly: String
    @Field(key: "next_inspection_date") var nextInspectionDate: String
    /// 按需维保: the days allowed between visits when a regulator has set them for this elevator; nil for
    /// the configured default, which the rules apply to `lastVisit` at query time.
    @OptionalField(key: "interval_days") var intervalDays: Int?
    /// With `intervalDays`: the last day the next visit is on time (`lastVisit` + the interval).
    @OptionalField(key: "visit_due") var visitDue: String?

    init() {}

    /// Sets the interval in force (nil: the default) and the due date that follows from it.
    func setInterval(_ days: Int?) {
        intervalDays = days
        visitDue = days.map(dueDate(after:))
    }

    /// The days allowed and the due date of the next half-monthly visit, with `defaultDays` for an
    /// elevator on the default interval.
    func due(defaultDays: Int) -> (days: Int, due: String) {
        let days = intervalDays ?? defaultDays
        return (days, dueDate(after: days))
    }

    private func dueDate(after days: Int) -> String {
        CivilDate(iso: lastVisit).map { SupervisionDay.visitDue(after: $0, intervalDays: days).iso } ?? ""
    }

    /// PostgreSQL: holds the row until the transaction ends, so that a record filed and an interval set at
    /// the same moment cannot write their columns over each other's (SQLite has one writer at a time).
    static func lockRow(_ id: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT filing_id FROM elevator_upkeep WHERE filing_id = \(bind: id) FOR UPDATE").run()
    }

    /// The last visit covering `level`.
    func last(_ level: MaintenanceLevel) -> String {
        switch level {
        case .halfMonthly: lastVisit
        case .quarterly: lastQuarterly
        case .halfYearly: lastHalfYearly
        case .yearly: lastYearly
        }
    }

    /// Follows an approved version of the elevator (approval or inspection): company, region, code and
    /// next inspection; a new elevator starts its clock on the day of its first approval.
    static func follow(_ row: ArchivedElevator, approvedAt: Date, on db: any Database) async throws {
        let id = try row.requireID()
        let upkeep = try await find(id, on: db) ?? {
            let u = ElevatorUpkeep()
            u.id = id
            let since = CivilDate.inChina(approvedAt).iso
            u.inServiceSince = since
            u.visited = false
            u.lastVisit = since; u.lastQuarterly = since; u.lastHalfYearly = since; u.lastYearly = since
            return u
        }()
        if !upkeep.$id.exists {
            // Back in the archive after 注销: the interval last set for it still holds.
            let last = try await MaintenanceIntervalChange.query(on: db).filter(\.$elevatorFilingID == id)
                .sort(\.$setAt, .descending).first()
            upkeep.setInterval(last?.intervalDays)
        }
        upkeep.companyID = row.companyID
        upkeep.regionCode = row.regionCode
        upkeep.registrationCode = row.registrationCode
        upkeep.nextInspectionDate = row.nextInspectionDate
        try await upkeep.save(on: db)
    }

    /// Recomputes the last visits of the elevator filed as `filingID` from its records in force (a
    /// corrected record gives way to its correction).
    static func recompute(_ filingID: UUID, on db: any Database) async throws {
        try await recompute(filingID, inForce: try await MaintenanceRecord.inForce(ofElevator: filingID, on: db), on: db)
    }

    /// The same, with the elevator's records in force already read (`MaintenanceRecord.inForce`).
    static func recompute(_ filingID: UUID, inForce: [MaintenanceRecord], on db: any Database) async throws {
        try await lockRow(filingID, on: db)
        guard let upkeep = try await find(filingID, on: db) else { return }
        // The last visit as done, even if before the elevator's approval here (it was in service before);
        // a level never visited counts from the approval.
        func last(_ level: MaintenanceLevel) -> String {
            inForce.filter { (MaintenanceLevel(rawValue: $0.level) ?? .halfMonthly).covers(level) }.map(\.workDate).max() ?? upkeep.inServiceSince
        }
        upkeep.visited = !inForce.isEmpty
        upkeep.lastVisit = last(.halfMonthly)
        upkeep.lastQuarterly = last(.quarterly)
        upkeep.lastHalfYearly = last(.halfYearly)
        upkeep.lastYearly = last(.yearly)
        upkeep.setInterval(upkeep.intervalDays)
        try await upkeep.update(on: db)
    }
}

extension ElevatorUpkeep {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $regionCode, $registrationCode, $inServiceSince, $visited, $lastVisit, $lastQuarterly,
            $lastHalfYearly, $lastYearly, $nextInspectionDate, $intervalDays, $visitDue
        ]
    }
}
