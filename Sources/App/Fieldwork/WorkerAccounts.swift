import Fluent
import Foundation
import Validation
import Vapor

/// 开通作业账号 / 停用作业账号: a company gives its approved workers their own logins (role 维保人员), from
/// 维保人员上报. The user name is "w" and the worker's mobile number (a user name may not be all digits);
/// nobody knows the first password: the worker sets one through a code sent to that number (找回密码), so
/// the company never holds a worker's password.
struct WorkerAccounts {
    let db: any Database
    let hasher: any PasswordHasher
    let notifier: any Notifier
    let logger: Logger
    let audit: AuditLog
    let actor: CurrentUser
    let company: Company

    static func username(phone: String) -> String { "w" + phone }

    /// Turning a login off and on, audited as every account's is.
    private var accountService: AccountService {
        AccountService(db: db, hasher: hasher, now: audit.now, address: audit.address, actorID: actor.id)
    }

    enum Outcome: Equatable { case enabled(String), alreadyEnabled, refused(String) }

    /// Turns the worker's login on (creating it the first time) and tells the worker by SMS how to set a password.
    func enable(filing: Filing, unusableHash: String) async throws -> Outcome {
        let filingID = try filing.requireID()
        guard let approved = try await ArchivedStaff.find(filingID, on: db), approved.companyID == company.id else {
            return .refused("人员信息须经监管部门审核通过后才能开通作业账号")
        }
        guard case .success(let phone) = MobilePhone.validate(approved.phone) else {
            return .refused("审核通过的联系方式不是手机号码，无法发送验证码")
        }
        let username = Self.username(phone: phone)
        if let existing = try await User.query(on: db).filter(\.$staffFilingID == filingID).first() {
            guard existing.disabled else { return .alreadyEnabled }
            try await accountService.setDisabled(existing, false, detail: "\(company.name)重新开通维保人员\(approved.name)的作业账号")
            return .enabled(existing.username)
        }
        if try await User.query(on: db).filter(\.$usernameKey == username.lowercased()).first() != nil {
            return .refused("用户名\(username)已被其他账号使用，请核对联系方式")
        }
        let user = User(username: username, passwordHash: unusableHash, role: .worker, companyID: try company.requireID(),
                        displayName: approved.name, createdAt: audit.now)
        user.staffFilingID = filingID
        try await db.transaction { db in
            try await PasswordKeeper(hasher: hasher, now: audit.now).set(user, hash: unusableHash, mustChange: false, on: db)
            try await audit.on(db).record(.accountCreated, username: username, userID: user.id, actorID: actor.id,
                                          detail: "维保人员（\(company.name) \(approved.name)）")
            try await notifier.sendText(
                to: phone, body: "【电梯维保监管系统】\(company.name)已为您开通维保作业账号，用户名\(username)。请在登录页点“忘记密码”，用本手机号获取验证码设置密码后登录。",
                on: db, logger: logger, at: audit.now)
        }
        return .enabled(username)
    }

    /// Turns the worker's login off; their records and check-ins stay.
    func disable(filing: Filing) async throws -> Bool {
        let filingID = try filing.requireID()
        guard let user = try await User.query(on: db).filter(\.$staffFilingID == filingID).first(),
              user.$company.id == company.id, !user.disabled else { return false }
        try await accountService.setDisabled(user, true, detail: "\(company.name)停用维保人员\(user.displayName)的作业账号")
        return true
    }

    /// The accounts of these staff filings, for the register's 作业账号 column.
    static func accounts(of filingIDs: [UUID], on db: any Database) async throws -> [UUID: User] {
        guard !filingIDs.isEmpty else { return [:] }
        var byFiling: [UUID: User] = [:]
        for user in try await User.query(on: db).filter(\.$staffFilingID ~~ filingIDs).all() {
            if let id = user.staffFilingID { byFiling[id] = user }
        }
        return byFiling
    }
}
