import Fluent
import Vapor

/// The toolbar's actions on the selected rows of a register (审核上报, 撤回, 删除), the same for every
/// register: each applies to every selected record of the user's company, and one refusal does not
/// stop the others.
struct RegisterActions<R: RegisterRecord>: Sendable {
    let register: Register

    struct Selection: Content { var ids: [String]? }

    func submit(_ req: Request) async throws -> Response {
        try await each(req, done: "已审核上报") { record, filing, _ in
            try await req.filingService().submit(filing, snapshot: record.snapshot(), problems: [])
        }
    }

    func withdraw(_ req: Request) async throws -> Response {
        try await each(req, done: "已撤回") { _, filing, _ in try await req.filingService().withdraw(filing) }
    }

    func delete(_ req: Request) async throws -> Response {
        var deleted = 0, requested = 0
        let unit = register.unit
        let response = try await each(req, done: nil) { record, filing, company in
            switch try await RegisterService<R>(db: req.db, filings: req.filingService(), company: company)
                .delete(record, filing: filing) {
            case .deleted: deleted += 1
            case .deregistrationRequested: requested += 1
            }
        }
        var parts: [String] = []
        if deleted > 0 { parts.append("已删除\(deleted)\(unit)") }
        if requested > 0 { parts.append("\(requested)\(unit)已审核通过，已提交注销申请，待监管部门审核") }
        if !parts.isEmpty, req.session.data["flash"] == nil { req.flash(parts.joined(separator: "；") + "。") }
        return response
    }

    /// Runs `action` on each selected record of the user's company; a `FilingRefusal` is reported beside
    /// the record's name and does not stop the others.
    func each(_ req: Request, done: String?,
                      _ action: (R, Filing, Company) async throws -> Void) async throws -> Response {
        let company = try await req.ownCompany()
        let back = register.path(.list)
        let ids = (try req.content.decode(Selection.self).ids ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else {
            req.flash("请先选择一条记录", kind: .error)
            return req.redirect(to: back)
        }
        let companyID = try company.requireID()
        let records = try await R.query(on: req.db).filter(\._$id ~~ ids).filter(R.companyField == companyID).all()
        // Someone else's record among the selection: the whole request is "not found", nothing done.
        guard records.count == Set(ids).count else { throw AppError.notFound }
        let filings = try await R.filingsByRecord(ids, on: req.db)
        var succeeded = 0
        var refused: [String] = []
        for record in records {
            guard let id = record.id, let filing = filings[id] else { continue }
            do {
                try await action(record, filing, company)
                succeeded += 1
            } catch let refusal as FilingRefusal {
                refused.append("\(record.subject)：\(refusal.message)")
            }
        }
        if !refused.isEmpty {
            req.flash((succeeded > 0 ? "已处理\(succeeded)\(register.unit)；" : "") + "未处理：" + refused.joined(separator: "；"), kind: .error)
        } else if let done {
            req.flash("\(done)\(succeeded)\(register.unit)。")
        }
        return req.redirect(to: back)
    }
}

extension Register {
    /// The manual's toolbar (审核上报 添加 编辑 查看 删除 导入 导出 模板下载) and 撤回, for a company;
    /// a regulator, who reads a register but does not keep it, gets 查看 and 导出.
    func toolbar(_ req: Request, forCompany: Bool) -> [RegisterPage.ToolButton] {
        let oneRow = { (route: RegisterRoute) in path(route).replacingOccurrences(of: ":id", with: "{id}") }
        let view = RegisterPage.ToolButton(label: "查看", style: "secondary", select: "one", href: oneRow(.view(nil)), post: nil, confirm: nil)
        let export = RegisterPage.ToolButton(label: "导出", style: "secondary", select: "none",
                                             href: path(.export) + req.queryString(keeping: queryKeys), post: nil, confirm: nil)
        guard forCompany else { return [view, export] }
        return [
            .init(label: "审核上报", style: "warn", select: "many", href: nil, post: path(.submit),
                  confirm: "确定要将选中的\(noun)信息审核上报吗？"),
            .init(label: "添加", style: "primary", select: "none", href: path(.new), post: nil, confirm: nil),
            .init(label: "编辑", style: "secondary", select: "one", href: oneRow(.edit(nil)), post: nil, confirm: nil),
            view,
            .init(label: "删除", style: "danger", select: "many", href: nil, post: path(.delete), confirm: "您确定要删除选择的信息吗？"),
            .init(label: "导入", style: "secondary", select: "none", href: path(.importSheet), post: nil, confirm: nil),
            export,
            .init(label: "模板下载", style: "secondary", select: "none", href: path(.template), post: nil, confirm: nil),
            .init(label: "撤回", style: "secondary", select: "many", href: nil, post: path(.withdraw), confirm: "确定要撤回选中的审核中信息吗？"),
        ]
    }

    /// A page of records as the list's rows: the three status columns, then the register's own cells.
    func rows<R: RegisterRecord>(_ records: [R], on db: any Database, cells: (R) -> [String]) async throws -> [RegisterPage.Row] {
        let statuses = try await R.filingStatuses(records.compactMap(\.id), on: db)
        return records.compactMap { r in
            guard let id = r.id, let f = statuses[id] else { return nil }
            return .init(id: id.uuidString, reviewStatus: f.review, infoStatus: f.info, opinion: f.opinion, cells: cells(r))
        }
    }
}
