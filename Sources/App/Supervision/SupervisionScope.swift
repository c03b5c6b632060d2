import Fluent
import FluentSQL
import SQLKit
import Supervision
import Validation
import Vapor

/// Whose elevators, staff and companies a user supervises: a company its own, a regulator its region and
/// below, an admin all; narrowed further by the dashboard's links (one county, one company).
struct SupervisionScope: Sendable {
    var companyID: UUID?
    var region: RegionScope?

    /// The rows of `table` in the scope (and meeting `condition`), counted per value of `column` (GROUP BY).
    /// The table has `region_code` and `company_id` columns.
    func counts<Key: Decodable & Hashable>(in table: String, by column: String, as: Key.Type, where condition: SQLQueryString? = nil,
                                           on sql: any SQLDatabase) async throws -> [Key: Int] {
        var result: [Key: Int] = [:]
        let select = countsSelect(in: table, by: column, where: condition, on: sql)
        for row in try await select.all(decoding: GroupCount<Key>.self) { result[row.key] = row.n }
        return result
    }

    /// Several such counts, each of its own table and condition but all by the same column, in one statement
    /// (`UNION ALL`, each part tagged): the dashboard's breakdowns cost one round trip, not one per rule.
    func counts<Key: Decodable & Hashable>(_ parts: [(table: String, condition: SQLQueryString?)], by column: String,
                                           as: Key.Type, on sql: any SQLDatabase) async throws -> [[Key: Int]] {
        guard !parts.isEmpty else { return [] }
        let selects = parts.enumerated().map { i, part in
            countsSelect(in: part.table, by: column, where: part.condition, on: sql, part: i).select
        }
        var result = [[Key: Int]](repeating: [:], count: parts.count)
        for row in try await sql.raw("\(SQLList(selects, separator: SQLRaw(" UNION ALL ")))").all(decoding: TaggedGroupCount<Key>.self) {
            result[row.part][row.key] = row.n
        }
        return result
    }

    private func countsSelect(in table: String, by column: String, where condition: SQLQueryString?,
                              on sql: any SQLDatabase, part: Int? = nil) -> SQLSelectBuilder {
        // With a rule's condition, SQLite should walk the rule's index (which carries the region and the
        // company) and group in a temporary tree. Grouping by the plain column, it walks an index in the
        // column's order instead and reads every row of the table (0.4 s for a city): the key is written
        // as an expression (unary `+`) that no index orders.
        let key: any SQLExpression = condition != nil && sql.dialect.name == "sqlite"
            ? SQLQueryString("+\(ident: column)") : SQLIdentifier(column)
        var query = sql.select()
        if let part { query = query.column(SQLAlias(SQLLiteral.numeric(String(part)), as: SQLIdentifier("part"))) }
        query = query.column(SQLAlias(key, as: SQLIdentifier("key")))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))).from(table)
        if let region {
            // With a rule's condition, along the rule's index (which carries the region), as the rule's list.
            query = condition == nil
                ? query.where("region_code", .greaterThanOrEqual, region.prefix).where("region_code", .lessThan, region.upperBound)
                : query.where(region.listedCondition(SQLIdentifier("region_code"), on: sql))
        }
        if let companyID { query = query.where("company_id", .equal, companyID) }
        if let condition { query = query.where(condition) }
        return query.groupBy(SQLIdentifier("key"))
    }

    /// Applies the scope to a query of rows carrying a company and a region; the region as a listed range, so
    /// that a rule walks its own index (which carries the region).
    func apply<M: Model>(_ query: QueryBuilder<M>, company: KeyPath<M, FieldProperty<M, UUID>>,
                         region: KeyPath<M, FieldProperty<M, String>>) -> QueryBuilder<M> {
        if let companyID { query.filter(company == companyID) }
        if let scope = self.region { query.filter(listedRegionCode: region, in: scope) }
        return query
    }
}

extension Request {
    /// The user's `AccessScope` as a supervision scope, narrowed by `?region=` (a region inside it) and `?company=` (a company id).
    func supervisionScope(narrowed: Bool = true) async throws -> SupervisionScope {
        let access = try await accessScope()
        var scope = SupervisionScope()
        switch access.reach {
        case .company(let id): scope.companyID = id
        case .region(let region): scope.region = region
        case .everything: break
        case .nothing: throw AppError.forbidden
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
        let parts = elevatorCondition(rule, day).map { "(" + $0 + ")" as SQLQueryString }
        return scope.apply(ElevatorUpkeep.query(on: db), company: \.$companyID, region: \.$regionCode)
            .filter(.sql(embed: parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"))
    }

    /// The condition an elevator's summary row meets when the rule holds for it: written once, in SQL, for
    /// the rule's list and count (through Fluent) and its breakdowns (GROUP BY). As disjoint parts whose
    /// OR is the rule: each part alone is one range on one index, which a GROUP BY reads without the table.
    static func elevatorCondition(_ rule: SupervisionRule, _ day: SupervisionDay) -> [SQLQueryString] {
        let today = day.today.iso
        func before(_ column: String, _ level: MaintenanceLevel) -> SQLQueryString {
            "\(ident: column) < \(bind: day.lastAllowedVisit(level).iso)"
        }
        switch rule {
        // The half-monthly rules: an elevator on the default interval by its last visit (the default read
        // from configuration today), one with its own interval (按需维保) by its stored due date.
        case .overdue:
            return ["interval_days IS NULL AND \(before("last_visit", .halfMonthly))", "visit_due < \(bind: today)"]
        case .dueSoon:
            return ["""
                interval_days IS NULL AND last_visit >= \(bind: day.lastAllowedVisit(.halfMonthly).iso) \
                AND last_visit <= \(bind: day.warningVisit.iso)
                """,
                "visit_due >= \(bind: today) AND visit_due <= \(bind: day.warningDue.iso)"]
        case .quarterlyOverdue: return [before("last_quarterly", .quarterly)]
        case .halfYearlyOverdue: return [before("last_half_yearly", .halfYearly)]
        case .yearlyOverdue: return [before("last_yearly", .yearly)]
        case .inspectionDueSoon:
            return ["next_inspection_date >= \(bind: today) AND next_inspection_date <= \(bind: day.inspectionWarningDate.iso)"]
        case .inspectionOverdue: return ["next_inspection_date < \(bind: today)"]
        default: return ["1 = 0"]  // not an elevator rule: nothing
        }
    }

    /// How many elevators the rule holds per region and per company: a GROUP BY per part of its condition
    /// and breakdown, added up.
    typealias Breakdown = (byRegion: [String: Int], byCompany: [UUID: Int])

    /// All elevators in the scope, then those of each rule, then the rows of each `extra` part (another table's
    /// condition: the 签到异常 flags), per region and per company: two statements in all (one per grouping),
    /// whatever the number of rules, of their conditions' parts and of the extras.
    static func breakdowns(_ rules: [SupervisionRule], _ day: SupervisionDay, _ scope: SupervisionScope,
                           extra: [(table: String, condition: SQLQueryString?)] = [],
                           on db: any Database) async throws -> (totals: Breakdown, rules: [Breakdown], extra: [Breakdown]) {
        let sql = try db.sql()
        // Part 0: every elevator; then each rule's condition parts, remembering whose they are; then the extras.
        var parts: [(table: String, condition: SQLQueryString?)] = [(ElevatorUpkeep.schema, nil)]
        var owner: [Int] = [-1]
        for (i, rule) in rules.enumerated() {
            for condition in elevatorCondition(rule, day) {
                parts.append((ElevatorUpkeep.schema, condition))
                owner.append(i)
            }
        }
        let firstExtra = parts.count
        parts += extra
        let byRegion = try await scope.counts(parts, by: "region_code", as: String.self, on: sql)
        let byCompany = try await scope.counts(parts, by: "company_id", as: UUID.self, on: sql)
        var perRule = [Breakdown](repeating: ([:], [:]), count: rules.count)
        for (part, rule) in owner.enumerated() where rule >= 0 {
            perRule[rule].byRegion.merge(byRegion[part], uniquingKeysWith: +)
            perRule[rule].byCompany.merge(byCompany[part], uniquingKeysWith: +)
        }
        let extras = (firstExtra..<parts.count).map { (byRegion[$0], byCompany[$0]) }
        return ((byRegion[0], byCompany[0]), perRule, extras)
    }

    /// Staff whose certificate has expired or expires within the largest warning period (or `within` days).
    static func staff(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, within: Int? = nil,
                      on db: any Database) -> QueryBuilder<ArchivedStaff> {
        let q = scope.apply(ArchivedStaff.query(on: db), company: \.$companyID, region: \.$regionCode)
        expiry(q, \.$certificateExpires, expired: rule == .certificateExpired, day, within: within)
        return q
    }

    static func companies(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, within: Int? = nil,
                          on db: any Database) -> QueryBuilder<ArchivedCompany> {
        let q = scope.apply(ArchivedCompany.query(on: db), company: \.$companyID, region: \.$regionCode)
        expiry(q, \.$certificateExpires, expired: rule == .qualificationExpired, day, within: within)
        return q
    }

    /// Records of the last 90 days filed later than allowed after the work.
    static func lateRecords(_ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> QueryBuilder<MaintenanceRecord> {
        scope.apply(MaintenanceRecord.query(on: db), company: \.$companyID, region: \.$regionCode)
            .filter(\.$filingDelayDays > day.thresholds.lateFilingDays)
            .filter(\.$workDate >= CivilDate(daysSince1970: day.today.daysSince1970 - 90)!.iso)
    }

    private static func expiry<M: Model>(_ q: QueryBuilder<M>, _ field: KeyPath<M, FieldProperty<M, String>>, expired: Bool,
                                         _ day: SupervisionDay, within: Int?) {
        let today = day.today.iso
        let last = within.map { day.days($0) } ?? day.expiryWarningDate
        // An empty 有效日期 (never required for old records) is neither expiring nor expired.
        if expired { q.filter(field < today).filter(field != "") } else { q.filter(field >= today).filter(field <= last.iso) }
    }

    /// How many rows each rule holds, in one statement.
    static func counts(_ rules: [SupervisionRule], _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) async throws -> [Int] {
        try await CountsInOneStatement.run(countSQL(rules, day, scope, on: db), on: db)
    }

    /// Each rule's count as SQL, to be asked in one statement (with others: `SupervisionController.cards`).
    static func countSQL(_ rules: [SupervisionRule], _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) -> [any SQLExpression] {
        rules.map { rule in
            switch rule.subject {
            case .elevator: elevators(rule, day, scope, on: db).countSQL()
            case .staff: staff(rule, day, scope, on: db).countSQL()
            case .company: companies(rule, day, scope, on: db).countSQL()
            case .record: lateRecords(day, scope, on: db).countSQL()
            }
        }
    }

    /// How many rows the rule holds.
    static func count(_ rule: SupervisionRule, _ day: SupervisionDay, _ scope: SupervisionScope, on db: any Database) async throws -> Int {
        try await counts([rule], day, scope, on: db)[0]
    }
}

/// One row of a GROUP BY count.
private struct GroupCount<Key: Decodable>: Decodable {
    let key: Key
    let n: Int
}

/// One row of several GROUP BY counts in one statement: which of them, then the row.
private struct TaggedGroupCount<Key: Decodable>: Decodable {
    let part: Int
    let key: Key
    let n: Int
}
