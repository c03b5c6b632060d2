import Fluent
import Validation
import Vapor

/// 维保人员上报 (manual 2.2): the company's staff register. The list is the staff's own; forms,
/// selection actions and sheets are the shared register machinery.
struct StaffController {
    static let register = Register.staff
    static let sortable: [String: KeyPath<StaffMember, FieldProperty<StaffMember, String>>] = [
        "name": \.$name, "certificate_issued": \.$certificateIssued,
    ]

    /// The company's staff matching the query form (查询条件), in the list's order.
    @Sendable static func listQuery(_ req: Request) async throws -> ListQuery<StaffMember> {
        let company = try await req.ownCompany()
        let name = TextNormalizer.normalizeFreeText(req.queryText("name"))
        let phone = TextNormalizer.normalize(req.queryText("phone")), idNumber = TextNormalizer.normalize(req.queryText("id_number"))
        let query = StaffMember.query(on: req.db).filter(\.$companyID == (try company.requireID()))
        if !name.isEmpty { try await SubstringSearch.staff.filter(query, column: "name", field: \.$name, contains: name, on: req.db) }
        if !phone.isEmpty { try await SubstringSearch.staff.filter(query, column: "phone", field: \.$phone, contains: phone, on: req.db) }
        if !idNumber.isEmpty { query.filter(\.$idNumber ~~ idNumber.uppercased()) }
        StaffMember.filter(query, reviewStatus: StaffMember.requestedReviewStatuses(req))
        return ListQuery(query, RegisterSort(req, allowed: Set(sortable.keys)).order(sortable: sortable, newestFirst: \StaffMember.$createdAt))
    }

    func list(_ req: Request) async throws -> Response {
        let register = Self.register
        let query = try await Self.listQuery(req)
        let sort = RegisterSort(req, allowed: Set(Self.sortable.keys))
        let known = try await StaffMember.keptTotal(req)
        let (staff, paging) = try await query.page(req, knownTotal: known)
        let accounts = try await Self.workerAccounts(of: staff, on: req.db)
        let rows = try await register.rows(staff, on: req.db) {
            [$0.name, $0.jobType, $0.idNumber, $0.certificateNo, $0.phone, $0.certificateIssued, $0.id.flatMap { accounts[$0] } ?? "未开通"]
        }
        return try await req.render("register-list", RegisterPage(
            layout: await req.layout(register.title), title: register.heading, queryURL: register.path(.list),
            queryInputs: [.init(name: "name", label: "维保人姓名", value: req.queryText("name")),
                          .init(name: "phone", label: "维保人手机", value: req.queryText("phone")),
                          .init(name: "id_number", label: "身份证号", value: req.queryText("id_number")),
                          StaffMember.reviewStatusInput(req)],
            toolbar: register.toolbar(req, forCompany: true) + [
                .init(label: "开通作业账号", style: "secondary", select: "many", href: nil, post: SiteURL.staffAccountsEnable.path,
                      confirm: "将为选中的、已审核通过的人员开通手机作业账号（用户名为w加手机号），并以短信告知本人设置密码。确定吗？"),
                .init(label: "停用作业账号", style: "secondary", select: "many", href: nil, post: SiteURL.staffAccountsDisable.path,
                      confirm: "停用后，选中人员将不能再登录签到。确定吗？"),
            ],
            columns: [sort.head("姓名", key: "name", req: req), sort.head("工种", key: nil, req: req),
                      sort.head("身份证号", key: nil, req: req), sort.head("证书号", key: nil, req: req),
                      sort.head("联系方式", key: nil, req: req), sort.head("发证日期", key: "certificate_issued", req: req),
                      sort.head("作业账号", key: nil, req: req)],
            rows: rows, paging: paging, emptyText: "没有符合条件的维保人员"))
    }

    /// 作业账号 of each staff record on the page: the login's user name, or that it is turned off.
    static func workerAccounts(of staff: [StaffMember], on db: any Database) async throws -> [UUID: String] {
        let filings = try await StaffMember.filingsByRecord(staff.compactMap(\.id), on: db)
        let accounts = try await WorkerAccounts.accounts(of: filings.values.compactMap(\.id), on: db)
        var shown: [UUID: String] = [:]
        for (record, filing) in filings {
            guard let id = filing.id, let user = accounts[id] else { continue }
            shown[record] = user.disabled ? "已停用" : user.username
        }
        return shown
    }

    static func validator(_ req: Request) async throws -> StaffValidator {
        StaffValidator(db: req.db, today: req.clock.today(), jobTypes: try await DictionaryEntry.values(.jobType, on: req.db))
    }

    static let forms = RegisterForms<StaffMember, StaffInput>(
        register: register, name: "维保人员",
        blank: { _ in StaffInput() },
        input: { StaffInput($0) },
        fields: { req, input in input.fields(jobTypes: try await DictionaryEntry.values(.jobType, on: req.db)) },
        validate: { req, input, company, existingID in
            try await validator(req).validate(input, companyID: company.requireID(), existingID: existingID)
                .map { .init(valid: $0, warnings: []) }
        })

    static let sheets = RegisterSheetController<StaffMember>(
        register: register, listQuery: listQuery, cells: \.sheetCells,
        rules: { req in .staff(try await validator(req)) })

    static let actions = RegisterActions<StaffMember>(register: register)
}
