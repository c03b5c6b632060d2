import Fluent
import Supervision
import Validation
import Vapor
import XLSX

/// 监管看板: for a regulator's region (an admin's whole system) the count of each rule, per county and per
/// company, each count a link to the list behind it; the lists page and export. Companies see their own
/// counts as a to-do list on their home page and open the same lists.
struct SupervisionController {
    static let elevatorRules: [SupervisionRule] = [.overdue, .dueSoon, .quarterlyOverdue, .halfYearlyOverdue, .yearlyOverdue,
                                                    .inspectionOverdue, .inspectionDueSoon]
    static let otherRules: [SupervisionRule] = [.certificateExpired, .certificateExpiring, .qualificationExpired,
                                                 .qualificationExpiring, .lateFiling]

    struct Card: Encodable { let title: String; let count: Int; let url: String; let violation: Bool }
    struct Breakdown: Encodable { let name: String; let elevators: Int; let cells: [Cell] }
    struct Cell: Encodable { let count: Int; let url: String }
    struct Page: Encodable {
        let layout: Layout
        let heading: String
        let today: String
        let cards: [Card]
        let ruleTitles: [String]
        let counties: [Breakdown]
        let companies: [Breakdown]
        let chart: BarChart
        /// 签到异常 of the last 30 days, not accepted: per county and per company (the 20 with most), each flag a column.
        let flagTitles: [String]
        let flagCounties: [Breakdown]
        let flagCompanies: [Breakdown]
    }

    static let breakdownRules: [SupervisionRule] = [.overdue, .dueSoon, .inspectionOverdue, .inspectionDueSoon]

    static func ruleURL(_ rule: SupervisionRule, region: String? = nil, company: UUID? = nil) -> String {
        narrowed(SiteURL.supervisionRule(rule.rawValue).path, region: region, company: company)
    }

    /// A list behind the dashboard narrowed to one county or one company (`supervisionScope(narrowed:)` reads them).
    static func narrowed(_ path: String, region: String?, company: UUID?) -> String {
        var c = URLComponents()
        c.path = path
        var items: [URLQueryItem] = []
        if let region { items.append(.init(name: "region", value: region)) }
        if let company { items.append(.init(name: "company", value: company.uuidString)) }
        c.queryItems = items.isEmpty ? nil : items
        return c.string ?? c.path
    }

    /// The counts of every rule and every 签到异常 for the user's scope, as cards: all in one statement.
    static func cards(_ req: Request) async throws -> [Card] {
        let day = req.supervisionDay
        let scope = try await req.supervisionScope(narrowed: false)
        let rules = elevatorRules + otherRules
        let counts = try await CountsInOneStatement.run(
            SupervisionQueries.countSQL(rules, day, scope, on: req.db) + RecordFlagsController.counts(req), on: req.db)
        return zip(rules, counts).map { rule, count in
            Card(title: rule.title, count: count, url: ruleURL(rule), violation: rule.isViolation)
        } + zip(SiteFlag.allCases, counts.dropFirst(rules.count)).map { RecordFlagsController.card($0, count: $1) }
    }

    func dashboard(_ req: Request) async throws -> Response {
        let day = req.supervisionDay
        let scope = try await req.supervisionScope(narrowed: false)
        let db = req.db
        // GROUP BYs per region and per company for all elevators and for each rule, in two statements: the
        // page costs the same for a county with 3 companies as for a province with 3,000.
        let (totals, breakdowns, flagBreakdowns) = try await SupervisionQueries.breakdowns(
            Self.breakdownRules, day, scope, extra: RecordFlagsController.breakdownParts(req), on: db)

        let regions = totals.byRegion.keys.sorted()
        let names = try await RegionDirectory(db: db).fullNames(regions)
        let counties = regions.map { code in
            Breakdown(name: names[code] ?? code, elevators: totals.byRegion[code] ?? 0,
                      cells: zip(Self.breakdownRules, breakdowns).map { rule, b in
                          Cell(count: b.byRegion[code] ?? 0, url: Self.ruleURL(rule, region: code))
                      })
        }
        let overdue = breakdowns[0].byCompany
        let top = totals.byCompany.keys.sorted {
            let a = overdue[$0] ?? 0, b = overdue[$1] ?? 0
            return a != b ? a > b : (totals.byCompany[$0] ?? 0) > (totals.byCompany[$1] ?? 0)
        }.prefix(20)
        let companyNames = try await ArchivedCompany.approvedNames(Array(top), on: db)
        let companies = top.map { id in
            Breakdown(name: companyNames[id] ?? "", elevators: totals.byCompany[id] ?? 0,
                      cells: zip(Self.breakdownRules, breakdowns).map { rule, b in
                          Cell(count: b.byCompany[id] ?? 0, url: Self.ruleURL(rule, company: id))
                      })
        }
        let chart = BarChart(title: "超期未维保电梯（按区县）", items: zip(regions, counties).map { code, row in
            (label: String((names[code] ?? code).suffix(6)), value: row.cells[0].count, url: row.cells[0].url)
        })
        let flagsByRegion = flagBreakdowns.map(\.byRegion), flagsByCompany = flagBreakdowns.map(\.byCompany)
        let flagRegions = Set(flagsByRegion.flatMap(\.keys)).sorted()
        let flagRegionNames = try await RegionDirectory(db: db).fullNames(flagRegions)
        let flagCounties = flagRegions.map { code in
            Breakdown(name: flagRegionNames[code] ?? code, elevators: flagsByRegion.reduce(0) { $0 + ($1[code] ?? 0) },
                      cells: zip(SiteFlag.allCases, flagsByRegion).map { flag, counts in
                          Cell(count: counts[code] ?? 0, url: RecordFlagsController.listURL(flag, region: code))
                      })
        }
        let flagTotals = Dictionary(flagsByCompany.flatMap { $0.map { ($0.key, $0.value) } }, uniquingKeysWith: +)
        let flagTop = flagTotals.keys.sorted { (flagTotals[$0] ?? 0, $0.uuidString) > (flagTotals[$1] ?? 0, $1.uuidString) }.prefix(20)
        let flagCompanyNames = try await Company.workingNames(Array(flagTop), on: db)
        let flagCompanies = flagTop.map { id in
            Breakdown(name: flagCompanyNames[id] ?? "", elevators: flagTotals[id] ?? 0,
                      cells: zip(SiteFlag.allCases, flagsByCompany).map { flag, counts in
                          Cell(count: counts[id] ?? 0, url: RecordFlagsController.listURL(flag, company: id))
                      })
        }
        return try await req.render("supervision", Page(
            layout: await req.layout("监管看板"), heading: "监管看板", today: day.today.iso, cards: try await Self.cards(req),
            ruleTitles: Self.breakdownRules.map(\.title), counties: counties, companies: Array(companies), chart: chart,
            flagTitles: SiteFlag.allCases.map(\.rawValue), flagCounties: flagCounties, flagCompanies: flagCompanies))
    }
}
