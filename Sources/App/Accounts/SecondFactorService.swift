import Fluent
import SecondFactor
import Vapor

/// The second factor (等保 level 3: two kinds of authentication): TOTP codes from an authenticator app, and
/// one-time recovery codes for a lost phone. Each accepted code is claimed by a conditional update, so that
/// one code logs in once even when sent twice at the same moment; wrong codes are limited per account.
struct SecondFactorService {
    /// Wrong codes accepted per account before it must wait (the password has already been given).
    static let attemptRule = RateLimiter.Rule(scope: "second-factor", limit: 5, window: 15 * 60, lockout: 15 * 60)

    let db: any Database
    let audit: AuditLog
    var now: Date { audit.now }

    enum Verdict: Equatable {
        case totp
        /// A recovery code was used; `left` remain.
        case recoveryCode(left: Int)
        case wrong(String)
    }

    /// Checks what the person typed — a TOTP code or a recovery code — for `user`.
    func verify(_ typed: String, for user: User) async throws -> Verdict {
        let userID = try user.requireID()
        let limiter = RateLimiter(db: db, now: now)
        if case .refused(let until) = try await limiter.claim(Self.attemptRule, key: userID.uuidString) {
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            return .wrong("动态验证码错误次数过多，请\(minutes)分钟后再试")
        }
        if let secret = user.totpSecret.flatMap(Base32.decode),
           let step = TOTP(secret: secret).verify(typed, at: now, lastUsedStep: user.totpLastStep.map { UInt64($0) }),
           try await claim(step: step, of: userID) {
            try await limiter.reset(Self.attemptRule, key: userID.uuidString)
            return .totp
        }
        if let hash = RecoveryCodes.storageHash(of: typed) {
            let used = try await db.sql().raw("""
                UPDATE recovery_codes SET used_at = \(bind: now)
                WHERE user_id = \(bind: userID) AND code_hash = \(bind: hash) AND used_at IS NULL RETURNING id
                """).all()
            if !used.isEmpty {
                try await limiter.reset(Self.attemptRule, key: userID.uuidString)
                return .recoveryCode(left: try await recoveryCodesLeft(userID))
            }
        }
        return .wrong("动态验证码错误，请输入认证器应用当前显示的6位数字，或一个未用过的恢复码")
    }

    /// The step of an accepted code, claimed if it is later than the last one claimed: a code replayed,
    /// or sent twice at once, passes once.
    private func claim(step: UInt64, of userID: UUID) async throws -> Bool {
        let step = Int64(step)
        let rows = try await db.sql().raw("""
            UPDATE users SET totp_last_step = \(bind: step)
            WHERE id = \(bind: userID) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    func recoveryCodesLeft(_ userID: UUID) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$userID == userID).filter(\.$usedAt == nil).count()
    }

    /// Confirms an enrolment: the code typed must come from `secret` (so the app really holds it). Stores the
    /// secret and a fresh set of recovery codes, which are returned to be shown once.
    func enrol(_ user: User, secret: [UInt8], typed: String) async throws -> [String]? {
        guard let step = TOTP(secret: secret).verify(typed, at: now) else { return nil }
        let userID = try user.requireID()
        let codes = RecoveryCodes.generate()
        try await db.transaction { db in
            user.totpSecret = Base32.encode(secret)
            user.totpEnabledAt = now
            user.totpLastStep = Int64(step)
            try await user.update(on: db)
            try await replaceRecoveryCodes(of: userID, with: codes, on: db)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.secondFactorEnrolled, username: user.username, userID: userID, actorID: userID)
        }
        return codes
    }

    /// A new set of recovery codes in place of the old (all of which stop working).
    func regenerateRecoveryCodes(_ user: User) async throws -> [String] {
        let userID = try user.requireID()
        let codes = RecoveryCodes.generate()
        try await db.transaction { db in
            try await replaceRecoveryCodes(of: userID, with: codes, on: db)
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.recoveryCodesRenewed, username: user.username, userID: userID, actorID: userID)
        }
        return codes
    }

    /// Ends an enrolment (the security administrator, for a lost phone): the account enrols again at its
    /// next login, where its role requires a second factor.
    func reset(_ user: User, by actorID: UUID) async throws {
        let userID = try user.requireID()
        try await db.transaction { db in
            user.totpSecret = nil
            user.totpEnabledAt = nil
            user.totpLastStep = nil
            try await user.update(on: db)
            try await RecoveryCode.query(on: db).filter(\.$userID == userID).delete()
            try await AuditLog(db: db, now: now, address: audit.address)
                .record(.secondFactorReset, username: user.username, userID: userID, actorID: actorID, detail: "两步验证已重置，须重新绑定")
        }
    }

    private func replaceRecoveryCodes(of userID: UUID, with codes: [String], on db: any Database) async throws {
        try await RecoveryCode.query(on: db).filter(\.$userID == userID).delete()
        for code in codes {
            guard let hash = RecoveryCodes.storageHash(of: code) else { continue }
            try await RecoveryCode(userID: userID, codeHash: hash, createdAt: now).create(on: db)
        }
    }
}
