import Fluent
import SQLKit
import Supervision
import Validation
import Vapor
import XLSX

/// 签到异常: the flagged records behind each 监管看板 card (the last 30 days, not yet accepted) with their
/// export, and on a record the company's 情况说明 and a regulator's 采纳.
struct RecordFlagsController {
    /// The window the cards and lists count: records of the last 30 days.
    static let windowDays = 30

    static func card(_ flag: SiteFlag, count: Int) -> SupervisionController.Card {
        .init(title: flag.rawValue + "（近\(windowDays)天）", count: count, url: SiteURL.siteFlags(flag.code).path, violation: true)
    }

    /// The flagged records of the user's scope not yet accepted, of the window, newest visit first.
    static func query(_ req: Request, flag: SiteFlag, narrowed: Bool = true) async throws -> ListQuery<RecordFlag> {
        let scope = try await req.supervisionScope(narrowed: narrowed)
        let query = scope.apply(RecordFlag.query(on: req.db), company: \.$companyID, region: \.$regionCode)
            .filter(\.$flag == flag.code).filter(\.$acceptedAt == nil).filter(\.$workDate >= since(req))
        return ListQuery(query, ListOrder(\RecordFlag.$workDate, ascending: false))
    }

    /// The count of each flag as SQL, to be asked with the dashboard's other counts in one statement
    /// (`SupervisionController.cards`), from the same query as the lists behind the cards.
    static func counts(_ req: Request) async throws -> [any SQLExpression] {
        var counts: [any SQLExpression] = []
        for flag in SiteFlag.allCases { counts.append(try await query(req, flag: flag, narrowed: false).query.countSQL()) }
        return counts
    }

    /// Each flag's open records of the window, as parts of 监管看板's breakdowns (`SupervisionQueries.breakdowns`
    /// counts them per county and per company in the same two statements as the rules).
    static func breakdownParts(_ req: Request) -> [(table: String, condition: SQLQueryString?)] {
        let since = since(req)
        return SiteFlag.allCases.map { flag in
            (RecordFlag.schema, "flag = \(bind: flag.code) AND work_date >= \(bind: since) AND accepted_at IS NULL")
        }
    }

    /// A flag's list narrowed to one county or one company, as the breakdowns link it.
    static func listURL(_ flag: SiteFlag, region: String? = nil, company: UUID? = nil) -> String {
        SupervisionController.narrowed(SiteURL.siteFlags(flag.code).path, region: region, company: company)
    }

    /// The first work date of the window.
    static func since(_ req: Request) -> String {
        CivilDate(daysSince1970: req.clock.today().daysSince1970 - windowDays)?.iso ?? ""
    }

    static let columns = ["维保日期", "注册代码", "设备名称", "使用单位", "异常说明", "维保单位说明", "状态", "维保单位"]

    func list(_ req: Request) async throws -> Response {
        let flag = try Self.flag(req)
        let (rows, paging) = try await Self.query(req, flag: flag).page(req)
        let cells = try await Self.cells(rows, on: req.db)
        var page = RegisterPage(
            layout: await req.layout("监管看板"), title: flag.rawValue + "（近\(Self.windowDays)天，未采纳说明）",
            queryURL: SiteURL.siteFlags(flag.code).path, queryInputs: [],
            toolbar: [
                .init(label: "查看", style: "secondary", select: "one",
                      href: SiteURL.maintenance(.view(nil)).path.replacingOccurrences(of: ":id", with: "{id}"), post: nil, confirm: nil),
                .init(label: "导出", style: "secondary", select: "none", href: SiteURL.siteFlagsExport(flag.code).path, post: nil, confirm: nil),
            ],
            columns: Self.columns.map { .init(label: $0, sortURL: nil, mark: "") },
            rows: zip(rows, cells).map { RegisterPage.Row(id: $0.0.recordID.uuidString, cells: $0.1) },
            paging: paging, emptyText: "近\(Self.windowDays)天没有\(flag.rawValue)的维保记录")
        page.showsStatus = false
        return try await req.render("register-list", page)
    }

    func export(_ req: Request) async throws -> Response {
        let flag = try Self.flag(req)
        let query = try await Self.query(req, flag: flag)
        let db = req.db
        var count = 0
        let url = try await RegisterSpreadsheets.write(sheetName: flag.rawValue,
                                                      header: Self.columns.map { XLSXColumn(title: $0, width: 16, isText: true) }) { append in
            try await query.forEachBatch { rows in
                for row in try await Self.cells(rows, on: db) { try append(row) }
                count += rows.count
            }
        }
        try await req.auditExport(flag.rawValue, rows: count)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName(flag.rawValue, today: req.clock.today().iso), req)
    }

    private static func flag(_ req: Request) throws -> SiteFlag {
        guard let flag = SiteFlag(code: req.parameters.get("flag") ?? "") else { throw AppError.notFound }
        return flag
    }

    private static func cells(_ rows: [RecordFlag], on db: any Database) async throws -> [[String]] {
        var records: [UUID: MaintenanceRecord] = [:]
        for r in try await MaintenanceRecord.query(on: db).filter(\.$id ~~ rows.map(\.recordID)).all() { if let id = r.id { records[id] = r } }
        let names = try await Company.workingNames(rows.map(\.companyID), on: db)
        return rows.map { f in
            let r = records[f.recordID]
            return [f.workDate, r?.registrationCode ?? "", r?.equipmentName ?? "", r?.userUnit ?? "", f.detail, f.explanation,
                    f.stateTitle, names[f.companyID] ?? ""]
        }
    }

    // MARK: 情况说明 and 采纳

    struct ExplanationInput: Content { var explanation: String? }

    /// The company explains its record's open flags (one explanation for the record).
    func explain(_ req: Request) async throws -> Response {
        let record = try await req.visibleMaintenanceRecord()
        guard try await req.accessScope().ownCompany == record.companyID else { throw AppError.notFound }
        let text = TextNormalizer.normalizeFreeText(try req.content.decode(ExplanationInput.self).explanation ?? "")
        guard !text.isEmpty, text.count <= 500 else {
            return req.redirect(to: .maintenance(.view(record.id)), notice: "请填写情况说明（不超过500字）", kind: .error)
        }
        try await RecordFlag.query(on: req.db).filter(\.$recordID == record.requireID()).filter(\.$acceptedAt == nil)
            .set(\.$explanation, to: text).set(\.$explainedAt, to: req.clock.now()).update()
        return req.redirect(to: .maintenance(.view(record.id)), notice: "情况说明已提交，待监管部门采纳。")
    }

    /// A regulator of the record's region accepts the company's explanation: the flags stop counting.
    func accept(_ req: Request) async throws -> Response {
        let record = try await req.visibleMaintenanceRecord()
        let user = try req.requireUser()
        let now = req.clock.now()
        let open = try await RecordFlag.query(on: req.db).filter(\.$recordID == record.requireID()).filter(\.$acceptedAt == nil).all()
        guard !open.isEmpty, open.allSatisfy({ $0.explainedAt != nil }) else {
            return req.redirect(to: .maintenance(.view(record.id)), notice: "维保单位尚未提交情况说明，不能采纳", kind: .error)
        }
        try await req.db.transaction { db in
            for flag in open {
                flag.acceptedAt = now
                flag.acceptedByName = user.displayName
                try await flag.update(on: db)
            }
            // Accepted, the visit counts as on time in 统计分析 again.
            try await RecordFlags.recountMonths(of: record, settings: RecordFlagSettings(req.config), on: db)
            try await req.audit.on(db).record(.siteFlagsAccepted, by: user, detail: "维保记录\(record.registrationCode) \(record.workDate)："
                + open.compactMap { $0.siteFlag?.rawValue }.joined(separator: "、") + "；说明：\(open[0].explanation)")
        }
        return req.redirect(to: .maintenance(.view(record.id)), notice: "已采纳维保单位的情况说明。")
    }
}
