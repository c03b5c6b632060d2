import Fluent
import SQLKit
import Supervision
import Validation
import Vapor

/// 统计分析: for a regulator's region (an admin's whole system), the approved elevators, companies and staff
/// per county, and each company's maintenance on-time rate per month: of its visits in the month that
/// followed an earlier visit of the same elevator, the share that came within the elevator's interval
/// (15 days, or its own under 按需维保). Corrected records count as corrected. Read from the sums kept
/// per company and month (`CompanyVisitMonths`), never from the records themselves.
struct StatisticsController {
    struct Page: Encodable {
        let layout: Layout
        let counties: [CountyRow]
        let totals: CountyRow
        let months: [String]
        let companies: [CompanyRow]
        let intervalDays: Int
    }
    struct CountyRow: Encodable { let name: String; let elevators: Int; let companies: Int; let staff: Int }
    struct CompanyRow: Encodable { let name: String; let cells: [RateCell] }
    struct RateCell: Encodable { let text: String; let low: Bool }

    static let monthsShown = 6

    func show(_ req: Request) async throws -> Response {
        let scope = try await req.supervisionScope(narrowed: false)
        guard let sql = req.db as? any SQLDatabase else { throw AppError.notFound }
        let elevators = try await scope.counts(in: ArchivedElevator.schema, by: "region_code", as: String.self, on: sql)
        let companies = try await scope.counts(in: ArchivedCompany.schema, by: "region_code", as: String.self, on: sql)
        let staff = try await scope.counts(in: ArchivedStaff.schema, by: "region_code", as: String.self, on: sql)
        let codes = Array(Set(elevators.keys).union(companies.keys).union(staff.keys)).sorted()
        let names = try await RegionDirectory(db: req.db).fullNames(codes)
        let counties = codes.map { CountyRow(name: names[$0] ?? $0, elevators: elevators[$0] ?? 0, companies: companies[$0] ?? 0, staff: staff[$0] ?? 0) }
        let totals = CountyRow(name: "合计", elevators: counties.reduce(0) { $0 + $1.elevators },
                               companies: counties.reduce(0) { $0 + $1.companies }, staff: counties.reduce(0) { $0 + $1.staff })

        let day = req.supervisionDay
        let months = Self.months(ending: day.today)
        let rates = try await CompanyVisitMonths.rates(scope, from: months.first!, on: sql)
        let companyNames = try await ArchivedCompany.approvedNames(Array(rates.keys), on: req.db)
        let rows = rates.map { id, byMonth in
            CompanyRow(name: companyNames[id] ?? "", cells: months.map { month in
                guard let (onTime, all) = byMonth[month], all > 0 else { return RateCell(text: "—", low: false) }
                let percent = Double(onTime) * 100 / Double(all)
                return RateCell(text: String(format: "%.0f%%（%d/%d）", percent, onTime, all), low: percent < 90)
            })
        }.sorted { $0.name < $1.name }
        return try await req.render("statistics", Page(
            layout: await req.layout("统计分析"), counties: counties, totals: totals, months: months,
            companies: rows, intervalDays: day.thresholds.halfMonthlyDays))
    }

    /// The last `monthsShown` months, "2026-06" … "2026-11".
    static func months(ending today: CivilDate) -> [String] {
        (0..<monthsShown).reversed().map { back in
            let index = today.year * 12 + (today.month - 1) - back
            return String(format: "%04d-%02d", index / 12, index % 12 + 1)
        }
    }
}
