import Fluent
import Vapor

/// A 6-digit code sent to a company's 负责人手机 to set a new password. Only its hash is stored.
final class PasswordResetCode: Model, @unchecked Sendable {
    static let schema = "password_reset_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

extension PasswordResetCode {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $user, $codeHash, $createdAt, $expiresAt, $attempts, $usedAt] }
}
