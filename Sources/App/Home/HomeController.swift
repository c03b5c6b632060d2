import Fluent
import Validation
import Vapor

/// The start page after login: what the user's role can do, with the company's filing status.
struct HomeController {
    struct Page: Encodable {
        let layout: Layout
        let roleTitle: String
        let company: CompanySummary?
        let regionName: String?
        let cards: [Card]
        /// A company's supervision counts, as its to-do list.
        let todo: [SupervisionController.Card]
        let lastLogin: String
    }

    struct CompanySummary: Encodable {
        let name: String
        let certificateNo: String
        let regionName: String
        let reviewStatus: String
        let infoStatus: String
        let opinion: String
        let filingURL: String
    }

    struct Card: Encodable {
        let title: String
        let value: String
        let href: String
    }

    func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let regions = RegionDirectory(db: req.db)
        var company: CompanySummary?
        var regionName: String?
        var cards: [Card] = []
        var todo: [SupervisionController.Card] = []
        switch user.role {
        case .company:
            if let id = user.companyID {
                let record = try await CompanyFiling.load(companyID: id, on: req.db)
                company = CompanySummary(
                    name: record.company.name, certificateNo: record.company.certificateNo, regionName: record.regionName,
                    reviewStatus: record.filing.reviewStatus.rawValue, infoStatus: record.filing.infoStatus.rawValue,
                    opinion: record.filing.opinionText, filingURL: SiteURL.companyFiling.path)
                let own = AccessScope(reach: .company(id))
                let staff = try await FilingCount.total(.staff, in: own, on: req.db)
                let elevators = try await FilingCount.total(.elevator, in: own, on: req.db)
                cards.append(Card(title: "登记的维保人员", value: String(staff), href: SiteURL.staff(.list).path))
                cards.append(Card(title: "登记的电梯", value: String(elevators), href: SiteURL.elevators(.list).path))
                todo = try await SupervisionController.cards(req)
            }
        case .regulator:
            if let code = user.regionCode {
                let scope = try await req.accessScope()
                regionName = try await regions.find(code)?.fullName
                let count = try await scope.applyToCompanies(Company.query(on: req.db)).countRows()
                cards.append(Card(title: "待审核记录", value: String(await req.pendingReviewCount() ?? 0), href: SiteURL.reviewQueue.path))
                cards.append(Card(title: "辖区内注册的维保单位", value: String(count), href: SiteURL.companies.path))
                // As the register shows them to the regulator: by approved region, without drafts never submitted.
                let elevators = try await FilingCount.total(.elevator, in: scope, withoutUnsubmittedDrafts: true, on: req.db)
                cards.append(Card(title: "辖区内登记的电梯", value: String(elevators), href: SiteURL.elevators(.list).path))
                let overdue = try await SupervisionQueries.count(.overdue, req.supervisionDay, try await req.supervisionScope(narrowed: false), on: req.db)
                cards.append(Card(title: "超期未维保电梯", value: String(overdue), href: SiteURL.supervision.path))
            }
        case .worker:
            // A worker's day starts at 我的作业 (check-in, open visits).
            return req.redirect(to: SiteURL.work.path)
        case .admin:
            let companies = try await Company.query(on: req.db).countRows()
            let regulators = try await User.query(on: req.db).filter(\.$role == .regulator).countRows()
            cards.append(Card(title: "待审核记录", value: String(await req.pendingReviewCount() ?? 0), href: SiteURL.reviewQueue.path))
            cards.append(Card(title: "注册的维保单位", value: String(companies), href: SiteURL.companies.path))
            cards.append(Card(title: "监管人员账号", value: String(regulators), href: SiteURL.adminUsers.path))
        case .security:
            let locked = try await LoginService.lockedAccounts(on: req.db, now: req.clock.now())
            cards.append(Card(title: "锁定中的账号", value: String(locked.count), href: SiteURL.securityAccounts.path))
        case .auditor:
            let since = req.clock.now().addingTimeInterval(-86_400)
            let failures = try await AuditEntry.query(on: req.db).filter(\.$action == .loginFailed).filter(\.$at >= since).countRows()
            // The log filtered to the same events (by day: the filter's finest unit).
            let filtered = SiteURL.adminAudit.path + "?action=" + AuditEntry.Action.loginFailed.rawValue
                + "&from=" + CivilDate.inChina(since).iso
            cards.append(Card(title: "24小时内登录失败", value: String(failures), href: filtered))
        }
        let last = try await AuditEntry.query(on: req.db).filter(\.$userID == user.id)
            .filter(\.$action == .loginSucceeded).sort(\.$at, .descending).range(lower: 1, upper: 2).first()
        return try await req.render("home", Page(
            layout: await req.layout("工作台"), roleTitle: user.role.title, company: company, regionName: regionName,
            cards: cards, todo: todo, lastLogin: last.map { "上次登录：\(DisplayDate.minute($0.at))，来自 \($0.address)" } ?? ""))
    }
}
