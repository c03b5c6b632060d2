import Fluent
import Vapor

/// 维保人员上报 (manual 2.2): the company's staff register.
struct StaffController {
    static let sortable: [String: KeyPath<StaffMember, FieldProperty<StaffMember, String>>] = [
        "name": \.$name, "certificate_issued": \.$certificateIssued,
    ]

    /// The company's staff matching the query form (查询条件), unsorted.
    static func listQuery(_ req: Request, company: Company) throws -> QueryBuilder<StaffMember> {
        let name = req.queryText("name"), phone = req.queryText("phone"), idNumber = req.queryText("id_number")
        let query = StaffMember.query(on: req.db).filter(\.$companyID == (try company.requireID()))
        if !name.isEmpty { SubstringSearch.staff.filter(query, column: "name", field: \.$name, contains: name, on: req.db) }
        if !phone.isEmpty { SubstringSearch.staff.filter(query, column: "phone", field: \.$phone, contains: phone, on: req.db) }
        if !idNumber.isEmpty { query.filter(\.$idNumber ~~ idNumber.uppercased()) }
        return query
    }

    func list(_ req: Request) async throws -> Response {
        let company = try await Self.ownCompany(req)
        let name = req.queryText("name"), phone = req.queryText("phone"), idNumber = req.queryText("id_number")
        let query = try Self.listQuery(req, company: company)
        let sort = RegisterSort(req, allowed: Set(Self.sortable.keys))
        if let key = sort.key, let field = Self.sortable[key] {
            query.sort(field, sort.ascending ? .ascending : .descending)
        } else {
            query.sort(\.$createdAt, .descending)
        }
        let (staff, paging) = try await query.sort(\.$id).page(req)
        let filings = try await Self.filingsByRecord(staff.compactMap(\.id), on: req.db)
        let rows = staff.compactMap { s -> RegisterPage.Row? in
            guard let id = s.id, let f = filings[id] else { return nil }
            return .init(id: id.uuidString, reviewStatus: f.reviewStatus.rawValue, infoStatus: f.infoStatus.rawValue,
                         opinion: f.opinionText,
                         cells: [s.name, s.jobType, s.idNumber, s.certificateNo, s.phone, s.certificateIssued])
        }
        return try await req.render("register-list", RegisterPage(
            layout: await req.layout("维保人员上报"), title: "维保人员信息上报", queryURL: SiteURL.staffFiling.path,
            queryInputs: [.init(name: "name", label: "维保人姓名", value: name), .init(name: "phone", label: "维保人手机", value: phone),
                          .init(name: "id_number", label: "身份证号", value: idNumber)],
            toolbar: [
                .init(label: "审核上报", style: "warn", select: "many", href: nil, post: SiteURL.staffSubmit.path,
                      confirm: "确定要将选中的人员信息审核上报吗？"),
                .init(label: "添加", style: "primary", select: "none", href: SiteURL.staffNew.path, post: nil, confirm: nil),
                .init(label: "编辑", style: "secondary", select: "one", href: SiteURL.staffEdit(nil).path.replacingOccurrences(of: ":id", with: "{id}"), post: nil, confirm: nil),
                .init(label: "查看", style: "secondary", select: "one", href: SiteURL.staffView(nil).path.replacingOccurrences(of: ":id", with: "{id}"), post: nil, confirm: nil),
                .init(label: "删除", style: "danger", select: "many", href: nil, post: SiteURL.staffDelete.path, confirm: "您确定要删除选择的信息吗？"),
                .init(label: "导入", style: "secondary", select: "none", href: SiteURL.staffImport.path, post: nil, confirm: nil),
                .init(label: "导出", style: "secondary", select: "none", href: SiteURL.staffExport.path + Self.queryString(req), post: nil, confirm: nil),
                .init(label: "模板下载", style: "secondary", select: "none", href: SiteURL.staffTemplate.path, post: nil, confirm: nil),
                .init(label: "撤回", style: "secondary", select: "many", href: nil, post: SiteURL.staffWithdraw.path, confirm: "确定要撤回选中的审核中信息吗？"),
            ],
            columns: [sort.head("姓名", key: "name", req: req), sort.head("工种", key: nil, req: req),
                      sort.head("身份证号", key: nil, req: req), sort.head("证书号", key: nil, req: req),
                      sort.head("联系方式", key: nil, req: req), sort.head("发证日期", key: "certificate_issued", req: req)],
            rows: rows, paging: paging, emptyText: "没有符合条件的维保人员"))
    }

    // MARK: 添加 / 编辑

    struct FormPageModel: Encodable {
        let layout: Layout
        let heading: String
        let status: String
        let fields: [FormField]
        let action: String
        let backURL: String
        let formError: String?
        let locked: Bool
    }

    func showNew(_ req: Request) async throws -> Response {
        _ = try await Self.ownCompany(req)
        return try await renderForm(req, heading: "添加维保人员", input: StaffInput(), errors: FieldErrors(),
                                    action: SiteURL.staffNew.path, status: "")
    }

    func create(_ req: Request) async throws -> Response {
        let company = try await Self.ownCompany(req)
        let input = try req.content.decode(StaffInput.self)
        switch try await Self.validator(req).validate(input, companyID: company.requireID(), existingID: nil) {
        case .failure(let errors):
            return try await renderForm(req, heading: "添加维保人员", input: input, errors: errors,
                                        action: SiteURL.staffNew.path, status: "", httpStatus: .unprocessableEntity)
        case .success(let valid):
            let staff = try await service(req, company).create(valid)
            return req.redirect(to: .staffFiling, notice: "已添加“\(staff.name)”。请选中后单击“审核上报”进行备案。")
        }
    }

    func showEdit(_ req: Request) async throws -> Response {
        let (staff, filing, _) = try await ownStaff(req)
        return try await renderForm(req, heading: "编辑维保人员", input: StaffInput(staff), errors: FieldErrors(),
                                    action: SiteURL.staffEdit(staff.id).path, status: Self.status(filing),
                                    locked: filing.reviewStatus == .pending)
    }

    func update(_ req: Request) async throws -> Response {
        let (staff, filing, company) = try await ownStaff(req)
        guard filing.reviewStatus != .pending else {
            req.flash(FilingRefusal.underReview.message, kind: .error)
            return req.redirect(to: SiteURL.staffFiling.path)
        }
        let input = try req.content.decode(StaffInput.self)
        switch try await Self.validator(req).validate(input, companyID: company.requireID(), existingID: staff.id) {
        case .failure(let errors):
            return try await renderForm(req, heading: "编辑维保人员", input: input, errors: errors,
                                        action: SiteURL.staffEdit(staff.id).path, status: Self.status(filing),
                                        httpStatus: .unprocessableEntity)
        case .success(let valid):
            do {
                try await service(req, company).update(staff, filing: filing, with: valid)
            } catch let refusal as FilingRefusal {
                req.flash(refusal.message, kind: .error)
                return req.redirect(to: SiteURL.staffFiling.path)
            }
            return req.redirect(to: .staffFiling, notice: "已保存“\(staff.name)”。信息修改以后，需要重新单击“审核上报”进行备案。")
        }
    }

    private func renderForm(_ req: Request, heading: String, input: StaffInput, errors: FieldErrors, action: String,
                            status: String, locked: Bool = false, httpStatus: HTTPStatus = .ok) async throws -> Response {
        let jobTypes = try await DictionaryEntry.values(.jobType, on: req.db)
        return try await req.render("register-form", FormPageModel(
            layout: await req.layout(heading), heading: heading, status: status,
            fields: input.fields(jobTypes: jobTypes).with(errors: errors), action: action,
            backURL: SiteURL.staffFiling.path, formError: errors.isEmpty ? nil : "请按提示修改标红的内容", locked: locked),
            status: httpStatus)
    }

    // MARK: 查看

    func view(_ req: Request) async throws -> Response {
        let (staff, filing, _) = try await ownStaff(req)
        return try await req.render("filing-view", FilingViewPage.build(
            req, filing: filing, heading: staff.name, snapshot: staff.snapshot(), attachments: [], backURL: SiteURL.staffFiling.path))
    }

    // MARK: 审核上报 / 撤回 / 删除 — on every selected row

    struct Selection: Content { var ids: [String]? }

    func submit(_ req: Request) async throws -> Response {
        try await each(req, done: "已审核上报") { staff, filing, _ in
            try await req.filingService().submit(filing, snapshot: staff.snapshot(), problems: [])
        }
    }

    func withdraw(_ req: Request) async throws -> Response {
        try await each(req, done: "已撤回") { _, filing, _ in try await req.filingService().withdraw(filing) }
    }

    func delete(_ req: Request) async throws -> Response {
        var deleted = 0, requested = 0
        let response = try await each(req, done: nil) { staff, filing, company in
            switch try await service(req, company).delete(staff, filing: filing) {
            case .deleted: deleted += 1
            case .deregistrationRequested: requested += 1
            }
        }
        var parts: [String] = []
        if deleted > 0 { parts.append("已删除\(deleted)人") }
        if requested > 0 { parts.append("\(requested)人已审核通过，已提交注销申请，待监管部门审核") }
        if !parts.isEmpty, req.session.data["flash"] == nil { req.flash(parts.joined(separator: "；") + "。") }
        return response
    }

    /// Applies `action` to each selected person of the user's company; one refusal does not stop the others.
    private func each(_ req: Request, done: String?,
                      _ action: (StaffMember, Filing, Company) async throws -> Void) async throws -> Response {
        let company = try await Self.ownCompany(req)
        let ids = (try req.content.decode(Selection.self).ids ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty else {
            req.flash("请先选择一条记录", kind: .error)
            return req.redirect(to: SiteURL.staffFiling.path)
        }
        let companyID = try company.requireID()
        let staff = try await StaffMember.query(on: req.db).filter(\.$id ~~ ids).filter(\.$companyID == companyID).all()
        guard staff.count == Set(ids).count else { throw AppError.notFound }
        let filings = try await Self.filingsByRecord(ids, on: req.db)
        var succeeded = 0
        var refused: [String] = []
        for s in staff {
            guard let id = s.id, let filing = filings[id] else { continue }
            do {
                try await action(s, filing, company)
                succeeded += 1
            } catch let refusal as FilingRefusal {
                refused.append("\(s.name)：\(refusal.message)")
            }
        }
        if !refused.isEmpty {
            req.flash((succeeded > 0 ? "已处理\(succeeded)人；" : "") + "未处理：" + refused.joined(separator: "；"), kind: .error)
        } else if let done {
            req.flash("\(done)\(succeeded)人。")
        }
        return req.redirect(to: SiteURL.staffFiling.path)
    }

    // MARK: Loading, always within the user's own company

    /// The current query form's parameters, for the export of the same rows.
    static func queryString(_ req: Request) -> String {
        let items = (URLComponents(string: req.url.string)?.queryItems ?? []).filter { ["name", "phone", "id_number"].contains($0.name) }
        guard !items.isEmpty else { return "" }
        var c = URLComponents()
        c.queryItems = items
        return c.string ?? ""
    }

    static func ownCompany(_ req: Request) async throws -> Company {
        guard let id = try req.requireUser().companyID, let company = try await Company.find(id, on: req.db) else {
            throw AppError.forbidden
        }
        return company
    }

    /// The person named by the path, if the user's company filed them; anyone else's is "not found".
    private func ownStaff(_ req: Request) async throws -> (StaffMember, Filing, Company) {
        let company = try await Self.ownCompany(req)
        guard let id = req.parameters.get("id", as: UUID.self),
              let staff = try await StaffMember.find(id, on: req.db), staff.companyID == company.id,
              let filing = try await Self.filingsByRecord([id], on: req.db)[id] else { throw AppError.notFound }
        return (staff, filing, company)
    }

    static func filingsByRecord(_ ids: [UUID], on db: any Database) async throws -> [UUID: Filing] {
        let filings = try await Filing.query(on: db).filter(\.$kind == .staff).filter(\.$recordID ~~ ids).all()
        return Dictionary(filings.map { ($0.recordID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func validator(_ req: Request) async throws -> StaffValidator {
        StaffValidator(db: req.db, today: req.clock.today(), jobTypes: try await DictionaryEntry.values(.jobType, on: req.db))
    }

    private func service(_ req: Request, _ company: Company) -> StaffService {
        StaffService(db: req.db, filings: req.filingService(), company: company)
    }

    static func status(_ f: Filing) -> String { "\(f.reviewStatus.rawValue)/\(f.infoStatus.rawValue)" }
}
