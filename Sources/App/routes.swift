import Supervision
import Vapor

/// Every route of the site, grouped by who may use it. Paths come from `SiteURL`.
func routes(_ app: Application) throws {
    // Probes for load balancers and monitors: no session, no CSRF, no user.
    let health = HealthController()
    app.get(SiteURL.healthz.pathComponents, use: health.alive)
    app.get(SiteURL.readyz.pathComponents, use: health.ready)
    app.get(SiteURL.metrics.pathComponents, use: MetricsController().metrics)

    let site = app.grouped(CurrentUserMiddleware(), PendingStepMiddleware(), CSRFMiddleware())

    do { // anyone: login, registration, password recovery, region picker
        let login = LoginController()
        site.get(SiteURL.login.pathComponents, use: login.show)
        site.post(SiteURL.login.pathComponents, use: login.submit)
        site.get(SiteURL.captcha.pathComponents, use: login.captcha)
        site.post(SiteURL.logout.pathComponents, use: login.logout)
        let secondStep = SecondFactorController()
        site.get(SiteURL.loginVerify.pathComponents, use: secondStep.showVerify)
        site.post(SiteURL.loginVerify.pathComponents, use: secondStep.submitVerify)

        let registration = RegistrationController()
        site.get(SiteURL.register.pathComponents, use: registration.show)
        site.post(SiteURL.register.pathComponents, use: registration.submit)

        let passwords = PasswordController()
        site.get(SiteURL.forgotPassword.pathComponents, use: passwords.showForgot)
        site.post(SiteURL.forgotPassword.pathComponents, use: passwords.submitForgot)
        site.get(SiteURL.resetPassword.pathComponents, use: passwords.showReset)
        site.post(SiteURL.resetPassword.pathComponents, use: passwords.submitReset)

        let regions = RegionController()
        site.get(SiteURL.regionChildren.pathComponents, use: regions.children)

        let pages = InfoPagesController()
        site.get(SiteURL.about.pathComponents, use: pages.about)
        site.get(SiteURL.publicLookup.pathComponents, use: PublicLookupController().show)
        // The QR sticker in the car: the public lookup, or check-in for the company's logged-in worker.
        site.get(SiteURL.safetyCodeScan(nil, nil).pathComponents, use: SafetyCodeController().scan)
    }

    let signedIn = site.grouped(RoleGuard(UserRole.allCases))
    do { // every logged-in user
        let home = HomeController()
        signedIn.get(SiteURL.home.pathComponents, use: home.show)

        let passwords = PasswordController()
        signedIn.get(SiteURL.changePassword.pathComponents, use: passwords.showChange)
        signedIn.post(SiteURL.changePassword.pathComponents, use: passwords.submitChange)
        let secondFactor = SecondFactorController()
        signedIn.get(SiteURL.secondFactor.pathComponents, use: secondFactor.show)
        signedIn.post(SiteURL.secondFactor.pathComponents, use: secondFactor.submit)

        let feedback = FeedbackController()
        signedIn.get(SiteURL.feedback.pathComponents, use: feedback.show)
        signedIn.post(SiteURL.feedback.pathComponents, use: feedback.submit)

    }

    let business = site.grouped(RoleGuard(UserRole.business))
    do { // the roles that work with supervision data; the security and audit administrators see none of it
        // 维保公司数据查询 (manual chapter 三): each list decides who sees which rows.
        addArchiveRoutes(ArchiveLists.elevators, to: business)
        addArchiveRoutes(ArchiveLists.companies, to: business)
        addArchiveRoutes(ArchiveLists.staff, to: business)

        let files = FileController()
        business.get(SiteURL.file(nil).pathComponents, use: files.download)
    }

    do { // 维保单位: the manual's 备案信息上报 (filled by later issues)
        let company = site.grouped(RoleGuard(.company))
        let filing = CompanyFilingController()
        company.get(SiteURL.companyFiling.pathComponents, use: filing.list)
        company.get(SiteURL.companyFilingEdit.pathComponents, use: filing.showEdit)
        company.post(SiteURL.companyFilingEdit.pathComponents, use: filing.saveEdit)
        company.get(SiteURL.companyFilingView.pathComponents, use: filing.view)
        company.post(SiteURL.companyFilingSubmit.pathComponents, use: filing.submit)
        company.post(SiteURL.companyFilingWithdraw.pathComponents, use: filing.withdraw)
        // Several certificates at once: the body may hold a few files of the configured size.
        company.on(.POST, SiteURL.companyAttachments.pathComponents,
                   body: .collect(maxSize: ByteCount(value: app.config.uploadMaxBytes * 5)), use: filing.upload)
        company.post(SiteURL.companyAttachmentRemove(nil).pathComponents, use: filing.removeAttachment)

        let uploadLimit = ByteCount(value: RegisterSheetReader.bodyLimit(configured: app.config.uploadMaxBytes))
        let staff = Register.staff
        company.get(staff.url(.list).pathComponents, use: StaffController().list)
        addRegisterRoutes(staff, keepers: company, readers: company, forms: StaffController.forms,
                          actions: StaffController.actions, sheets: StaffController.sheets, uploadLimit: uploadLimit)

        // Regulators and admins read the elevator register of their region (查看, 导出).
        let elevators = Register.elevators
        let readers = business
        readers.get(elevators.url(.list).pathComponents, use: ElevatorController().list)
        addRegisterRoutes(elevators, keepers: company, readers: readers, forms: ElevatorController.forms,
                          actions: ElevatorController.actions, sheets: ElevatorController.sheets, uploadLimit: uploadLimit)

        company.get(SiteURL.importReport(nil).pathComponents, use: ImportReports().download)

        // 维保签到: the workers' logins, the stickers, the visits.
        let workerAccounts = WorkerAccountActions()
        company.post(SiteURL.staffAccountsEnable.pathComponents, use: workerAccounts.enable)
        company.post(SiteURL.staffAccountsDisable.pathComponents, use: workerAccounts.disable)
        company.get(SiteURL.safetyCodes.pathComponents, use: SafetyCodeController().print)
        readers.get(SiteURL.visits.pathComponents, use: VisitsController().list)
        let flags = RecordFlagsController()
        readers.get(SiteURL.siteFlags(":flag").pathComponents, use: flags.list)
        readers.get(SiteURL.siteFlagsExport(":flag").pathComponents, use: flags.export)
        company.post(SiteURL.recordExplanation(nil).pathComponents, use: flags.explain)

        // 维保记录: companies file and correct; everyone reads within their scope.
        let maintenance = MaintenanceController()
        company.get(SiteURL.maintenance(.new).pathComponents, use: maintenance.showNew)
        company.post(SiteURL.maintenance(.new).pathComponents, use: maintenance.create)
        company.get(SiteURL.maintenance(.amend(nil)).pathComponents, use: maintenance.showAmend)
        company.post(SiteURL.maintenance(.amend(nil)).pathComponents, use: maintenance.amend)
        readers.get(SiteURL.maintenance(.list).pathComponents, use: MaintenanceList.list)
        readers.get(SiteURL.maintenance(.export).pathComponents, use: maintenance.export)
        readers.get(SiteURL.maintenance(.view(nil)).pathComponents, use: maintenance.view)

        // 监管: the dashboard for regulators and admins; the lists behind it for everyone, in their scope.
        // The lists behind the 监管看板's counts: everyone, in their scope (a company its own).
        readers.get(SiteURL.supervisionRule(":rule").pathComponents) { req async throws -> Response in
            guard let rule = SupervisionRule(rawValue: req.parameters.get("rule") ?? "") else { throw AppError.notFound }
            return try await SupervisionList(rule: rule, req: req).list()
        }
        readers.get(SiteURL.supervisionExport(":rule").pathComponents) { req async throws -> Response in
            guard let rule = SupervisionRule(rawValue: req.parameters.get("rule") ?? "") else { throw AppError.notFound }
            return try await SupervisionList(rule: rule, req: req).export()
        }
    }

    do { // 维保人员: check-in at the company's elevators and their own visits, nothing of the registers
        let worker = site.grouped(RoleGuard(.worker))
        let work = WorkController()
        worker.get(SiteURL.work.pathComponents, use: work.home)
        worker.get(SiteURL.workCheckIn(nil).pathComponents, use: work.showCheckIn)
        worker.post(SiteURL.workCheckIn(nil).pathComponents, use: work.checkIn)
        worker.post(SiteURL.workCheckInTyped.pathComponents, use: work.checkInTyped)
        let visits = VisitsController()
        worker.post(SiteURL.visitCheckOut(nil).pathComponents, use: visits.checkOut)
        let seers = site.grouped(RoleGuard(UserRole.business + [.worker]))
        seers.get(SiteURL.visit(nil).pathComponents, use: visits.view)
        // 现场照片: taken by the visit's workers, seen by whoever sees the visit. The body's cap is the photo's
        // own plus the form's few fields; the photo's limit is checked again on its bytes.
        let photos = VisitPhotosController()
        worker.on(.POST, SiteURL.visitPhotos(nil).pathComponents,
                  body: .collect(maxSize: ByteCount(value: app.config.photoMaxBytes + 64 * 1024)), use: photos.upload)
        seers.get(SiteURL.visitPhoto(nil, nil).pathComponents, use: photos.show)
        // 使用单位确认: on the worker's phone; the signature seen with the visit. A canvas's PNG as a data URL.
        let confirmation = VisitConfirmationController()
        worker.post(SiteURL.visitConfirmationCode(nil).pathComponents, use: confirmation.sendCode)
        worker.on(.POST, SiteURL.visitConfirmation(nil).pathComponents, body: .collect(maxSize: "512kb"), use: confirmation.confirm)
        seers.get(SiteURL.visitSignature(nil).pathComponents, use: confirmation.signature)
        // The record of a visit: filed by its company or by a worker who checked in to it.
        let filers = site.grouped(RoleGuard(.company, .worker))
        let maintenance = MaintenanceController()
        filers.get(SiteURL.visitRecord(nil).pathComponents, use: maintenance.showForVisit)
        filers.post(SiteURL.visitRecord(nil).pathComponents, use: maintenance.fileForVisit)
    }

    do { // 监管人员 and 系统管理员
        let supervisors = site.grouped(RoleGuard(.regulator, .admin))
        let review = ReviewController()
        supervisors.get(SiteURL.reviewQueue.pathComponents, use: review.queue)
        supervisors.get(SiteURL.reviewDetail(nil).pathComponents, use: review.detail)
        supervisors.post(SiteURL.reviewApprove(nil).pathComponents, use: review.approve)
        supervisors.post(SiteURL.reviewReject(nil).pathComponents, use: review.reject)
        supervisors.post(SiteURL.reviewBulkApprove.pathComponents, use: review.bulkApprove)
        supervisors.get(SiteURL.companyDetail(nil).pathComponents, use: CompanyFilingController().detail)

        // 监管看板 and 统计分析; 检验记录 and 维保周期 (of elevators in the regulator's region).
        supervisors.get(SiteURL.supervision.pathComponents, use: SupervisionController().dashboard)
        supervisors.get(SiteURL.statistics.pathComponents, use: StatisticsController().show)
        let inspections = InspectionController()
        supervisors.get(SiteURL.inspectionNew(nil).pathComponents, use: inspections.showNew)
        supervisors.post(SiteURL.inspectionNew(nil).pathComponents, use: inspections.create)
        let intervals = MaintenanceIntervalController()
        supervisors.get(SiteURL.maintenanceInterval(nil).pathComponents, use: intervals.show)
        supervisors.post(SiteURL.maintenanceInterval(nil).pathComponents, use: intervals.save)
        supervisors.post(SiteURL.safetyCodeRotate(nil).pathComponents, use: SafetyCodeController().rotate)
        // 确认位置 by a regulator; 填报位置 by the elevator's company until one is confirmed.
        site.grouped(RoleGuard(.company, .regulator, .admin)).post(SiteURL.elevatorLocation(nil).pathComponents, use: ElevatorLocationController().confirm)
        supervisors.post(SiteURL.recordAcceptance(nil).pathComponents, use: RecordFlagsController().accept)

        let companies = CompanyAccountsController()
        supervisors.get(SiteURL.companies.pathComponents, use: companies.list)
        supervisors.post(SiteURL.companyResetPassword(nil).pathComponents, use: companies.resetPassword)
    }

    do { // 系统管理员
        let admin = site.grouped(RoleGuard(.admin))
        let users = AdminUsersController()
        admin.get(SiteURL.adminUsers.pathComponents, use: users.list)
        admin.get(SiteURL.adminUserNew.pathComponents, use: users.showNew)
        admin.post(SiteURL.adminUserNew.pathComponents, use: users.create)
        admin.post(SiteURL.adminUserDisable(nil).pathComponents) { try await users.setDisabled($0, true) }
        admin.post(SiteURL.adminUserEnable(nil).pathComponents) { try await users.setDisabled($0, false) }
        admin.post(SiteURL.adminUserResetPassword(nil).pathComponents, use: users.resetPassword)
        admin.post(SiteURL.adminUserRegion(nil).pathComponents, use: users.changeRegion)

        let dictionaries = DictionaryController()
        admin.get(SiteURL.adminDictionaries.pathComponents, use: dictionaries.list)
        admin.post(SiteURL.adminDictionaryAdd.pathComponents, use: dictionaries.add)
        admin.post(SiteURL.adminDictionaryToggle(nil).pathComponents, use: dictionaries.toggle)
        let items = MaintenanceItemsController()
        admin.get(SiteURL.adminMaintenanceItems.pathComponents, use: items.list)
        admin.post(SiteURL.adminMaintenanceItemSave(nil).pathComponents, use: items.save)
        admin.post(SiteURL.adminMaintenanceItemToggle(nil).pathComponents, use: items.toggle)

        let logs = AdminLogsController()
        admin.get(SiteURL.adminOutbox.pathComponents, use: logs.outbox)
        admin.get(SiteURL.adminFeedback.pathComponents, use: logs.feedback)
    }

    do { // 安全管理员: locks and second factors; creates and edits no account
        let security = site.grouped(RoleGuard(.security))
        let accounts = SecurityAccountsController()
        security.get(SiteURL.securityAccounts.pathComponents, use: accounts.list)
        security.post(SiteURL.securityUnlock(nil).pathComponents, use: accounts.unlock)
        security.post(SiteURL.securityResetSecondFactor(nil).pathComponents, use: accounts.resetSecondFactor)
    }

    do { // 审计管理员: reads and exports the audit log, changes nothing (the log has no edit or delete route)
        let auditor = site.grouped(RoleGuard(.auditor))
        let audit = AuditLogController()
        auditor.get(SiteURL.adminAudit.pathComponents, use: audit.list)
        auditor.get(SiteURL.adminAuditExport.pathComponents, use: audit.export)
    }
}

/// The routes every register has besides its list: the company that keeps it adds, edits, submits,
/// deletes and imports; `readers` (the company, or also regulators) view and export.
private func addRegisterRoutes<R: RegisterRecord, Input: Content>(
    _ register: Register, keepers: any RoutesBuilder, readers: any RoutesBuilder, forms: RegisterForms<R, Input>,
    actions: RegisterActions<R>, sheets: RegisterSheetController<R>, uploadLimit: ByteCount
) {
    func path(_ route: RegisterRoute) -> [PathComponent] { register.url(route).pathComponents }
    keepers.get(path(.new), use: forms.showNew)
    keepers.post(path(.new), use: forms.create)
    keepers.get(path(.edit(nil)), use: forms.showEdit)
    keepers.post(path(.edit(nil)), use: forms.update)
    keepers.post(path(.submit), use: actions.submit)
    keepers.post(path(.withdraw), use: actions.withdraw)
    keepers.post(path(.delete), use: actions.delete)
    keepers.get(path(.template), use: sheets.template)
    keepers.get(path(.importSheet), use: sheets.showImport)
    keepers.on(.POST, path(.importSheet), body: .collect(maxSize: uploadLimit), use: sheets.runImport)
    readers.get(path(.export), use: sheets.export)
    readers.get(path(.view(nil)), use: forms.view)
}

/// 查找 (the list), 查看, 导出 and 历史 of one archive list.
private func addArchiveRoutes<A: ArchivedRecord>(_ list: ArchiveList<A>, to routes: any RoutesBuilder) {
    let kind = list.kind
    let archive = ArchiveController()
    routes.get(SiteURL.archive(kind, .list).pathComponents, use: list.list)
    routes.get(SiteURL.archive(kind, .export).pathComponents, use: list.export)
    routes.get(SiteURL.archive(kind, .view(nil)).pathComponents) { try await archive.view($0, kind) }
    routes.get(SiteURL.archive(kind, .history(nil)).pathComponents) { try await archive.history($0, kind) }
}
