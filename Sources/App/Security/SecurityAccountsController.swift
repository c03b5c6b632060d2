import Fluent
import Vapor

/// 账号安全, the security administrator's page (三员分立): every account's lock and second factor, the
/// policy in force, 解锁 and 重置两步验证. It creates, disables and edits no account (the system
/// administrator's job) and reads no supervision data.
struct SecurityAccountsController {
    struct Page: Encodable {
        let layout: Layout
        let policy: [Fact]
        let username: String
        let searchURL: String
        let rows: [Row]
        let paging: Paging
    }

    struct Fact: Encodable { let label: String; let value: String }

    struct Row: Encodable {
        let username: String
        let displayName: String
        let roleTitle: String
        let status: String
        let secondFactor: String
        let passwordChanged: String
        let lastLogin: String
        let locked: Bool
        let enrolled: Bool
        let isSelf: Bool
        let unlockURL: String
        let resetURL: String
    }

    func list(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        let username = ((try? req.query.get(String.self, at: "username")) ?? "").trimmingCharacters(in: .whitespaces)
        let query = User.query(on: req.db).sort(\.$role).sort(\.$usernameKey)
        if !username.isEmpty { query.filter(\.$usernameKey == username.lowercased()) }
        let (users, paging) = try await query.page(req, per: 50)
        let locked = try await LoginService.lockedAccounts(on: req.db, now: req.clock.now())
        let policy = IdentityPolicy(req.config)
        let rows = users.map { u in
            let required = policy.requiresSecondFactor(u.role)
            return Row(
                username: u.username, displayName: u.displayName, roleTitle: u.role.title,
                status: CompanyAccountsController.status(of: u, locked: locked),
                secondFactor: u.totpEnabledAt != nil ? "已启用" : (required ? "未启用（须启用）" : "未启用"),
                passwordChanged: DisplayDate.minute(u.passwordChangedAt) + (u.passwordMustChange ? "（临时密码）" : ""),
                lastLogin: DisplayDate.minute(u.lastLoginAt),
                locked: u.id.map(locked.contains) ?? false, enrolled: u.totpEnabledAt != nil, isSelf: u.id == me.id,
                unlockURL: SiteURL.securityUnlock(u.id).path, resetURL: SiteURL.securityResetSecondFactor(u.id).path)
        }
        return try await req.render("security-accounts", Page(
            layout: await req.layout("账号安全"), policy: Self.policy(req.config), username: username,
            searchURL: SiteURL.securityAccounts.path, rows: rows, paging: paging))
    }

    /// The settings in force, as the operator configured them (see the README's operator section).
    static func policy(_ config: AppConfig) -> [Fact] {
        let roles = UserRole.allCases.filter(config.secondFactorRoles.contains).map(\.title)
        return [
            Fact(label: "密码有效期", value: config.passwordMaxAgeDays.map { "\($0)天，到期登录时须修改" } ?? "不限"),
            Fact(label: "密码规则", value: "至少8位，含三类字符；不得与最近\(PasswordKeeper.remembered)次相同"),
            Fact(label: "须两步验证的角色", value: roles.isEmpty ? "无" : roles.joined(separator: "、")),
            Fact(label: "登录失败锁定", value: "同一账号自同一地址连续\(LoginService.maxFailures)次失败，锁定\(Int(LoginService.lockoutDuration / 60))分钟"),
            Fact(label: "会话空闲超时", value: "\(Int(config.sessionIdleTimeout / 60))分钟"),
        ]
    }

    func unlock(_ req: Request) async throws -> Response {
        let user = try await account(req)
        let now = req.clock.now()
        try await req.db.transaction { db in
            try await LoginService.unlock(try user.requireID(), on: db, now: now)
            try await AuditLog(db: db, now: now, address: req.clientAddress)
                .record(.accountUnlocked, username: user.username, userID: user.id, actorID: req.currentUser?.id)
        }
        return req.redirect(to: .securityAccounts, notice: "已解锁账号 \(user.username)，可立即重新登录。")
    }

    func resetSecondFactor(_ req: Request) async throws -> Response {
        let me = try req.requireUser()
        let user = try await account(req)
        // Nobody resets their own second factor: that would let one stolen password undo the other factor.
        guard user.id != me.id else { throw AppError.forbidden }
        guard user.totpEnabledAt != nil else {
            return req.redirect(to: .securityAccounts, notice: "账号 \(user.username) 未启用两步验证。", kind: .info)
        }
        try await SecondFactorService(db: req.db, audit: req.audit).reset(user, by: me.id)
        return req.redirect(to: .securityAccounts, notice: "已重置账号 \(user.username) 的两步验证，该用户下次登录时须重新绑定。")
    }

    private func account(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await User.find(id, on: req.db) else {
            throw AppError.notFound
        }
        return user
    }
}
