import Fluent
import SQLKit
import Validation
import Vapor

/// 找回密码: a 6-digit code sent to the company's 负责人手机 (a 维保人员's own mobile) (10-minute life, 5 tries) lets the
/// user set a new password.
struct PasswordRecoveryService {
    static let codeLifetime: TimeInterval = 10 * 60
    static let maxAttempts = 5
    /// A new code may be asked for once a minute per account, so the SMS line cannot be flooded.
    static let resendInterval: TimeInterval = 60

    let db: any Database
    let notifier: any Notifier
    let logger: Logger
    let audit: AuditLog
    var now: Date { audit.now }

    enum RequestOutcome: Equatable { case sent, noMatch, tooSoon, tooMany }

    /// Sends a code when the user name and the phone belong together. Requests from one address are
    /// limited (so the form cannot be used to probe names and phones, or to flood the SMS line), and
    /// one account gets at most one code a minute, both claimed atomically.
    func requestCode(username: String, phone rawPhone: String) async throws -> RequestOutcome {
        let limiter = RateLimiter(db: db, now: now)
        guard try await limiter.claim(.recoveryAddress, key: audit.address).granted else {
            try await audit.record(.passwordResetRequested, username: username, userID: nil, detail: "来源地址申请过于频繁，已限流")
            return .tooMany
        }
        let phone = TextNormalizer.normalize(rawPhone)
        guard let user = try await User.query(on: db)
                .filter(\.$usernameKey == TextNormalizer.normalize(username).lowercased()).first(), !user.disabled,
              let contact = try await Self.contactPhone(of: user, on: db), contact == phone else {
            try await audit.record(.passwordResetRequested, username: username, userID: nil, detail: "用户名与负责人手机不匹配")
            return .noMatch
        }
        let userID = try user.requireID()
        guard try await limiter.claim(Self.resendRule, key: userID.uuidString).granted else { return .tooSoon }
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        try await db.transaction { db in
            // Only the newest code counts.
            try await PasswordResetCode.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil)
                .set(\.$usedAt, to: now).update()
            let row = PasswordResetCode()
            row.$user.id = userID
            row.codeHash = Self.hash(code, userID: userID)
            row.createdAt = now
            row.expiresAt = now.addingTimeInterval(Self.codeLifetime)
            row.attempts = 0
            try await row.create(on: db)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.passwordResetRequested, username: user.username, userID: userID, detail: "验证码已发送至\(Self.maskPhone(phone))")
            try await notifier.sendText(
                to: phone, body: "【电梯维保监管系统】您正在找回账号\(user.username)的密码，验证码\(code)，10分钟内有效。如非本人操作请忽略。",
                on: db, logger: logger, at: now)
        }
        return .sent
    }

    /// The mobile number a code for this account goes to: a company's 负责人手机, a 维保人员's own number as
    /// approved on the staff register. Other accounts recover through their administrators.
    static func contactPhone(of user: User, on db: any Database) async throws -> String? {
        switch user.role {
        case .company:
            guard let id = user.$company.id else { return nil }
            return try await Company.find(id, on: db)?.managerPhone
        case .worker:
            guard let id = user.staffFilingID else { return nil }
            return try await ArchivedStaff.find(id, on: db)?.phone
        case .regulator, .admin, .security, .auditor:
            return nil
        }
    }

    /// One code per account per `resendInterval`.
    static let resendRule = RateLimiter.Rule(scope: "recovery-account", limit: 1, window: resendInterval)

    enum ResetOutcome: Equatable { case done, wrongCode(String), invalidPassword(String) }

    /// Checks the code and sets the new password. Each try claims one of the code's `maxAttempts` with a
    /// conditional update before the code is compared, and the right code is used up by another, so that
    /// of any number of parallel guesses at most `maxAttempts` are ever compared and one code sets one password.
    func reset(username: String, code: String, newPassword: String, hasher: any PasswordHasher) async throws -> ResetOutcome {
        guard let user = try await User.query(on: db)
                .filter(\.$usernameKey == TextNormalizer.normalize(username).lowercased()).first(),
              let userID = user.id,
              let row = try await PasswordResetCode.query(on: db).filter(\.$user.$id == userID)
                .filter(\.$usedAt == nil).sort(\.$createdAt, .descending).first(),
              row.expiresAt > now, let rowID = row.id else {
            return .wrongCode("验证码无效或已过期，请重新获取")
        }
        // The password's own rules first: a weak password should not cost a try.
        if case .failure(let e) = PasswordPolicy.validate(newPassword) { return .invalidPassword(e.message) }
        let claimed = try await db.sql().raw("""
            UPDATE password_reset_codes SET attempts = attempts + 1
            WHERE id = \(bind: rowID) AND attempts < \(bind: Self.maxAttempts) AND used_at IS NULL
            RETURNING attempts
            """).all()
        guard let attempt = try claimed.first?.decode(column: "attempts", as: Int.self) else {
            return .wrongCode("验证码错误次数过多，请重新获取")
        }
        guard row.codeHash == Self.hash(TextNormalizer.normalize(code), userID: userID) else {
            let left = Self.maxAttempts - attempt
            return .wrongCode(left > 0 ? "验证码错误，还可尝试\(left)次" : "验证码错误次数过多，请重新获取")
        }
        // Only now, with the right code: before it, the answer would tell a stranger whether a guess was
        // one of the account's recent passwords. The code stays usable for another password.
        let keeper = PasswordKeeper(hasher: hasher, now: now)
        if try await keeper.isRecent(newPassword, for: user, on: db) { return .invalidPassword(PasswordKeeper.reuseMessage) }
        let hash = try hasher.hash(newPassword)
        let done = try await db.transaction { db -> Bool in
            let used = try await db.sql().raw("""
                UPDATE password_reset_codes SET used_at = \(bind: now) WHERE id = \(bind: rowID) AND used_at IS NULL RETURNING id
                """).all()
            guard !used.isEmpty else { return false }
            try await keeper.set(user, hash: hash, mustChange: false, on: db)
            try await LoginService.unlock(userID, on: db, now: now)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.passwordReset, username: user.username, userID: userID, detail: "通过短信验证码找回密码")
            return true
        }
        return done ? .done : .wrongCode("验证码已使用，请重新获取")
    }

    static func hash(_ code: String, userID: UUID) -> String {
        SHA256.hash(data: Data((userID.uuidString + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func maskPhone(_ phone: String) -> String {
        guard phone.count == 11 else { return phone }
        return String(phone.prefix(3)) + "****" + String(phone.suffix(4))
    }
}
