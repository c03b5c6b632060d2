import Fluent
import Vapor

/// Decides a login attempt (manual 1.2): captcha, user name and password, with the account lockout
/// and the per-address throttle. Every outcome is written to the audit trail.
struct LoginService {
    static let maxFailures = 5
    static let lockoutDuration: TimeInterval = 15 * 60
    /// Failed logins from one address within `throttleWindow` beyond which it must wait.
    static let throttleLimit = 30
    static let throttleWindow: TimeInterval = 10 * 60

    static let genericFailure = "用户名、密码或验证码错误"

    enum Failure: Error, Equatable {
        case rejected(String)
        case throttled
    }

    let db: any Database
    let hasher: any PasswordHasher
    let audit: AuditLog
    var now: Date { audit.now }

    /// `captchaPassed` is decided by the caller (the captcha lives in the session).
    func attempt(username rawName: String, password: String, captchaPassed: Bool) async throws -> Result<User, Failure> {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        let recentFailures = try await AuditEntry.query(on: db)
            .filter(\.$address == audit.address)
            .filter(\.$action == .loginFailed)
            .filter(\.$at > now.addingTimeInterval(-Self.throttleWindow))
            .countRows()
        guard recentFailures < Self.throttleLimit else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "来源地址登录过于频繁，已限流")
            return .failure(.throttled)
        }

        guard captchaPassed else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "验证码错误")
            return .failure(.rejected(Self.genericFailure))
        }
        guard let user = try await User.query(on: db).filter(\.$usernameKey == name.lowercased()).first() else {
            try await audit.record(.loginFailed, username: name, userID: nil, detail: "用户不存在")
            return .failure(.rejected(Self.genericFailure))
        }
        if let until = user.lockedUntil, until > now {
            try await audit.record(.loginFailed, username: user.username, userID: user.id, detail: "账号锁定中")
            return .failure(.rejected(Self.lockedMessage(until: until, now: now)))
        }
        guard try hasher.verify(password, created: user.passwordHash) else {
            user.failedLogins += 1
            let locksNow = user.failedLogins >= Self.maxFailures
            if locksNow {
                user.failedLogins = 0
                user.lockedUntil = now.addingTimeInterval(Self.lockoutDuration)
            }
            try await db.transaction { db in
                try await user.update(on: db)
                try await AuditLog(db: db, now: now, address: audit.address)
                    .record(.loginFailed, username: user.username, userID: user.id, detail: "密码错误")
                if locksNow {
                    try await AuditLog(db: db, now: now, address: audit.address)
                        .record(.accountLocked, username: user.username, userID: user.id,
                                detail: "连续\(Self.maxFailures)次登录失败，锁定\(Int(Self.lockoutDuration / 60))分钟")
                }
            }
            return .failure(.rejected(locksNow ? Self.lockedMessage(until: user.lockedUntil!, now: now) : Self.genericFailure))
        }
        if user.disabled {
            try await audit.record(.loginFailed, username: user.username, userID: user.id, detail: "账号已停用")
            return .failure(.rejected("该账号已停用，请联系监管部门或系统管理员"))
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        user.lastLoginAt = now
        try await db.transaction { db in
            try await user.update(on: db)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.loginSucceeded, username: user.username, userID: user.id)
        }
        return .success(user)
    }

    static func lockedMessage(until: Date, now: Date) -> String {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        return "连续\(maxFailures)次登录失败，账号已锁定，请\(minutes)分钟后再试"
    }
}
