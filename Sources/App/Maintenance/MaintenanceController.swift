import Fluent
import Supervision
import Validation
import Vapor
import XLSX

/// 维保记录: companies file and correct their records; everyone reads those they may see.
struct MaintenanceController {
    // MARK: 新增 and 更正 (companies)

    func showNew(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        var input = MaintenanceInput()
        input.elevatorCode = req.queryText("registration_code")
        input.workDate = req.queryText("work_date").isEmpty ? req.clock.today().iso : req.queryText("work_date")
        input.level = req.queryText("level")
        // 载入维保项目 sends the whole form by GET: keep what was already filled in.
        if let form = try? req.query.decode([String: [String]].self) { input = MaintenanceInput(form: form, keepingDefaults: input) }
        let builder = MaintenanceFormBuilder(req: req, companyID: try company.requireID(), amending: nil)
        return try await req.render("maintenance-form", try await builder.page(input))
    }

    func create(_ req: Request) async throws -> Response {
        try await file(req, amending: nil)
    }

    /// 填写维保记录 for a 现场作业 visit (its company, or a worker who checked in to it): the visit's elevator
    /// and day, its checked-in workers chosen.
    func showForVisit(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        guard let context = try await visitContext(req) else { return try await recordFiled(req) }
        var input = MaintenanceInput()
        input.workers = context.checkedIn.map(\.uuidString)
        // Who signed for the user unit on the phone confirms the record too.
        if let signed = try await VisitConfirmation.find(context.visit.requireID(), on: req.db), signed.isSigned {
            input.confirmerName = signed.confirmerName
            input.confirmerPhone = signed.confirmerPhone
        }
        if let form = try? req.query.decode([String: [String]].self) { input = MaintenanceInput(form: form, keepingDefaults: input) }
        input.elevatorCode = context.visit.registrationCode
        input.workDate = context.day
        let builder = MaintenanceFormBuilder(req: req, companyID: try company.requireID(), amending: nil, visit: context)
        return try await req.render("maintenance-form", try await builder.page(input))
    }

    func fileForVisit(_ req: Request) async throws -> Response {
        guard let context = try await visitContext(req) else { return try await recordFiled(req) }
        return try await file(req, amending: nil, visit: context)
    }

    /// The visit the path names, if the user may see it and it has no record yet (nil: it has one).
    private func visitContext(_ req: Request) async throws -> MaintenanceFormBuilder.VisitContext? {
        let visit = try await VisitsController.visibleVisit(req)
        guard visit.recordID == nil else { return nil }
        let checks = try await VisitCheck.query(on: req.db).filter(\.$visitID == visit.requireID()).filter(\.$kind == .checkIn).all()
        return .init(visit: visit, checkedIn: Set(checks.map(\.staffFilingID)))
    }

    private func recordFiled(_ req: Request) async throws -> Response {
        let visit = try await VisitsController.visibleVisit(req)
        return req.redirect(to: .visit(visit.id), notice: "本次现场作业已填报过维保记录", kind: .info)
    }

    func showAmend(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        let original = try await ownRecord(req, company: company)
        var input = MaintenanceInput(record: original)
        if let form = try? req.query.decode([String: [String]].self), form["level"] != nil {
            input = MaintenanceInput(form: form, keepingDefaults: input)
        }
        let builder = MaintenanceFormBuilder(req: req, companyID: try company.requireID(), amending: original)
        return try await req.render("maintenance-form", try await builder.page(input))
    }

    func amend(_ req: Request) async throws -> Response {
        let company = try await req.ownCompany()
        return try await file(req, amending: try await ownRecord(req, company: company))
    }

    private func file(_ req: Request, amending: MaintenanceRecord?, visit: MaintenanceFormBuilder.VisitContext? = nil) async throws -> Response {
        let company = try await req.ownCompany()
        let companyID = try company.requireID()
        var input = MaintenanceInput(form: try req.content.decode([String: [String]].self))
        if let visit {
            // The elevator and the day are the check-in's, whatever the form says.
            input.elevatorCode = visit.visit.registrationCode
            input.workDate = visit.day
        }
        var validator = MaintenanceValidator(db: req.db, companyID: companyID, today: req.clock.today(),
                                             minimumWorkers: req.config.minimumMaintenanceWorkers)
        validator.checkedIn = visit?.checkedIn
        let builder = MaintenanceFormBuilder(req: req, companyID: companyID, amending: amending, visit: visit)
        switch try await validator.validate(input, amending: amending != nil) {
        case .failure(let errors):
            return try await req.render("maintenance-form", try await builder.page(input, errors: errors, formError: "填写有误，请按提示修改后再提交"),
                                        status: .unprocessableEntity)
        case .success(let valid):
            var service = MaintenanceService(db: req.db, now: req.clock.now(), user: try req.requireUser(),
                                             defaultIntervalDays: req.config.supervision.halfMonthlyDays)
            service.flagSettings = RecordFlagSettings(req.config)
            do {
                let record = try await service.file(valid, companyID: companyID, amends: amending, visit: try visit?.visit.requireID())
                // A worker reads the record on the visit's page; the maintenance list is the office's.
                let next: SiteURL = visit != nil && req.currentUser?.role == .worker ? .visit(visit?.visit.id) : .maintenance(.view(record.id))
                return req.redirect(to: next, notice: amending == nil ? "维保记录已提交" : "更正记录已提交，原记录保留")
            } catch AppError.conflict(let message) {
                return try await req.render("maintenance-form", try await builder.page(input, formError: message), status: .conflict)
            }
        }
    }

    /// The company's own record named by the path; any other is not found.
    private func ownRecord(_ req: Request, company: Company) async throws -> MaintenanceRecord {
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await MaintenanceRecord.find(id, on: req.db),
              record.companyID == company.id else { throw AppError.notFound }
        return record
    }

    // MARK: 查看 and 导出 (everyone, within their scope)

    func view(_ req: Request) async throws -> Response {
        let record = try await req.visibleMaintenanceRecord()
        let correction = try await MaintenanceRecord.query(on: req.db).filter(\.$amendsID == record.requireID()).first()
        let company = try await Company.find(record.companyID, on: req.db)
        let visit = try await VisitFlags.visit(of: record, on: req.db)
        var page = MaintenanceViewPage(
            layout: await req.layout("维保记录"), record: record, companyName: company?.name ?? "",
            forCompany: try await req.accessScope().ownCompany != nil, correction: correction)
        if let visit {
            let workers = try await VisitsController.workerNames(of: [visit.requireID()], on: req.db)[visit.requireID()] ?? []
            page.siteVisit = .init(label: "现场签到", value: "\(workers.joined(separator: "、"))于\(DisplayDate.minute(visit.startedAt))签到，"
                                       + (visit.minutesOnSite.map { "在场\($0)分钟" } ?? visit.shownStatus(now: req.clock.now()).title))
            let photos = try await VisitPhoto.query(on: req.db).filter(\.$visitID == visit.requireID()).sort(\.$receivedAt).all()
            page.confirmed = try await VisitConfirmation.find(visit.requireID(), on: req.db)
                .flatMap { VisitsController.confirmed($0, visitID: try visit.requireID()) }
            page.sitePhotos = VisitsController.photoSlots(photos, visitID: try visit.requireID(), required: 0).flatMap { slot in
                slot.photos.map { MaintenanceViewPage.SitePhoto(slot: slot.title, photo: $0) }
            }
        }
        page.siteVisitURL = visit.map { SiteURL.visit($0.id).path }
        let flags = try await RecordFlag.query(on: req.db).filter(\.$recordID == record.requireID()).all()
        page.flags = flags.map {
            MaintenanceViewPage.FlagLine(flag: $0.siteFlag?.rawValue ?? $0.flag, detail: $0.detail, state: $0.stateTitle, explanation: $0.explanation)
        }
        let open = flags.filter { $0.acceptedAt == nil }
        let role = try req.requireUser().role
        if !open.isEmpty, correction == nil {
            if role == .company { page.explainURL = SiteURL.recordExplanation(record.id).path }
            if [.regulator, .admin].contains(role), open.allSatisfy({ $0.explainedAt != nil }) { page.acceptURL = SiteURL.recordAcceptance(record.id).path }
        }
        return try await req.render("maintenance-view", page)
    }

    func export(_ req: Request) async throws -> Response {
        let forCompany = try await req.accessScope().ownCompany != nil
        let list = try await MaintenanceList.query(req)
        let header = MaintenanceList.columns(forCompany: forCompany).map { XLSXColumn(title: $0, width: 14, isText: true) }
        let db = req.db
        var count = 0
        let url = try await RegisterSpreadsheets.write(sheetName: "维保记录", header: header) { append in
            try await list.forEachBatch { records in
                count += records.count
                let corrected = try await MaintenanceList.correctedIDs(among: records, on: db)
                let names = try await MaintenanceList.companyNames(records, on: db, needed: !forCompany)
                for r in records {
                    try append(MaintenanceList.cells(r, corrected: r.id.map(corrected.contains) ?? false, company: names[r.companyID]))
                }
            }
        }
        try await req.auditExport("维保记录", rows: count)
        return try await RegisterSpreadsheets.download(url, as: RegisterSpreadsheets.fileName("维保记录", today: req.clock.today().iso), req)
    }
}

extension Request {
    /// The record named by the path, if it is in the user's scope (by its company and its elevator's region).
    func visibleMaintenanceRecord() async throws -> MaintenanceRecord {
        guard let id = parameters.get("id", as: UUID.self), let record = try await MaintenanceRecord.find(id, on: db),
              try await accessScope().contains(company: record.companyID, region: record.regionCode) else {
            throw AppError.notFound
        }
        return record
    }
}
