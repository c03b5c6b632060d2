import Fluent
import Vapor

/// 维保信息上报 (manual 2.1): the company's own information in a one-row table with 编辑, 查看,
/// 审核上报 (and 撤回); the edit form; attachments.
struct CompanyFilingController {
    struct ListPage: Encodable {
        let layout: Layout
        let rows: [Row]
        let editURL: String
        let viewURL: String
        let submitURL: String
        let withdrawURL: String
    }

    struct Row: Encodable {
        let id: String
        let reviewStatus: String
        let infoStatus: String
        let opinion: String
        let name: String
        let certificateNo: String
        let issued: String
        let expires: String
        let regionName: String
        let level: String
        let officeAddress: String
    }

    func list(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        let c = record.company
        let row = Row(id: try record.filing.requireID().uuidString, reviewStatus: record.filing.reviewStatus.rawValue,
                      infoStatus: record.filing.infoStatus.rawValue, opinion: record.filing.opinionText, name: c.name,
                      certificateNo: c.certificateNo, issued: c.certificateIssued ?? "", expires: c.certificateExpires ?? "",
                      regionName: record.regionName, level: c.level.map { "\($0)级" } ?? "", officeAddress: c.officeAddress ?? "")
        return try await req.render("company-filing", ListPage(
            layout: await req.layout("维保信息上报"), rows: [row], editURL: SiteURL.companyFilingEdit.path,
            viewURL: SiteURL.companyFilingView.path, submitURL: SiteURL.companyFilingSubmit.path,
            withdrawURL: SiteURL.companyFilingWithdraw.path))
    }

    // MARK: 编辑

    struct EditPage: Encodable {
        let layout: Layout
        let fields: [FormField]
        let action: String
        let backURL: String
        let regionPickerURL: String
        let attachments: [AttachmentView]
        let uploadURL: String
        let maxMB: Int
        let locked: Bool
        let status: String
    }

    func showEdit(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        return try await renderEdit(req, record, input: CompanyInfoInput(record.company), regionName: record.regionName, errors: FieldErrors())
    }

    func saveEdit(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        guard record.filing.reviewStatus != .pending else {
            req.flash(FilingRefusal.underReview.message, kind: .error)
            return req.redirect(to: SiteURL.companyFiling.path)
        }
        let input = try req.content.decode(CompanyInfoInput.self)
        let before = record.snapshot
        switch try await CompanyInfoValidator(db: req.db, today: req.clock.today()).validate(input, for: record.company) {
        case .failure(let errors):
            let regionName = try await RegionDirectory(db: req.db).find(input.regionCode)?.fullName
            return try await renderEdit(req, record, input: input, regionName: regionName, errors: errors, status: .unprocessableEntity)
        case .success(let company):
            let regionName = try await RegionDirectory(db: req.db).find(company.regionCode)?.fullName ?? company.regionCode
            let after = company.snapshot(regionName: regionName, attachments: record.attachments)
            let service = req.filingService()
            try await req.db.transaction { db in
                try await company.update(on: db)
                try await service.recordEdit(record.filing, subject: company.name, regionCode: company.jurisdictionCode,
                                             before: before, after: after, on: db)
            }
            let changed = !after.changes(from: before).isEmpty
            return req.redirect(to: .companyFiling, notice: changed
                ? "已保存。信息修改后需要选中本单位并单击“审核上报”，经监管部门审核通过后生效。" : "信息未改变。")
        }
    }

    private func renderEdit(_ req: Request, _ record: CompanyFiling, input: CompanyInfoInput, regionName: String?,
                            errors: FieldErrors, status: HTTPStatus = .ok) async throws -> Response {
        let locked = record.filing.reviewStatus == .pending
        return try await req.render("company-filing-edit", EditPage(
            layout: await req.layout("编辑维保单位信息"), fields: input.fields(regionName: regionName).with(errors: errors),
            action: SiteURL.companyFilingEdit.path,
            backURL: SiteURL.companyFiling.path, regionPickerURL: SiteURL.regionChildren.path,
            attachments: record.attachments.map { AttachmentView($0, removable: !locked) },
            uploadURL: SiteURL.companyAttachments.path + "?_csrf=" + (req.csrfToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            maxMB: req.config.uploadMaxBytes / 1024 / 1024, locked: locked,
            status: "\(record.filing.reviewStatus.rawValue)/\(record.filing.infoStatus.rawValue)"), status: status)
    }

    // MARK: 查看

    func view(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        return try await renderView(req, record, backURL: SiteURL.companyFiling.path)
    }

    /// A regulator's or admin's view of any company in scope, with its history.
    func detail(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let record = try await CompanyFiling.load(companyID: id, on: req.db)
        guard try await req.canSee(record.filing) else { throw AppError.notFound }
        return try await renderView(req, record, backURL: SiteURL.companies.path)
    }

    private func renderView(_ req: Request, _ record: CompanyFiling, backURL: String) async throws -> Response {
        try await req.render("filing-view", FilingViewPage.build(
            req, filing: record.filing, heading: record.company.name, snapshot: record.snapshot,
            attachments: record.attachments.map { AttachmentView($0, removable: false) }, backURL: backURL))
    }

    // MARK: 审核上报 / 撤回

    func submit(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        do {
            try await req.filingService().submit(record.filing, snapshot: record.snapshot,
                                                 problems: record.company.submissionProblems(attachmentCount: record.attachments.count))
            req.flash("已审核上报，请等待监管部门审核。")
        } catch let refusal as FilingRefusal {
            req.flash(refusal.message, kind: .error)
        }
        return req.redirect(to: SiteURL.companyFiling.path)
    }

    func withdraw(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        do {
            try await req.filingService().withdraw(record.filing)
            req.flash("已撤回，可以修改后重新审核上报。")
        } catch let refusal as FilingRefusal {
            req.flash(refusal.message, kind: .error)
        }
        return req.redirect(to: SiteURL.companyFiling.path)
    }

    // MARK: 附件

    struct UploadInput: Content {
        var files: [File]?
    }

    func upload(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        let files = (try? req.content.decode(UploadInput.self).files) ?? []
        let uploads = files.filter { !$0.filename.isEmpty || $0.data.readableBytes > 0 }
            .map { AttachmentService.Upload(name: $0.filename, data: Data(buffer: $0.data)) }
        switch try await attachmentService(req).add(uploads, to: record, uploadedBy: req.filingActor.name) {
        case .success(let count):
            req.flash("已上传\(count)个附件。附件变更后需要重新审核上报。")
        case .failure(let refused):
            req.flash("上传失败，所有文件均未保存：" + refused.problems.joined(separator: "；"), kind: .error)
        }
        return req.redirect(to: SiteURL.companyFilingEdit.path + "#attachments")
    }

    func removeAttachment(_ req: Request) async throws -> Response {
        let record = try await CompanyFiling.own(req)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        do {
            try await attachmentService(req).remove(id, from: record)
            req.flash("已删除附件。附件变更后需要重新审核上报。")
        } catch let refusal as FilingRefusal {
            req.flash(refusal.message, kind: .error)
        }
        return req.redirect(to: SiteURL.companyFilingEdit.path + "#attachments")
    }

    private func attachmentService(_ req: Request) -> AttachmentService {
        AttachmentService(db: req.db, storage: req.application.fileStorage, maxBytes: req.config.uploadMaxBytes,
                          filings: req.filingService())
    }
}
