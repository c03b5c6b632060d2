import Fluent
import Vapor

/// Decides a login attempt (manual 1.2): captcha, user name and password, with the account lockout
/// and the per-address throttle. Every outcome is written to the audit trail.
struct LoginService {
    static let maxFailures = RateLimiter.Rule.loginAccount.limit
    static let lockoutDuration = RateLimiter.Rule.loginAccount.lockout ?? 0
    /// Failed logins from one address within `throttleWindow` beyond which it must wait.
    static let throttleLimit = RateLimiter.Rule.loginAddress.limit
    static let throttleWindow = RateLimiter.Rule.loginAddress.window

    static let genericFailure = "用户名、密码或验证码错误"

    enum Failure: Error, Equatable {
        case rejected(String)
        case throttled
    }

    let db: any Database
    let hasher: any PasswordHasher
    let audit: AuditLog
    var now: Date { audit.now }
    private var limiter: RateLimiter { RateLimiter(db: db, now: now) }

    /// `captchaPassed` is decided by the caller (the captcha lives in the session).
    ///
    /// Each attempt claims its slots before the password is looked at — one of the address's 30, then
    /// one of the account-and-address's 5 — so that requests sent in parallel can never have more
    /// passwords evaluated than the limits allow. A success gives the address's slot back and ends
    /// the account's run of failures.
    func attempt(username rawName: String, password: String, captchaPassed: Bool) async throws -> Result<User, Failure> {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard try await limiter.claim(.loginAddress, key: audit.address).granted else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "来源地址登录过于频繁，已限流")
            return .failure(.throttled)
        }
        guard captchaPassed else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "验证码错误")
            return .failure(.rejected(Self.genericFailure))
        }
        guard let user = try await User.query(on: db).filter(\.$usernameKey == name.lowercased()).first(),
              let userID = user.id else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "用户不存在")
            return .failure(.rejected(Self.genericFailure))
        }
        let accountKey = Self.accountKey(userID, address: audit.address)
        let failuresSoFar: Int
        switch try await limiter.claim(.loginAccount, key: accountKey) {
        case .granted(let count):
            failuresSoFar = count
        case .refused(let until):
            try await audit.record(.loginFailed, username: user.username, userID: userID, detail: "账号在该地址锁定中")
            return .failure(.rejected(Self.lockedMessage(until: until, now: now)))
        }
        guard try hasher.verify(password, created: user.passwordHash) else {
            let locksNow = failuresSoFar >= Self.maxFailures
            try await db.transaction { db in
                try await AuditLog(db: db, now: now, address: audit.address)
                    .record(.loginFailed, username: user.username, userID: userID, detail: "密码错误")
                if locksNow {
                    try await AuditLog(db: db, now: now, address: audit.address)
                        .record(.accountLocked, username: user.username, userID: userID,
                                detail: "自该地址连续\(Self.maxFailures)次登录失败，锁定\(Int(Self.lockoutDuration / 60))分钟")
                }
            }
            return .failure(.rejected(locksNow
                ? Self.lockedMessage(until: now.addingTimeInterval(Self.lockoutDuration), now: now) : Self.genericFailure))
        }
        try await limiter.release(.loginAddress, key: audit.address)
        try await limiter.reset(.loginAccount, key: accountKey)
        if user.disabled {
            try await audit.record(.loginFailed, username: user.username, userID: userID, detail: "账号已停用")
            return .failure(.rejected("该账号已停用，请联系监管部门或系统管理员"))
        }
        // With a second factor enrolled, the password alone logs nobody in: the login ends at the second step.
        if user.totpEnabledAt == nil { try await complete(user, detail: "") }
        return .success(user)
    }

    /// Records the login of `user`, after the password (and the second factor, where enrolled).
    func complete(_ user: User, detail: String) async throws {
        user.lastLoginAt = now
        try await db.transaction { db in
            try await user.update(on: db)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.loginSucceeded, username: user.username, userID: user.id, detail: detail)
        }
    }

    /// The counter of one account's failures from one address.
    static func accountKey(_ userID: UUID, address: String) -> String { userID.uuidString + "|" + address }

    /// The accounts locked now from at least one address, in one query for a whole list page.
    static func lockedAccounts(on db: any Database, now: Date) async throws -> Set<UUID> {
        Set(try await RateLimiter(db: db, now: now).refusedKeys(.loginAccount).compactMap {
            $0.split(separator: "|", maxSplits: 1).first.flatMap { UUID(uuidString: String($0)) }
        })
    }

    static func isLocked(_ userID: UUID, on db: any Database, now: Date) async throws -> Bool {
        try await lockedAccounts(on: db, now: now).contains(userID)
    }

    /// Ends every lock of the account (a password reset by its owner, a regulator or an administrator).
    static func unlock(_ userID: UUID, on db: any Database, now: Date) async throws {
        try await RateLimiter(db: db, now: now).reset(.loginAccount, keysStartingWith: userID.uuidString + "|")
    }

    static func lockedMessage(until: Date, now: Date) -> String {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return "连续\(maxFailures)次登录失败，账号已锁定，请\(minutes)分钟后再试"
    }
}
