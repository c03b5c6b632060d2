import Fluent
import Supervision
import Validation
import Vapor
import XLSX

/// The list behind each count of the 监管看板: what the rule holds for the user's scope (narrowed by the
/// link to one county or company), paged and exportable.
struct SupervisionList {
    let rule: SupervisionRule
    let req: Request

    struct Row { let id: UUID; let cells: [String] }

    var columns: [String] {
        switch rule.subject {
        case .elevator:
            ["注册代码", "设备名称", "使用单位", "维保单位", "行政区划"]
                + ([.inspectionDueSoon, .inspectionOverdue].contains(rule) ? ["下次检验日期", "距今天数"] : ["最近一次\(levelName)维保", "已过天数"])
                + (halfMonthly ? ["维保周期", "应维保日期"] : [])
        case .staff: ["姓名", "单位名称", "工种", "证书号", "有效日期", "剩余天数", "预警"]
        case .company: ["单位名称", "证书编号", "级别", "有效日期", "剩余天数", "预警", "行政区划"]
        case .record: ["维保日期", "维保类型", "注册代码", "维保单位", "填报时间", "晚报天数"]
        }
    }

    private var level: MaintenanceLevel {
        switch rule {
        case .quarterlyOverdue: .quarterly
        case .halfYearlyOverdue: .halfYearly
        case .yearlyOverdue: .yearly
        default: .halfMonthly
        }
    }
    /// For the expiring certificates and qualifications: only those within this many days (one of the
    /// warning steps, 90/60/30/7), from `?within=`.
    private var within: Int? {
        guard [.certificateExpiring, .qualificationExpiring].contains(rule), let n = Int(req.queryText("within")),
              req.config.supervision.expiryWarningDays.contains(n) else { return nil }
        return n
    }

    /// The warning step an expiry date falls in ("30天内"), or "已过期".
    private static func step(_ expires: String, _ day: SupervisionDay) -> String {
        guard let date = CivilDate(iso: expires) else { return "" }
        return day.expiryStep(date).map { "\($0)天内" } ?? (day.daysUntil(date) < 0 ? "已过期" : "")
    }

    /// 超期未维保 and 即将超期 judge each elevator by its own interval, shown beside its due date.
    private var halfMonthly: Bool { [.overdue, .dueSoon].contains(rule) }
    private var levelName: String { level == .halfMonthly ? "" : level.rawValue }

    /// Where 查看 of a row leads: the archive page of the elevator, person or company, or the record.
    var viewPath: String {
        switch rule.subject {
        case .elevator: SiteURL.archive(.elevator, .view(nil)).path
        case .staff: SiteURL.archive(.staff, .view(nil)).path
        case .company: SiteURL.archive(.company, .view(nil)).path
        case .record: SiteURL.maintenance(.view(nil)).path
        }
    }

    /// The page's rows (or, for an export, each batch's) through `body`.
    func rows(page: Bool, _ body: ([Row]) async throws -> Void) async throws -> Paging? {
        let day = req.supervisionDay
        let scope = try await req.supervisionScope()
        let db = req.db
        switch rule.subject {
        case .elevator:
            let inspection = [.inspectionDueSoon, .inspectionOverdue].contains(rule)
            let field: KeyPath<ElevatorUpkeep, FieldProperty<ElevatorUpkeep, String>> = inspection ? \.$nextInspectionDate : {
                switch level {
                case .halfMonthly: \.$lastVisit
                case .quarterly: \.$lastQuarterly
                case .halfYearly: \.$lastHalfYearly
                case .yearly: \.$lastYearly
                }
            }()
            let list = ListQuery(SupervisionQueries.elevators(rule, day, scope, on: db), ListOrder(field, ascending: true))
            let convert = { (rows: [ElevatorUpkeep]) async throws -> [Row] in
                let ids = rows.compactMap(\.id)
                let archived = Dictionary(try await ArchivedElevator.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) },
                                          uniquingKeysWith: { a, _ in a })
                let names = try await ArchivedCompany.approvedNames(rows.map(\.companyID), on: db)
                return rows.compactMap { u in
                    guard let id = u.id, let a = archived[id] else { return nil }
                    let date = u[keyPath: field].value ?? ""
                    let days = CivilDate(iso: date).map { inspection ? day.daysUntil($0) : -day.daysUntil($0) }.map(String.init) ?? ""
                    let shown = !inspection && !u.visited ? "无记录（\(u.inServiceSince)起）" : date
                    let due = u.due(defaultDays: day.thresholds.halfMonthlyDays)
                    return Row(id: id, cells: [u.registrationCode, a.equipmentName, a.userUnit, names[u.companyID] ?? "", a.regionName, shown, days]
                        + (halfMonthly ? ["\(due.days)天" + (u.intervalDays == nil ? "" : "（按需）"), due.due] : []))
                }
            }
            return try await run(list, page: page, convert: convert, body)
        case .staff:
            let list = ListQuery(SupervisionQueries.staff(rule, day, scope, within: within, on: db),
                                 ListOrder(\ArchivedStaff.$certificateExpires, ascending: true))
            return try await run(list, page: page, convert: { rows in
                let names = try await ArchivedCompany.approvedNames(rows.map(\.companyID), on: db)
                return rows.compactMap { s in
                    s.id.map { Row(id: $0, cells: [s.name, names[s.companyID] ?? "", s.jobType, s.certificateNo, s.certificateExpires,
                                                 CivilDate(iso: s.certificateExpires).map { String(day.daysUntil($0)) } ?? "",
                                                 Self.step(s.certificateExpires, day)]) }
                }
            }, body)
        case .company:
            let list = ListQuery(SupervisionQueries.companies(rule, day, scope, within: within, on: db),
                                 ListOrder(\ArchivedCompany.$certificateExpires, ascending: true))
            return try await run(list, page: page, convert: { rows in
                rows.compactMap { c in
                    c.id.map { Row(id: $0, cells: [c.name, c.certificateNo, c.level, c.certificateExpires,
                                                 CivilDate(iso: c.certificateExpires).map { String(day.daysUntil($0)) } ?? "",
                                                 Self.step(c.certificateExpires, day), c.regionName]) }
                }
            }, body)
        case .record:
            let list = ListQuery(SupervisionQueries.lateRecords(day, scope, on: db), ListOrder(\MaintenanceRecord.$workDate, ascending: false))
            return try await run(list, page: page, convert: { rows in
                let names = try await ArchivedCompany.approvedNames(rows.map(\.companyID), on: db)
                return rows.compactMap { r in
                    r.id.map { Row(id: $0, cells: [r.workDate, r.level, r.registrationCode, names[r.companyID] ?? "",
                                                 DisplayDate.minute(r.filedAt), String(r.filingDelayDays)]) }
                }
            }, body)
        }
    }

    private func run<M: Model>(_ list: ListQuery<M>, page: Bool, convert: ([M]) async throws -> [Row],
                               _ body: ([Row]) async throws -> Void) async throws -> Paging? where M.IDValue: Hashable {
        if page {
            let (rows, paging) = try await list.page(req)
            try await body(try await convert(rows))
            return paging
        }
        try await list.forEachBatch { try await body(try await convert($0)) }
        return nil
    }

    // MARK: Pages

    func list() async throws -> Response {
        var shown: [Row] = []
        let paging = try await rows(page: true) { shown = $0 }
        let query = req.queryString(keeping: ["region", "company", "within"])
        var heading = rule.title + (within.map { "（\($0)天内）" } ?? "")
        let scope = try await req.supervisionScope()
        if let region = scope.region, req.queryText("region") != "" {
            heading += "：" + ((try await RegionDirectory(db: req.db).find(req.queryText("region")))?.fullName ?? region.prefix)
        }
        if req.queryText("company") != "", let id = scope.companyID, try await req.accessScope().acrossCompanies {
            heading += "：" + (try await ArchivedCompany.approvedNames([id], on: req.db)[id] ?? "")
        }
        var page = RegisterPage(
            layout: await req.layout(rule.title), title: heading, queryURL: SiteURL.supervisionRule(rule.rawValue).path,
            queryInputs: [],
            toolbar: [
                .init(label: "查看", style: "secondary", select: "one", href: viewPath.replacingOccurrences(of: ":id", with: "{id}"), post: nil, confirm: nil),
                .init(label: "导出", style: "secondary", select: "none", href: SiteURL.supervisionExport(rule.rawValue).path + query, post: nil, confirm: nil),
            ] + stepButtons(),
            columns: columns.map { .init(label: $0, sortURL: nil, mark: "") },
            rows: shown.map { RegisterPage.Row(id: $0.id.uuidString, cells: $0.cells) },
            paging: paging ?? Paging(req: req, page: 1, per: 20, total: shown.count), emptyText: "没有符合条件的记录")
        page.showsStatus = false
        page.hidesQuery = true
        return try await req.render("register-list", page)
    }

    /// For the expiring lists: one button per warning step (7天内 … 90天内), the chosen one highlighted.
    private func stepButtons() -> [RegisterPage.ToolButton] {
        guard [.certificateExpiring, .qualificationExpiring].contains(rule) else { return [] }
        let shown = within ?? req.config.supervision.expiryWarningDays.max()
        return req.config.supervision.expiryWarningDays.sorted().map { n in
            var c = URLComponents()
            c.queryItems = (URLComponents(string: req.url.string)?.queryItems ?? []).filter { ["region", "company"].contains($0.name) }
                + [URLQueryItem(name: "within", value: String(n))]
            return .init(label: "\(n)天内", style: n == shown ? "primary" : "secondary", select: "none",
                         href: SiteURL.supervisionRule(rule.rawValue).path + (c.string ?? ""), post: nil, confirm: nil)
        }
    }

    func export() async throws -> Response {
        let header = columns.map { XLSXColumn(title: $0, width: 16, isText: true) }
        var count = 0
        let url = try await RegisterSpreadsheets.write(sheetName: rule.title, header: header) { append in
            _ = try await rows(page: false) { batch in
                for r in batch { try append(r.cells) }
                count += batch.count
            }
        }
        try await req.auditExport("监管：" + rule.title, rows: count)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName(rule.title, today: req.clock.today().iso), req)
    }
}
