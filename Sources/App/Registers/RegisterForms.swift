import Fluent
import Vapor

/// 添加, 编辑 and 查看 of a register's records: the same form page, the same rules about 审核中 and
/// about saving, for every register. The register supplies its input, fields and validation.
struct RegisterForms<R: RegisterRecord, Input: Content>: Sendable {
    /// A checked form: the values to save and what is accepted but worth a look.
    struct Checked { let valid: R.Valid; let warnings: [String] }

    let register: Register
    /// The form's name in headings: 维保人员, 电梯信息.
    let name: String
    /// The new record's form, with defaults (an elevator's 行政区划 is the company's).
    let blank: @Sendable (Company) -> Input
    let input: @Sendable (R) -> Input
    let fields: @Sendable (Request, Input) async throws -> [FormField]
    /// `existingID` is the record being edited: its own unique values are not duplicates.
    let validate: @Sendable (Request, Input, Company, _ existingID: UUID?) async throws -> Result<Checked, FieldErrors>

    struct FormPage: Encodable {
        let layout: Layout
        let heading: String
        let status: String
        let fields: [FormField]
        let action: String
        let backURL: String
        let formError: String?
        let locked: Bool
        /// Set when a field is a region: the page then carries the region picker.
        let regionPickerURL: String?
    }

    func showNew(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        return try await render(req, heading: "添加" + name, input: blank(company), errors: FieldErrors(),
                                action: register.path(.new), status: "")
    }

    func create(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        let input = try req.content.decode(Input.self)
        switch try await validate(req, input, company, nil) {
        case .failure(let errors):
            return try await render(req, heading: "添加" + name, input: input, errors: errors,
                                    action: register.path(.new), status: "", httpStatus: .unprocessableEntity)
        case .success(let checked):
            let record = try await RegisterService<R>(db: req.db, filings: req.filingService(), company: company).create(checked.valid)
            return req.redirect(to: register.url(.list),
                                notice: "已添加“\(record.subject)”。请选中后单击“审核上报”进行备案。" + Self.note(checked.warnings))
        }
    }

    func showEdit(_ req: Request) async throws -> Response {
        let (record, filing, _) = try await req.ownRecord(R.self)
        return try await render(req, heading: "编辑" + name, input: input(record), errors: FieldErrors(),
                                action: register.path(.edit(record.id)), status: Self.status(filing),
                                locked: filing.reviewStatus == .pending)
    }

    func update(_ req: Request) async throws -> Response {
        let (record, filing, company) = try await req.ownRecord(R.self)
        guard filing.reviewStatus != .pending else {
            req.flash(FilingRefusal.underReview.message, kind: .error)
            return req.redirect(to: register.path(.list))
        }
        let input = try req.content.decode(Input.self)
        switch try await validate(req, input, company, record.id) {
        case .failure(let errors):
            return try await render(req, heading: "编辑" + name, input: input, errors: errors,
                                    action: register.path(.edit(record.id)), status: Self.status(filing),
                                    httpStatus: .unprocessableEntity)
        case .success(let checked):
            do {
                try await RegisterService<R>(db: req.db, filings: req.filingService(), company: company)
                    .update(record, filing: filing, with: checked.valid)
            } catch let refusal as FilingRefusal {
                req.flash(refusal.message, kind: .error)
                return req.redirect(to: register.path(.list))
            }
            return req.redirect(to: register.url(.list),
                                notice: "已保存“\(record.subject)”。信息修改以后，需要重新单击“审核上报”进行备案。" + Self.note(checked.warnings))
        }
    }

    /// 查看: the record's fields, statuses, opinion and history.
    func view(_ req: Request) async throws -> Response {
        let (record, filing) = try await req.visibleRecord(R.self)
        return try await req.render("filing-view", FilingViewPage.build(
            req, filing: filing, heading: record.subject, snapshot: record.snapshot(), attachments: [],
            backURL: register.path(.list)))
    }

    private func render(_ req: Request, heading: String, input: Input, errors: FieldErrors, action: String,
                        status: String, locked: Bool = false, httpStatus: HTTPStatus = .ok) async throws -> Response {
        let fields = try await fields(req, input).with(errors: errors)
        return try await req.render("register-form", FormPage(
            layout: await req.layout(heading), heading: heading, status: status, fields: fields, action: action,
            backURL: register.path(.list), formError: errors.isEmpty ? nil : "请按提示修改标红的内容", locked: locked,
            regionPickerURL: fields.contains { $0.kind == .region } ? SiteURL.regionChildren.path : nil),
            status: httpStatus)
    }

    static func status(_ f: Filing) -> String { "\(f.reviewStatus.rawValue)/\(f.infoStatus.rawValue)" }

    private static func note(_ warnings: [String]) -> String {
        warnings.isEmpty ? "" : "提示：" + warnings.joined(separator: "；") + "。"
    }
}
