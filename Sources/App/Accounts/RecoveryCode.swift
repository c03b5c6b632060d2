import Fluent
import Foundation

/// One of an account's one-time recovery codes, as the SHA-256 of the code: used once, when the phone
/// with the authenticator app is lost.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: UUID, codeHash: String, createdAt: Date) {
        self.userID = userID
        self.codeHash = codeHash
        self.createdAt = createdAt
    }
}

/// A password an account had, as its bcrypt hash: the last ones may not be chosen again.
final class PasswordHistoryEntry: Model, @unchecked Sendable {
    static let schema = "password_history"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID, passwordHash: String, createdAt: Date) {
        self.userID = userID
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

extension RecoveryCode {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $userID, $codeHash, $createdAt, $usedAt] }
}

extension PasswordHistoryEntry {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $userID, $passwordHash, $createdAt] }
}
