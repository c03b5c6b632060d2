import Fluent
import Vapor

/// Setting an account's password, the one place that keeps the password policy's memory: every password
/// set goes into the history, with its date (the expiry counts from it) and whether it must be changed at
/// the next login. A password the person chooses may not repeat the current one or the last five.
struct PasswordKeeper {
    /// How many earlier passwords a new one may not repeat (等保: no reuse of recent passwords).
    static let remembered = 5
    static let reuseMessage = "新密码不能与最近\(remembered)次使用过的密码相同"

    let hasher: any PasswordHasher
    let now: Date

    /// Whether `password` is the account's current password or one of its last `remembered`.
    func isRecent(_ password: String, for user: User, on db: any Database) async throws -> Bool {
        let userID = try user.requireID()
        let earlier = try await PasswordHistoryEntry.query(on: db).filter(\.$userID == userID)
            .sort(\.$createdAt, .descending).limit(Self.remembered).all().map(\.passwordHash)
        for hash in Set([user.passwordHash] + earlier) where try hasher.verify(password, created: hash) {
            return true
        }
        return false
    }

    /// Stores `hash` as the account's password, inside the caller's transaction. `mustChange`: a password
    /// someone else chose or saw (temporary, printed), to be replaced at the next login.
    func set(_ user: User, hash: String, mustChange: Bool, on db: any Database) async throws {
        user.passwordHash = hash
        user.passwordChangedAt = now
        user.passwordMustChange = mustChange
        if user.id == nil { try await user.create(on: db) } else { try await user.update(on: db) }
        try await PasswordHistoryEntry(userID: try user.requireID(), passwordHash: hash, createdAt: now).create(on: db)
    }
}
