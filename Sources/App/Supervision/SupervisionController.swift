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
    }

    static let breakdownRules: [SupervisionRule] = [.overdue, .dueSoon, .inspectionOverdue, .inspectionDueSoon]

    static func ruleURL(_ rule: SupervisionRule, region: String? = nil, company: UUID? = nil) -> String {
        var c = URLComponents()
        c.path = SiteURL.supervisionRule(rule.rawValue).path
        var items: [URLQueryItem] = []
        if let region { items.append(.init(name: "region", value: region)) }
        if let company { items.append(.init(name: "company", value: company.uuidString)) }
        c.queryItems = items.isEmpty ? nil : items
        return c.string ?? c.path
    }

    /// The counts of every rule for the user's scope, as cards.
    static func cards(_ req: Request) async throws -> [Card] {
        let day = req.supervisionDay
        let scope = try await req.supervisionScope(narrowed: false)
        var cards: [Card] = []
        for rule in elevatorRules + otherRules {
            cards.append(Card(title: rule.title, count: try await SupervisionQueries.count(rule, day, scope, on: req.db),
                              url: ruleURL(rule), violation: rule.isViolation))
        }
        return cards
    }

    func dashboard(_ req: Request) async throws -> Response {
        let day = req.supervisionDay
        let scope = try await req.supervisionScope(narrowed: false)
        let db = req.db
        // Per county: the elevators' regions at county level within the scope.
        let regions = try await ElevatorUpkeep.query(on: db).field(\.$regionCode).unique().all(\.$regionCode)
            .filter { code in scope.region.map { code.hasPrefix($0.prefix) } ?? true }
        let names = try await RegionDirectory(db: db).fullNames(Array(Set(regions)))
        var counties: [Breakdown] = []
        for code in regions.sorted() {
            let local = SupervisionScope(companyID: nil, region: RegionScope(code: code, level: 3))
            var cells: [Cell] = []
            for rule in Self.breakdownRules {
                cells.append(Cell(count: try await SupervisionQueries.count(rule, day, local, on: db), url: Self.ruleURL(rule, region: code)))
            }
            let total = try await local.apply(ElevatorUpkeep.query(on: db), company: \.$companyID, region: \.$regionCode).countRows()
            counties.append(Breakdown(name: names[code] ?? code, elevators: total, cells: cells))
        }
        // Per company: the twenty with most overdue elevators (then most elevators).
        let companyIDs = Set(try await scope.apply(ElevatorUpkeep.query(on: db), company: \.$companyID, region: \.$regionCode)
            .field(\.$companyID).unique().all(\.$companyID))
        var companies: [(Breakdown, Int)] = []
        let companyNames = try await Dictionary(Company.query(on: db).filter(\.$id ~~ Array(companyIDs)).all().map { ($0.id!, $0.name) },
                                                uniquingKeysWith: { a, _ in a })
        for id in companyIDs {
            var local = scope
            local.companyID = id
            var cells: [Cell] = []
            for rule in Self.breakdownRules {
                cells.append(Cell(count: try await SupervisionQueries.count(rule, day, local, on: db), url: Self.ruleURL(rule, company: id)))
            }
            let total = try await local.apply(ElevatorUpkeep.query(on: db), company: \.$companyID, region: \.$regionCode).countRows()
            companies.append((Breakdown(name: companyNames[id] ?? "", elevators: total, cells: cells), cells[0].count))
        }
        companies.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.elevators > $1.0.elevators }
        let chart = BarChart(title: "超期未维保电梯（按区县）", items: zip(regions.sorted(), counties).map { code, row in
            (label: String((names[code] ?? code).suffix(6)), value: row.cells[0].count, url: row.cells[0].url)
        })
        return try await req.render("supervision", Page(
            layout: await req.layout("监管看板"), heading: "监管看板", today: day.today.iso, cards: try await Self.cards(req),
            ruleTitles: Self.breakdownRules.map(\.title), counties: counties,
            companies: companies.prefix(20).map(\.0), chart: chart))
    }
}
