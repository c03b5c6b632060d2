import Fluent
import SQLKit
import Supervision
import Validation
import Vapor

/// Whose elevators, staff and companies a user supervises: a company its own, a regulator its region and
/// below, an admin all; narrowed further by the dashboard's links (one county, one company).
struct SupervisionScope: Sendable {
    var companyID: UUID?
    var region: RegionScope?

    /// The rows of `table` in the scope, counted per value of `column` (GROUP BY). The table has
    /// `region_code` and `company_id` columns.
    func counts<Key: Decodable & Hashable>(in table: String, by column: String, as: Key.Type,
                                           on sql: any SQLDatabase) async throws -> [Key: Int] {
        var query = sql.select().column(SQLAlias(SQLIdentifier(column), as: SQLIdentifier("key")))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))).from(table)
        if let region {
            query = query.where("region_code", .greaterThanOrEqual, region.prefix).where("region_code", .lessThan, region.upperBound)
        }
        if let companyID { query = query.where("company_id", .equal, companyID) }
        var result: [Key: Int] = [:]
        for row in try await query.groupBy(column).all(decoding: GroupCount<Key>.self) { result[row.key] = row.n }
        return result
    }

    /// Applies the scope to a query of rows carrying a company and a region.
    func apply<M: Model>(_ query: QueryBuilder<M>, company: KeyPath<M, FieldProperty<M, UUID>>,
                         region: KeyPath<M, FieldProperty<M, String>>) -> QueryBuilder<M> {
        if let companyID { query.filter(company == companyID) }
        if let scope = self.region { query.filter(regionCode: region, in: scope) }
        return query
    }
}

extension Request {
    /// The user's scope, narrowed by `?region=` (a region inside it) and `?company=` (a company id).
    func supervisionScope(narrowed: Bool = true) async throws -> SupervisionScope {
        let user = try requireUser()
        var scope = SupervisionScope()
        switch user.role {
        case .company:
            guard let id = user.companyID else { throw AppError.forbidden }
            scope.companyID = id
        case .regulator:
            scope.region = try await regulatorScope()
        case .admin:
            break
        }
        guard narrowed else { return scope }
        let region = queryText("region")
        if !region.isEmpty, let narrower = try await RegionDirectory(db: db).scope(of: region),
           scope.region.map({ narrower.prefix.hasPrefix($0.prefix) }) ?? true {
            scope.region = narrower
        }
        if scope.companyID == nil, let company = UUID(uuidString: queryText("company")) { scope.companyID = company }
        return scope
    }

    var supervisionDay: SupervisionDay { SupervisionDay(today: clock.today(), thresholds: config.supervision) }
}

/// The query behind each rule: the rows it holds for a scope on a day.
enum SupervisionQueries {
    static func elevators(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> QueryBuilder<ElevatorUpkeep> {
        let q = scope.apply(ElevatorUpkeep.query(on: db), company: \.$companyID, region: \.$regionCode)
        let today = day.today.iso
        switch rule {
        // The half-monthly rules: an elevator on the default interval by its last visit (the default read
        // from configuration today), one with its own interval (按需维保) by its stored due date.
        case .overdue:
            q.group(.or) { either in
                either.group(.and) { $0.filter(\.$intervalDays == nil).filter(\.$lastVisit < day.lastAllowedVisit(.halfMonthly).iso) }
                    .filter(\.$visitDue < today)
            }
        case .dueSoon:
            q.group(.or) { either in
                either.group(.and) {
                    $0.filter(\.$intervalDays == nil).filter(\.$lastVisit >= day.lastAllowedVisit(.halfMonthly).iso)
                        .filter(\.$lastVisit <= day.warningVisit.iso)
                }
                .group(.and) { $0.filter(\.$visitDue >= today).filter(\.$visitDue <= day.warningDue.iso) }
            }
        case .quarterlyOverdue: q.filter(\.$lastQuarterly < day.lastAllowedVisit(.quarterly).iso)
        case .halfYearlyOverdue: q.filter(\.$lastHalfYearly < day.lastAllowedVisit(.halfYearly).iso)
        case .yearlyOverdue: q.filter(\.$lastYearly < day.lastAllowedVisit(.yearly).iso)
        case .inspectionDueSoon: q.filter(\.$nextInspectionDate >= today).filter(\.$nextInspectionDate <= day.inspectionWarningDate.iso)
        case .inspectionOverdue: q.filter(\.$nextInspectionDate < today)
        default: q.filter(\.$registrationCode == "\u{0}")  // not an elevator rule: nothing
        }
        return q
    }

    /// How many elevators the rule holds per region and per company: the two columns of each matching row,
    /// counted here, so that the rule is written once (above) for its list, its count and its breakdown.
    static func breakdown(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope,
                          on db: any Database) async throws -> (byRegion: [String: Int], byCompany: [UUID: Int]) {
        var byRegion: [String: Int] = [:], byCompany: [UUID: Int] = [:]
        for row in try await elevators(rule, day, scope, on: db).field(\.$regionCode).field(\.$companyID).all() {
            byRegion[row.regionCode, default: 0] += 1
            byCompany[row.companyID, default: 0] += 1
        }
        return (byRegion, byCompany)
    }

    /// All elevators in the scope, per region and per company (GROUP BY: these are many).
    static func totals(_ scope: SupervisionScope, on db: any Database) async throws -> (byRegion: [String: Int], byCompany: [UUID: Int]) {
        guard let sql = db as? any SQLDatabase else { return ([:], [:]) }
        return (try await scope.counts(in: ElevatorUpkeep.schema, by: "region_code", as: String.self, on: sql),
                try await scope.counts(in: ElevatorUpkeep.schema, by: "company_id", as: UUID.self, on: sql))
    }

    static func staff(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> QueryBuilder<ArchivedStaff> {
        let q = scope.apply(ArchivedStaff.query(on: db), company: \.$companyID, region: \.$regionCode)
        expiry(q, \.$certificateExpires, expired: rule == .certificateExpired, day)
        return q
    }

    static func companies(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> QueryBuilder<ArchivedCompany> {
        let q = scope.apply(ArchivedCompany.query(on: db), company: \.$companyID, region: \.$regionCode)
        expiry(q, \.$certificateExpires, expired: rule == .qualificationExpired, day)
        return q
    }

    /// Records of the last 90 days filed later than allowed after the work.
    static func lateRecords(_ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> QueryBuilder<MaintenanceRecord> {
        scope.apply(MaintenanceRecord.query(on: db), company: \.$companyID, region: \.$regionCode)
            .filter(\.$filingDelayDays > day.thresholds.lateFilingDays)
            .filter(\.$workDate >= CivilDate(daysSince1970: day.today.daysSince1970 - 90)!.iso)
    }

    private static func expiry<M: Model>(_ q: QueryBuilder<M>, _ field: KeyPath<M, FieldProperty<M, String>>, expired: Bool, _ day: SupervisionDay) {
        let today = day.today.iso
        // An empty 有效日期 (never required for old records) is neither expiring nor expired.
        if expired { q.filter(field < today).filter(field != "") } else { q.filter(field >= today).filter(field <= day.expiryWarningDate.iso) }
    }

    /// How many rows the rule holds.
    static func count(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) async throws -> Int {
        switch rule.subject {
        case .elevator: try await elevators(rule, day, scope, on: db).countRows()
        case .staff: try await staff(rule, day, scope, on: db).countRows()
        case .company: try await companies(rule, day, scope, on: db).countRows()
        case .record: try await lateRecords(day, scope, on: db).countRows()
        }
    }
}

/// One row of a GROUP BY count.
private struct GroupCount<Key: Decodable>: Decodable {
    let key: Key
    let n: Int
}
