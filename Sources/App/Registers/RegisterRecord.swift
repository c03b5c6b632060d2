import Fluent
import SQLKit
import Vapor

/// A record on a company's register (a maintenance worker, an elevator), each with its own filing.
/// The register machinery — selection actions, changes, import and export — works on any of them
/// through this protocol; each register keeps only its fields and rules.
protocol RegisterRecord: Model where IDValue == UUID {
    /// The checked values of one record, from the form or an import row.
    associatedtype Valid: Sendable

    static var filingKind: FilingKind { get }
    static var companyField: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    /// The field that identifies the record system-wide (身份证号, 注册代码): one company holds it at a time.
    static var keyField: KeyPath<Self, FieldProperty<Self, String>> { get }

    var companyID: UUID { get set }
    var createdAt: Date { get set }
    var key: String { get }
    /// How messages and the review queue name the record: a person's name, an elevator's code.
    var subject: String { get }
    /// The region whose regulators review the record: the company's for staff, the elevator's own.
    func regionCode(company: Company) -> String
    func snapshot() -> FilingSnapshot
    func apply(_ valid: Valid)

    /// Why the record cannot be deleted (records that depend on it), or nil.
    static func deletionBlocker(_ id: UUID, on db: any Database) async throws -> String?
}

/// What differs between registers besides the record: their names, columns and paths.
struct Register: Sendable {
    let kind: FilingKind
    /// The menu's and page's title (维保人员上报).
    let title: String
    /// The list's heading (维保人员信息上报).
    let heading: String
    /// What the register holds, in messages (人员, 电梯), and how they are counted (人, 台).
    let noun: String
    let unit: String
    /// The sheet's name in the template and the export, and the start of their file names.
    let sheetName: String
    let columns: [SheetColumn]
    /// The query form's parameters, carried into 导出 so that it exports what the list shows.
    let queryKeys: [String]
    /// The import page's explanation of which columns are text and what identifies a row.
    let importNote: String

    func url(_ route: RegisterRoute) -> SiteURL { .register(kind, route) }
    func path(_ route: RegisterRoute) -> String { url(route).path }

    /// A column's title in the sheet, for error reports ("身份证号").
    func title(of key: String) -> String { columns.first { $0.key == key }?.title ?? key }
}

extension RegisterRecord {
    /// The three status columns of a page of records (审核状态, 信息状态, 审核意见), read as plain values: a
    /// whole `Filing` model per row cost more than the rest of the row (BENCHMARKS.md).
    static func filingStatuses(_ ids: [UUID], on db: any Database) async throws -> [UUID: (review: String, info: String, opinion: String)] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: (review: String, info: String, opinion: String)] = [:]
        let rows = try await db.sql().raw("""
            SELECT record_id, review_status, info_status, opinion FROM filings
            WHERE kind = \(bind: filingKind.rawValue) AND record_id IN \(SQLGroupExpression(ids.map { SQLBind($0) }))
            """).all()
        for row in rows {
            let review = try row.decode(column: "review_status", as: String.self)
            result[try row.decode(column: "record_id", as: UUID.self)] =
                (review, try row.decode(column: "info_status", as: String.self),
                 Filing.opinionText(try row.decode(column: "opinion", as: String?.self), reviewStatus: review))
        }
        return result
    }

    static func filingsByRecord(_ ids: [UUID], on db: any Database) async throws -> [UUID: Filing] {
        var result: [UUID: Filing] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for f in try await Filing.query(on: db).filter(\.$kind == filingKind).filter(\.$recordID ~~ chunk).all() {
                result[f.recordID] = f
            }
        }
        return result
    }
}

extension Request {
    /// The logged-in user's company; anyone else is refused.
    func ownCompany() async throws -> Company {
        guard let id = try requireUser().companyID, let company = try await Company.find(id, on: db) else {
            throw AppError.forbidden
        }
        return company
    }

    /// The record named by the path, if the user's company holds it; anyone else's is "not found".
    func ownRecord<R: RegisterRecord>(_ type: R.Type) async throws -> (R, Filing, Company) {
        let company = try await ownCompany()
        guard let id = parameters.get("id", as: UUID.self), let record = try await R.find(id, on: db),
              record.companyID == company.id,
              let filing = try await R.filingsByRecord([id], on: db)[id] else { throw AppError.notFound }
        return (record, filing, company)
    }

    /// The record named by the path, if the user may see it (its filing in the user's `AccessScope`).
    func visibleRecord<R: RegisterRecord>(_ type: R.Type) async throws -> (R, Filing) {
        guard let id = parameters.get("id", as: UUID.self), let record = try await R.find(id, on: db),
              let filing = try await R.filingsByRecord([id], on: db)[id], try await canSee(filing) else { throw AppError.notFound }
        return (record, filing)
    }

    /// The current query form's parameters, for links that must keep them (导出).
    func queryString(keeping keys: [String]) -> String {
        let items = (URLComponents(string: url.string)?.queryItems ?? []).filter { keys.contains($0.name) }
        guard !items.isEmpty else { return "" }
        var c = URLComponents()
        c.queryItems = items
        return c.string ?? ""
    }
}

/// Conditions on the filing's statuses of each listed record, read from the copies on the record's own row
/// (M036), so that a list narrowed by them walks an index and looks up no filing.
extension RegisterRecord {
    /// The 审核状态 query: records whose filing has one of `statuses`. `testedPerRow`, on SQLite, keeps the
    /// condition out of index planning (unary `+`): a list across companies sorted by another column than
    /// the default then walks the sort's index and tests each row, where the planner otherwise chose the
    /// status index and sorted every row of that status (13 req/s for a regulator of 新乡市, sorted by
    /// 检验日期). Elsewhere the plain condition is best: the planner's statistics (`PlannerStatistics`) lead it
    /// to the status index in the default order and to the sort's index for a company (measured at 500,000).
    static func filter(_ query: QueryBuilder<Self>, reviewStatus statuses: [ReviewStatus], testedPerRow: Bool = false) {
        guard !statuses.isEmpty else { return }
        let sqlite = (query.database as? any SQLDatabase)?.dialect.name == "sqlite"
        let column = SQLColumn(SQLIdentifier("review_status"), table: SQLIdentifier(schema))
        let values = SQLGroupExpression(statuses.map { SQLBind($0.rawValue) })
        query.filter(.sql(embed: testedPerRow && sqlite ? "+\(column) IN \(values)" : "\(column) IN \(values)"))
    }

    /// Leaves out what a company has only drafted and never submitted (待上报 and 新增): a regulator's
    /// register shows what was reported, not a company's unfinished work.
    static func hideUnsubmittedDrafts(_ query: QueryBuilder<Self>) {
        query.filter(.sql(embed: """
            NOT (\(ident: schema).review_status = \(bind: ReviewStatus.draft.rawValue) AND \(ident: schema).info_status = \(bind: InfoStatus.new.rawValue))
            """))
    }

    /// The 审核状态 choices of the query form, ticked as asked.
    static func reviewStatusInput(_ req: Request) -> RegisterPage.QueryInput {
        let asked = Set(requestedReviewStatuses(req).map(\.rawValue))
        return .init(name: "review_status", label: "审核状态", value: "",
                     choices: ReviewStatus.allCases.map { .init(value: $0.rawValue, checked: asked.contains($0.rawValue)) })
    }

    /// The list's total straight from the kept counts (`FilingCount`), exact and without counting rows, when
    /// the query form narrows by nothing but 审核状态: the rows listed are then exactly the open filings the
    /// counts keep — a company's own; a regulator's by approved region, without drafts never submitted (as
    /// the register's query applies them). Counting even 10,001 rows of a city's register was a third of its
    /// page's CPU under load (BENCHMARKS.md). nil when any other query field is filled in (whatever fields the
    /// register has, now or later): the list counts its rows.
    static func keptTotal(_ req: Request) async throws -> Int? {
        guard !CountCap.narrows(req, besides: ["review_status"]) else { return nil }
        let scope = try await req.accessScope()
        let statuses = requestedReviewStatuses(req)
        return try await FilingCount.total(filingKind, in: scope, statuses: statuses.isEmpty ? nil : statuses,
                                           withoutUnsubmittedDrafts: scope.ownCompany == nil, on: req.db)
    }

    static func requestedReviewStatuses(_ req: Request) -> [ReviewStatus] {
        ((try? req.query.get([String].self, at: "review_status")) ?? []).compactMap(ReviewStatus.init(rawValue:))
    }
}
