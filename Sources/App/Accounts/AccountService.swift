import Fluent
import Validation
import Vapor

/// Creating and administering regulator and admin accounts, for the admin pages and the
/// `liftwatch user create` command alike. Each change writes its audit entry in the same transaction.
struct AccountService {
    let db: any Database
    let hasher: any PasswordHasher
    let now: Date
    let address: String
    /// The administrator acting, or nil for the command line.
    let actorID: UUID?

    struct NewAccount {
        var username: String
        var displayName: String
        var role: UserRole
        var regionCode: String?
        var password: String
        /// Someone other than the owner chose the password (an administrator, the first start): it must be
        /// changed at the first login.
        var mustChangePassword = false
    }

    func create(_ account: NewAccount) async throws -> Result<User, FieldErrors> {
        var errors = FieldErrors()
        let username: String
        switch Username.validate(account.username) {
        case .success(let v): username = v
        case .failure(let e): username = ""; errors.add("username", e.message)
        }
        if case .failure(let e) = PasswordPolicy.validate(account.password) { errors.add("password", e.message) }
        let displayName = TextNormalizer.normalize(account.displayName)
        if displayName.isEmpty { errors.add("display_name", "请填写姓名") }
        if account.role == .company { errors.add("role", "维保单位账号须通过企业注册创建") }
        let region = TextNormalizer.normalize(account.regionCode ?? "")
        var regionName = ""
        if account.role == .regulator {
            if region.isEmpty { errors.add("region_code", "监管人员须指定管辖的行政区划") }
            else if let found = try await Region.find(region, on: db) { regionName = found.fullName }
            else { errors.add("region_code", "行政区划\(region)不存在") }
        }
        if !username.isEmpty, try await User.query(on: db).filter(\.$usernameKey == username.lowercased()).first() != nil {
            errors.add("username", "该用户名已存在")
        }
        guard errors.isEmpty else { return .failure(errors) }

        let hash = try hasher.hash(account.password)
        let user = User(username: username, passwordHash: hash, role: account.role,
                        regionCode: account.role == .regulator ? region : nil, displayName: displayName, createdAt: now)
        let regionLabel = user.regionCode.map { "，管辖区域 \(regionName)（\($0)）" } ?? ""
        try await db.transaction { db in
            try await keeper.set(user, hash: hash, mustChange: account.mustChangePassword, on: db)
            try await audit(db).record(.accountCreated, username: username, userID: user.id, actorID: actorID,
                                       detail: account.role.title + regionLabel)
        }
        return .success(user)
    }

    /// `detail`: what the audit entry says beyond the change itself (who the account is, on whose behalf).
    func setDisabled(_ user: User, _ disabled: Bool, detail: String = "") async throws {
        user.disabled = disabled
        try await db.transaction { db in
            try await user.update(on: db)
            if disabled {
                // Logged-in sessions of a disabled account end at their next request; see CurrentUserMiddleware.
                try await audit(db).record(.accountDisabled, username: user.username, userID: user.id, actorID: actorID, detail: detail)
            } else {
                try await audit(db).record(.accountEnabled, username: user.username, userID: user.id, actorID: actorID, detail: detail)
            }
        }
    }

    /// Sets a new random password and returns it, to be handed to the account's owner once.
    func resetPassword(_ user: User) async throws -> String {
        let temporary = Self.temporaryPassword()
        let hash = try hasher.hash(temporary)
        try await db.transaction { db in
            // Someone else has seen it: the owner must replace it at the next login.
            try await keeper.set(user, hash: hash, mustChange: true, on: db)
            try await LoginService.unlock(try user.requireID(), on: db, now: now)
            try await audit(db).record(.passwordReset, username: user.username, userID: user.id, actorID: actorID,
                                       detail: "由管理人员重置为临时密码")
        }
        return temporary
    }

    func changeRegion(_ user: User, to code: String) async throws -> FieldErrors? {
        var errors = FieldErrors()
        guard let target = try await Region.find(code, on: db) else {
            errors.add("region_code", "行政区划\(code)不存在")
            return errors
        }
        let old = user.regionCode ?? ""
        let oldName = try await Region.find(old, on: db)?.fullName ?? old
        user.regionCode = code
        try await db.transaction { db in
            try await user.update(on: db)
            try await audit(db).record(.accountRegionChanged, username: user.username, userID: user.id, actorID: actorID,
                                       detail: "\(oldName)（\(old)） → \(target.fullName)（\(code)）")
        }
        return nil
    }

    private var keeper: PasswordKeeper { PasswordKeeper(hasher: hasher, now: now) }

    private func audit(_ db: any Database) -> AuditLog { AuditLog(db: db, now: now, address: address) }

    /// 12 characters from letters and digits without look-alikes (0/O, 1/l/I), always with an upper-case
    /// letter, a lower-case letter and a digit, so it passes the password policy.
    static func temporaryPassword() -> String {
        let upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), lower = Array("abcdefghijkmnpqrstuvwxyz"), digits = Array("23456789")
        let all = upper + lower + digits
        var chars = [upper.randomElement()!, lower.randomElement()!, digits.randomElement()!]
        while chars.count < 12 { chars.append(all.randomElement()!) }
        return String(chars.shuffled())
    }
}

extension Request {
    func accountService() throws -> AccountService {
        AccountService(db: db, hasher: application.password, now: clock.now(), address: clientAddress, actorID: currentUser?.id)
    }
}
