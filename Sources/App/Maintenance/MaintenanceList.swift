import Fluent
import Supervision
import Validation
import Vapor

/// 维保记录: the records a user may see — a company its own, a regulator those of elevators in its
/// region, an admin all — by 注册代码 (any part), 维保日期 range and 维保类型, newest visit first.
enum MaintenanceList {
    static let queryKeys = ["registration_code", "from", "to", "level", "company"]

    static func query(_ req: Request) async throws -> ListQuery<MaintenanceRecord> {
        let scope = try await req.accessScope()
        let query = try scope.apply(MaintenanceRecord.query(on: req.db), company: \.$companyID, region: \.$regionCode, listed: true)
        let code = TextNormalizer.normalize(req.queryText("registration_code"))
        if !code.isEmpty {
            query.filter(\.$elevatorFilingID ~~ (try await SubstringSearch.archivedElevatorIDs(containing: code, on: req.db)))
        }
        if let from = TextDate.parse(req.queryText("from")) { query.filter(\.$workDate >= from.iso) }
        if let to = TextDate.parse(req.queryText("to")) { query.filter(\.$workDate <= to.iso) }
        let levels = ((try? req.query.get([String].self, at: "level")) ?? []).filter { MaintenanceLevel(rawValue: $0) != nil }
        if !levels.isEmpty { query.filter(\.$level ~~ levels) }
        let company = req.queryText("company")
        if !company.isEmpty, scope.acrossCompanies {
            query.filter(\.$companyID ~~ (try await Company.query(on: req.db).filter(\.$name ~~ company).all(\.$id)))
        }
        return ListQuery(query, ListOrder(\MaintenanceRecord.$workDate, ascending: false))
    }

    static func list(_ req: Request) async throws -> Response {
        let forCompany = try await req.accessScope().ownCompany != nil
        let (records, paging) = try await query(req).page(req)
        let superseded = try await correctedIDs(among: records, on: req.db)
        let names = try await companyNames(records, on: req.db, needed: !forCompany)
        let one = { (route: MaintenanceRoute) in SiteURL.maintenance(route).path.replacingOccurrences(of: ":id", with: "{id}") }
        var toolbar: [RegisterPage.ToolButton] = []
        if forCompany {
            toolbar.append(.init(label: "新增维保记录", style: "primary", select: "none", href: SiteURL.maintenance(.new).path, post: nil, confirm: nil))
        }
        toolbar.append(.init(label: "查看", style: "secondary", select: "one", href: one(.view(nil)), post: nil, confirm: nil))
        if forCompany {
            toolbar.append(.init(label: "更正", style: "secondary", select: "one", href: one(.amend(nil)), post: nil, confirm: nil))
        }
        toolbar.append(.init(label: "导出", style: "secondary", select: "none",
                             href: SiteURL.maintenance(.export).path + req.queryString(keeping: queryKeys), post: nil, confirm: nil))
        let chosen = Set((try? req.query.get([String].self, at: "level")) ?? [])
        var inputs: [RegisterPage.QueryInput] = []
        if !forCompany { inputs.append(.init(name: "company", label: "维保单位", value: req.queryText("company"))) }
        inputs += [
            .init(name: "registration_code", label: "注册代码", value: req.queryText("registration_code")),
            .init(name: "from", label: "维保日期从", value: req.queryText("from"), type: "date"),
            .init(name: "to", label: "到", value: req.queryText("to"), type: "date"),
            .init(name: "level", label: "维保类型", value: "",
                  choices: MaintenanceLevel.allCases.map { .init(value: $0.rawValue, checked: chosen.contains($0.rawValue)) }),
        ]
        var page = RegisterPage(
            layout: await req.layout("维保记录"), title: "维保记录", queryURL: SiteURL.maintenance(.list).path,
            queryInputs: inputs, toolbar: toolbar,
            columns: columns(forCompany: forCompany).map { .init(label: $0, sortURL: nil, mark: "") },
            rows: records.compactMap { r in
                r.id.map { RegisterPage.Row(id: $0.uuidString, cells: cells(r, corrected: superseded.contains($0), company: names[r.companyID])) }
            },
            paging: paging, emptyText: "没有符合条件的维保记录")
        page.showsStatus = false
        return try await req.render("register-list", page)
    }

    static func columns(forCompany: Bool) -> [String] {
        ["维保日期", "维保类型", "注册代码", "设备名称", "使用单位", "维保人员", "确认人", "填报时间", "备注"] + (forCompany ? [] : ["维保单位"])
    }

    static func cells(_ r: MaintenanceRecord, corrected: Bool, company: String?) -> [String] {
        var note: [String] = []
        if r.amendsID != nil { note.append("更正记录") }
        if corrected { note.append("已被更正") }
        if let late = MaintenanceRecord.lateDays(r), late > 0 { note.append("补录（晚\(late)天）") }
        return [r.workDate, r.level, r.registrationCode, r.equipmentName, r.userUnit,
                r.workerList.map(\.name).joined(separator: "、"), r.confirmerName, DisplayDate.minute(r.filedAt),
                note.joined(separator: "，")] + (company.map { [$0] } ?? [])
    }

    /// Which of these records a later record corrects.
    static func correctedIDs(among records: [MaintenanceRecord], on db: any Database) async throws -> Set<UUID> {
        let ids = records.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        return Set(try await MaintenanceRecord.query(on: db).filter(\.$amendsID ~~ ids).all(\.$amendsID).compactMap { $0 })
    }

    static func companyNames(_ records: [MaintenanceRecord], on db: any Database, needed: Bool) async throws -> [UUID: String] {
        needed ? try await Company.workingNames(records.map(\.companyID), on: db) : [:]
    }
}

extension MaintenanceRecord {
    /// The elevator's records in force (those no record corrects; a correction may name another
    /// elevator), with the columns its summaries need, not each record's checklist.
    static func inForce(ofElevator filingID: UUID, on db: any Database) async throws -> [MaintenanceRecord] {
        let records = try await MaintenanceRecord.query(on: db).filter(\.$elevatorFilingID == filingID)
            .field(\.$id).field(\.$workDate).field(\.$level).field(\.$amendsID).field(\.$companyID).field(\.$regionCode).all()
        let corrected = try await MaintenanceList.correctedIDs(among: records, on: db)
        return records.filter { !corrected.contains($0.id ?? UUID()) }
    }

    /// Days between the visit and its filing when beyond the allowed delay (补录), else 0.
    static func lateDays(_ r: MaintenanceRecord, allowed: Int = SupervisionThresholds().lateFilingDays) -> Int? {
        r.filingDelayDays > allowed ? r.filingDelayDays : 0
    }
}
