import Fluent
import Validation
import Vapor

/// 维保单位账号: the registered companies a regulator supervises (an admin: all), with the reset of
/// a company's password for a company that cannot use 找回密码.
struct CompanyAccountsController {
    struct Page: Encodable {
        let layout: Layout
        let query: String
        let rows: [Row]
        let paging: Paging
        let searchURL: String
        let scopeName: String
    }

    struct Row: Encodable {
        let name: String
        let certificateNo: String
        let regionName: String
        let manager: String
        let managerPhone: String
        let username: String
        let accountStatus: String
        let reviewStatus: String
        let infoStatus: String
        let opinion: String
        let registeredAt: String
        let resetURL: String
        let detailURL: String
    }

    func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let q = TextNormalizer.normalize((try? req.query.get(String.self, at: "q")) ?? "")
        let scope = try await req.accessScope()
        let query = try scope.applyToCompanies(Company.query(on: req.db))
        var scopeName = "全部行政区划"
        if scope.region != nil {
            scopeName = try await RegionDirectory(db: req.db).find(user.regionCode ?? "")?.fullName ?? ""
        }
        if !q.isEmpty { query.group(.or) { $0.filter(\.$name ~~ q).filter(\.$certificateNo ~~ q.uppercased()) } }
        let (companies, paging) = try await query.sort(\.$createdAt, .descending).page(req)

        let ids = companies.compactMap(\.id)
        let accounts = try await User.query(on: req.db).filter(\.$company.$id ~~ ids).all()
        let byCompany = Dictionary(accounts.compactMap { u in u.$company.id.map { ($0, u) } }, uniquingKeysWith: { a, _ in a })
        let filings = try await Filing.query(on: req.db).filter(\.$kind == .company).filter(\.$recordID ~~ ids).all()
        let filingOf = Dictionary(filings.map { ($0.recordID, $0) }, uniquingKeysWith: { a, _ in a })
        let regionNames = try await Region.query(on: req.db).filter(\.$id ~~ companies.map(\.jurisdictionCode)).all()
        let names = Dictionary(uniqueKeysWithValues: regionNames.map { ($0.code, $0.fullName) })
        let locked = try await LoginService.lockedAccounts(on: req.db, now: req.clock.now())
        let rows = companies.map { c in
            let account = c.id.flatMap { byCompany[$0] }
            return Row(name: c.name, certificateNo: c.certificateNo, regionName: names[c.jurisdictionCode] ?? c.jurisdictionCode,
                       manager: c.manager, managerPhone: c.managerPhone, username: account?.username ?? "",
                       accountStatus: account.map { Self.status(of: $0, locked: locked) } ?? "无账号",
                       reviewStatus: c.id.flatMap { filingOf[$0]?.reviewStatus.rawValue } ?? "",
                       infoStatus: c.id.flatMap { filingOf[$0]?.infoStatus.rawValue } ?? "",
                       opinion: c.id.flatMap { filingOf[$0]?.opinionText } ?? "",
                       registeredAt: DisplayDate.minute(c.createdAt), resetURL: SiteURL.companyResetPassword(c.id).path,
                       detailURL: SiteURL.companyDetail(c.id).path)
        }
        return try await req.render("companies", Page(
            layout: await req.layout("维保单位账号"), query: q, rows: rows, paging: paging,
            searchURL: SiteURL.companies.path, scopeName: scopeName))
    }

    func resetPassword(_ req: Request) async throws -> Response {
        // Outside the regulator's region the company does not exist, as far as it is concerned.
        guard let id = req.parameters.get("id", as: UUID.self), let company = try await Company.find(id, on: req.db),
              try await req.accessScope().contains(company) else { throw AppError.notFound }
        guard let account = try await User.query(on: req.db).filter(\.$company.$id == id).first() else {
            throw AppError.notFound
        }
        let temporary = try await req.accountService().resetPassword(account)
        req.flash("已将“\(company.name)”的账号 \(account.username) 的密码重置为临时密码：\(temporary)　请告知该单位负责人，登录后立即修改。",
                  kind: .info)
        return req.redirect(to: SiteURL.companies.path)
    }

    /// 停用, 锁定 (locked from at least one address: `locked`, from `LoginService.lockedAccounts`) or 正常.
    static func status(of user: User, locked: Set<UUID>) -> String {
        if user.disabled { return "停用" }
        if let id = user.id, locked.contains(id) { return "锁定" }
        return "正常"
    }
}
