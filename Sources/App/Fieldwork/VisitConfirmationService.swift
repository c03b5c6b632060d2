import Crypto
import Fluent
import Foundation
import SitePhoto
import SQLKit
import Validation
import Vapor

/// 使用单位确认: the user unit's confirmer gets a code on their own mobile (at most one a minute and five an
/// hour per visit, claimed atomically), types it on the worker's phone (five tries, claimed atomically) and
/// signs on its screen. Once signed the confirmation stands; the record's evidence digest covers it.
struct VisitConfirmationService {
    let db: any Database
    let storage: any FileStorage
    let notifier: any Notifier
    let logger: Logger
    let now: Date
    let user: CurrentUser

    static let codeLifetime: TimeInterval = 10 * 60
    static let maxAttempts = 5
    static let perMinute = RateLimiter.Rule(scope: "confirmation-code-minute", limit: 1, window: 60)
    static let perHour = RateLimiter.Rule(scope: "confirmation-code-hour", limit: 5, window: 60 * 60)
    /// Per worker across visits: checking in at each of the company's elevators does not open an SMS line.
    static let perWorker = RateLimiter.Rule(scope: "confirmation-code-worker", limit: 20, window: 60 * 60)

    /// What the form sent: the confirmer, the code typed, the signature's data URL, the phone's clock.
    struct Input: Content {
        var confirmer_name: String?
        var confirmer_phone: String?
        var code: String?
        var signature: String?
        var device_time: String?

        var name: String { TextNormalizer.normalize(confirmer_name ?? "") }
        var phone: String { TextNormalizer.normalize(confirmer_phone ?? "") }
    }

    enum Refusal: Error, Equatable {
        case recordFiled, alreadySigned, tooSoon

        var message: String {
            switch self {
            case .recordFiled: "本次作业已填报维保记录，不能再确认"
            case .alreadySigned: "使用单位已确认本次作业"
            case .tooSoon: "验证码已发送，请稍后再试（每分钟1次，每小时最多5次）"
            }
        }
    }

    /// Sends a code to the confirmer's mobile; refusals by field, or as a whole.
    func sendCode(_ input: Input, for visit: SiteVisit) async throws -> Result<String, FieldErrors> {
        try Self.open(visit, confirmation: try await VisitConfirmation.find(visit.requireID(), on: db))
        var errors = FieldErrors()
        if input.name.isEmpty || input.name.count > 30 { errors.add("confirmer_name", "请填写使用单位确认人姓名（不超过30字）") }
        var phone = ""
        switch MobilePhone.validate(input.phone) {
        case .success(let p): phone = p
        case .failure(let e): errors.add("confirmer_phone", "短信验证码只能发送到手机：" + e.message)
        }
        guard errors.isEmpty else { return .failure(errors) }
        let visitID = try visit.requireID()
        let limiter = RateLimiter(db: db, now: now)
        guard try await limiter.claim(Self.perMinute, key: visitID.uuidString).granted,
              try await limiter.claim(Self.perHour, key: visitID.uuidString).granted,
              try await limiter.claim(Self.perWorker, key: user.id.uuidString).granted else { throw Refusal.tooSoon }
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        let mobile = phone
        try await Self.ensureRow(for: visit, on: db)
        try await db.transaction { db in
            try await Self.claimUnfiled(visitID, on: db)
            // Written only while unsigned: a signature committed meanwhile is never overwritten.
            let written = try await db.sql().raw("""
                UPDATE visit_confirmations SET confirmer_name = \(bind: input.name), confirmer_phone = \(bind: mobile),
                    code_hash = \(bind: Self.hash(code, visitID: visitID)), code_sent_at = \(bind: now),
                    code_expires_at = \(bind: now.addingTimeInterval(Self.codeLifetime)), code_attempts = 0, code_verified_at = NULL
                WHERE visit_id = \(bind: visitID) AND signed_at IS NULL RETURNING visit_id
                """).all()
            guard !written.isEmpty else { throw Refusal.alreadySigned }
            try await notifier.sendText(
                to: mobile, body: "【电梯维保监管系统】\(user.displayName)正在\(visit.userUnit)的电梯（注册代码\(visit.registrationCode)）维保，"
                    + "如确认在场作业属实，请将验证码\(code)告知维保人员，10分钟内有效。",
                on: db, logger: logger, at: now)
        }
        return .success(PasswordRecoveryService.maskPhone(phone))
    }

    /// Signs the visit for the user unit: the signature required, the code (when one was sent to this phone
    /// and typed) verified. Field errors leave nothing stored.
    func confirm(_ input: Input, for visit: SiteVisit) async throws -> Result<VisitConfirmation, FieldErrors> {
        let visitID = try visit.requireID()
        let existing = try await VisitConfirmation.find(visitID, on: db)
        try Self.open(visit, confirmation: existing)
        var errors = FieldErrors()
        if input.name.isEmpty || input.name.count > 30 { errors.add("confirmer_name", "请填写使用单位确认人姓名（不超过30字）") }
        var phone = ""
        switch TelephoneNumber.validate(input.phone) {
        case .success(let p): phone = p
        case .failure(let e): errors.add("confirmer_phone", e.message)
        }
        var png: [UInt8] = []
        switch SignatureImage.bytes(ofDataURL: input.signature ?? "").map(SignatureImage.check) ?? .failure(.empty) {
        case .success: png = SignatureImage.bytes(ofDataURL: input.signature ?? "") ?? []
        case .failure(let refusal): errors.add("signature", refusal.message)
        }
        let code = TextNormalizer.normalize(input.code ?? "")
        var verified = false
        if !code.isEmpty, errors.isEmpty {
            switch try await check(code, phone: phone, row: existing, visitID: visitID) {
            case .none: verified = true
            case .some(let message): errors.add("code", message)
            }
        }
        guard errors.isEmpty else { return .failure(errors) }
        let sha = SHA256.hash(data: png).hex
        let (number, codeVerified) = (phone, verified)
        try await storage.put(Data(png), sha256: sha, on: db)
        try await Self.ensureRow(for: visit, on: db)
        return .success(try await db.transaction { db in
            try await Self.claimUnfiled(visitID, on: db)
            // Signed once, even from two phones at the same moment: the second finds it claimed.
            let claimed = try await db.sql().raw("""
                UPDATE visit_confirmations SET signed_at = \(bind: now) WHERE visit_id = \(bind: visitID) AND signed_at IS NULL RETURNING visit_id
                """).all()
            guard !claimed.isEmpty, let row = try await VisitConfirmation.find(visitID, on: db) else { throw Refusal.alreadySigned }
            if row.confirmerPhone != number { row.codeHash = ""; row.codeVerifiedAt = nil }
            row.confirmerName = input.name
            row.confirmerPhone = number
            if codeVerified { row.codeVerifiedAt = now }
            row.signatureSHA256 = sha
            row.signedByID = user.id
            row.signedByName = user.displayName
            row.deviceTime = SiteVisitService.Place(latitude: "", longitude: "", accuracy: "", deviceTime: input.device_time ?? "").deviceTime
            try await row.save(on: db)
            return row
        })
    }

    /// Nil when the code is right; else what to say beside the field. Each try is claimed before it is
    /// compared, so five wrong tries end the code under parallel requests too.
    private func check(_ code: String, phone: String, row: VisitConfirmation?, visitID: UUID) async throws -> String? {
        guard let row, !row.codeHash.isEmpty, row.confirmerPhone == phone else { return "请先向此手机发送验证码" }
        guard let expires = row.codeExpiresAt, expires > now else { return "验证码已过期，请重新获取" }
        let claimed = try await db.sql().raw("""
            UPDATE visit_confirmations SET code_attempts = code_attempts + 1
            WHERE visit_id = \(bind: visitID) AND code_attempts < \(bind: Self.maxAttempts) AND signed_at IS NULL RETURNING code_attempts
            """).all()
        guard let attempt = try claimed.first?.decode(column: "code_attempts", as: Int.self) else { return "验证码错误次数过多，请重新获取" }
        guard Self.hash(code, visitID: visitID) == row.codeHash else {
            return attempt >= Self.maxAttempts ? "验证码错误次数过多，请重新获取" : "验证码不正确，还可尝试\(Self.maxAttempts - attempt)次"
        }
        return nil
    }

    private static func open(_ visit: SiteVisit, confirmation: VisitConfirmation?) throws {
        guard visit.recordID == nil else { throw Refusal.recordFiled }
        guard confirmation?.isSigned != true else { throw Refusal.alreadySigned }
    }

    /// The row the conditional updates need; a parallel request may have made it first.
    private static func ensureRow(for visit: SiteVisit, on db: any Database) async throws {
        guard try await VisitConfirmation.find(visit.requireID(), on: db) == nil else { return }
        do { try await blank(visit).create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {}
    }

    /// Locks the visit's row for the transaction (PostgreSQL) while it has no record: filing the record
    /// claims the same row, so a confirmation either lands before the record's evidence is read or is refused.
    private static func claimUnfiled(_ visitID: UUID, on db: any Database) async throws {
        let open = try await db.sql().raw("""
            UPDATE site_visits SET photo_count = photo_count WHERE id = \(bind: visitID) AND record_id IS NULL RETURNING id
            """).all()
        guard !open.isEmpty else { throw Refusal.recordFiled }
    }

    private static func blank(_ visit: SiteVisit) -> VisitConfirmation {
        let row = VisitConfirmation()
        row.id = visit.id
        row.companyID = visit.companyID
        row.confirmerName = ""
        row.confirmerPhone = ""
        row.codeHash = ""
        row.codeAttempts = 0
        row.signatureSHA256 = ""
        row.signedByName = ""
        return row
    }

    static func hash(_ code: String, visitID: UUID) -> String {
        SHA256.hash(data: Data((visitID.uuidString + ":" + code).utf8)).hex
    }
}
