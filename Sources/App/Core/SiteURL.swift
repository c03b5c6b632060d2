import Vapor

/// Every path of the site, in one place: routes are registered from it and links are built from
/// it, so a renamed path cannot leave a dead link behind.
enum SiteURL: Equatable {
    case home
    case login
    case logout
    case captcha
    case register
    case forgotPassword
    case resetPassword
    case changePassword
    /// The login's second step (TOTP or recovery code), and 两步验证: enrolment and recovery codes.
    case loginVerify
    case secondFactor
    case feedback
    case about
    /// The load balancer's probes: alive, and ready to serve.
    case healthz
    case readyz
    /// Prometheus's scrape (token or this machine only).
    case metrics
    case regionChildren
    case regionFullName

    // 备案信息上报 and 维保公司数据查询 (filled by later issues)
    case companyFiling
    case companyFilingEdit
    case companyFilingView
    case companyFilingSubmit
    case companyFilingWithdraw
    case companyAttachments
    case companyAttachmentRemove(UUID?)
    case file(UUID?)
    case companyDetail(UUID?)
    case reviewDetail(UUID?)
    case reviewApprove(UUID?)
    case reviewReject(UUID?)
    case reviewBulkApprove
    /// 维保人员上报 and 电梯信息上报: the same routes under each register's path.
    case staff(RegisterRoute)
    case elevators(RegisterRoute)
    case importReport(UUID?)
    /// 维保公司数据查询 (manual chapter 三): the approved records of each kind.
    case archive(FilingKind, ArchiveRoute)
    case maintenance(MaintenanceRoute)
    /// 监管看板, and the list (and export) behind one rule's count.
    case supervision
    case statistics
    /// 电梯信息查询: public, no login.
    case publicLookup
    case supervisionRule(String)
    case supervisionExport(String)
    /// 录入检验结果 for an archived elevator (`:id` is its filing's).
    case inspectionNew(UUID?)
    /// 设置维保周期 (按需维保) for an archived elevator.
    case maintenanceInterval(UUID?)
    case reviewQueue

    // 维保签到 (issue 15): the worker's pages, the visits, the code in the car
    /// 我的作业: the worker's start page (open visits, check-in by typed numbers, recent visits).
    case work
    case workCheckIn(UUID?)
    case workCheckInTyped
    /// 现场作业: the visits a user may see, one visit, its check-out.
    case visits
    case visit(UUID?)
    case visitCheckOut(UUID?)
    /// 现场照片: a worker adds one to a visit; one photo (`?size=thumb`: its thumbnail).
    case visitPhotos(UUID?)
    case visitPhoto(UUID?, UUID?)
    /// 使用单位确认: the code to the confirmer's mobile, the signature (and code), the signature's image.
    case visitConfirmationCode(UUID?)
    case visitConfirmation(UUID?)
    case visitSignature(UUID?)
    /// 填写维保记录 for a visit: the maintenance form with its elevator, day and checked-in workers.
    case visitRecord(UUID?)
    /// 打印安全码 for a selection of the company's elevators; the URL in the sticker; 更换安全码.
    case safetyCodes
    case safetyCodeScan(UUID?, String?)
    case safetyCodeRotate(UUID?)
    /// 确认位置: a regulator confirms or corrects where an archived elevator stands.
    case elevatorLocation(UUID?)
    /// A record's 签到异常: the company's 情况说明, a regulator's 采纳; the flagged records behind a card, and their export.
    case recordExplanation(UUID?)
    case recordAcceptance(UUID?)
    case siteFlags(String)
    case siteFlagsExport(String)
    /// 开通作业账号 / 停用作业账号 on the staff register's selection.
    case staffAccountsEnable
    case staffAccountsDisable

    // Accounts and companies, for regulators and admins
    case companies
    case companyResetPassword(UUID?)
    case adminUsers
    case adminUserNew
    case adminUserDisable(UUID?)
    case adminUserEnable(UUID?)
    case adminUserResetPassword(UUID?)
    case adminUserRegion(UUID?)
    case adminOutbox
    case adminAudit
    /// 导出 of the audit log, filtered as the page is.
    case adminAuditExport
    case adminFeedback
    case adminDictionaries
    case adminDictionaryAdd
    case adminDictionaryToggle(UUID?)
    case adminMaintenanceItems
    /// Saves a maintenance item; "new" in place of the id adds one.
    case adminMaintenanceItemSave(UUID?)
    case adminMaintenanceItemToggle(UUID?)

    // 安全管理员
    case securityAccounts
    case securityUnlock(UUID?)
    case securityResetSecondFactor(UUID?)

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .captcha: "/captcha"
        case .register: "/register"
        case .forgotPassword: "/password/forgot"
        case .resetPassword: "/password/reset"
        case .changePassword: "/password/change"
        case .loginVerify: "/login/verify"
        case .secondFactor: "/account/two-factor"
        case .feedback: "/feedback"
        case .about: "/about"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        case .metrics: "/metrics"
        case .regionChildren: "/regions/children"
        case .regionFullName: "/regions/name"
        case .companyFiling: "/filing/company"
        case .companyFilingEdit: "/filing/company/edit"
        case .companyFilingView: "/filing/company/view"
        case .companyFilingSubmit: "/filing/company/submit"
        case .companyFilingWithdraw: "/filing/company/withdraw"
        case .companyAttachments: "/filing/company/attachments"
        case .companyAttachmentRemove(let id): "/filing/company/attachments/\(Self.segment(id))/remove"
        case .file(let id): "/files/\(Self.segment(id))"
        case .companyDetail(let id): "/companies/\(Self.segment(id))"
        case .reviewDetail(let id): "/review/\(Self.segment(id))"
        case .reviewApprove(let id): "/review/\(Self.segment(id))/approve"
        case .reviewReject(let id): "/review/\(Self.segment(id))/reject"
        case .reviewBulkApprove: "/review/approve"
        case .staff(let route): "/filing/staff" + route.suffix
        case .elevators(let route): "/filing/elevators" + route.suffix
        case .importReport(let id): "/import-reports/\(Self.segment(id))"
        case .archive(let kind, let route): "/archive/" + Self.archiveFolder(kind) + route.suffix
        case .maintenance(let route): "/maintenance" + route.suffix
        case .supervision: "/supervision"
        case .publicLookup: "/lookup"
        case .statistics: "/statistics"
        case .supervisionRule(let rule): "/supervision/\(rule)"
        case .supervisionExport(let rule): "/supervision/\(rule)/export"
        case .inspectionNew(let id): "/archive/elevators/\(Self.segment(id))/inspection"
        case .maintenanceInterval(let id): "/archive/elevators/\(Self.segment(id))/interval"
        case .reviewQueue: "/review"
        case .work: "/work"
        case .workCheckIn(let id): "/work/elevators/\(Self.segment(id))/check-in"
        case .workCheckInTyped: "/work/check-in"
        case .visits: "/visits"
        case .visit(let id): "/visits/\(Self.segment(id))"
        case .visitCheckOut(let id): "/visits/\(Self.segment(id))/check-out"
        case .visitRecord(let id): "/visits/\(Self.segment(id))/record"
        case .visitPhotos(let id): "/visits/\(Self.segment(id))/photos"
        case .visitConfirmationCode(let id): "/visits/\(Self.segment(id))/confirmation/code"
        case .visitConfirmation(let id): "/visits/\(Self.segment(id))/confirmation"
        case .visitSignature(let id): "/visits/\(Self.segment(id))/signature"
        case .visitPhoto(let id, let photo): "/visits/\(Self.segment(id))/photos/\(photo?.uuidString ?? ":photo")"
        case .safetyCodes: "/safety-codes"
        case .safetyCodeScan(let id, let token): "/q/\(Self.segment(id))/\(token ?? ":token")"
        case .safetyCodeRotate(let id): "/archive/elevators/\(Self.segment(id))/safety-code"
        case .elevatorLocation(let id): "/archive/elevators/\(Self.segment(id))/location"
        case .recordExplanation(let id): "/maintenance/\(Self.segment(id))/explanation"
        case .recordAcceptance(let id): "/maintenance/\(Self.segment(id))/accept"
        case .siteFlags(let flag): "/site-flags/\(flag)"
        case .siteFlagsExport(let flag): "/site-flags/\(flag)/export"
        case .staffAccountsEnable: "/filing/staff/accounts/enable"
        case .staffAccountsDisable: "/filing/staff/accounts/disable"
        case .companies: "/companies"
        case .companyResetPassword(let id): "/companies/\(Self.segment(id))/reset-password"
        case .adminUsers: "/admin/users"
        case .adminUserNew: "/admin/users/new"
        case .adminUserDisable(let id): "/admin/users/\(Self.segment(id))/disable"
        case .adminUserEnable(let id): "/admin/users/\(Self.segment(id))/enable"
        case .adminUserResetPassword(let id): "/admin/users/\(Self.segment(id))/reset-password"
        case .adminUserRegion(let id): "/admin/users/\(Self.segment(id))/region"
        case .adminOutbox: "/admin/outbox"
        case .adminAudit: "/admin/audit"
        case .adminAuditExport: "/admin/audit/export"
        case .adminFeedback: "/admin/feedback"
        case .adminDictionaries: "/admin/dictionaries"
        case .adminDictionaryAdd: "/admin/dictionaries/add"
        case .adminDictionaryToggle(let id): "/admin/dictionaries/\(Self.segment(id))/toggle"
        case .adminMaintenanceItems: "/admin/maintenance-items"
        case .adminMaintenanceItemSave(let id): "/admin/maintenance-items/\(Self.segment(id))"
        case .adminMaintenanceItemToggle(let id): "/admin/maintenance-items/\(Self.segment(id))/toggle"
        case .securityAccounts: "/security/accounts"
        case .securityUnlock(let id): "/security/accounts/\(Self.segment(id))/unlock"
        case .securityResetSecondFactor(let id): "/security/accounts/\(Self.segment(id))/reset-two-factor"
        }
    }

    /// The route pattern: parameterised cases (built with `nil`) name their parameter `:id`.
    var pathComponents: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    fileprivate static func segment(_ id: UUID?) -> String { id?.uuidString ?? ":id" }

    private static func archiveFolder(_ kind: FilingKind) -> String {
        switch kind {
        case .elevator: "elevators"
        case .company: "companies"
        case .staff: "staff"
        }
    }

    /// A register's page for one kind of filed record.
    static func register(_ kind: FilingKind, _ route: RegisterRoute) -> SiteURL {
        kind == .elevator ? .elevators(route) : .staff(route)
    }
}

/// The pages every register has, below its own path.
enum RegisterRoute: Equatable {
    case list, new, edit(UUID?), view(UUID?), submit, withdraw, delete, template, export, importSheet

    var suffix: String {
        switch self {
        case .list: ""
        case .new: "/new"
        case .edit(let id): "/\(SiteURL.segment(id))/edit"
        case .view(let id): "/\(SiteURL.segment(id))"
        case .submit: "/submit"
        case .withdraw: "/withdraw"
        case .delete: "/delete"
        case .template: "/template"
        case .export: "/export"
        case .importSheet: "/import"
        }
    }
}

/// 维保记录: the list, a new record, one record, its correction (更正) and the export.
enum MaintenanceRoute: Equatable {
    case list, new, view(UUID?), amend(UUID?), export

    var suffix: String {
        switch self {
        case .list: ""
        case .new: "/new"
        case .view(let id): "/\(SiteURL.segment(id))"
        case .amend(let id): "/\(SiteURL.segment(id))/amend"
        case .export: "/export"
        }
    }
}

/// The pages of each archive list (查看, 导出, 历史), below its path; `:id` is the filing's.
enum ArchiveRoute: Equatable {
    case list, view(UUID?), history(UUID?), export

    var suffix: String {
        switch self {
        case .list: ""
        case .view(let id): "/\(SiteURL.segment(id))"
        case .history(let id): "/\(SiteURL.segment(id))/history"
        case .export: "/export"
        }
    }
}
