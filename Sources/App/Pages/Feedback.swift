import Fluent
import Vapor

/// A message a user sent through 反馈; admins read them.
final class Feedback: Model, @unchecked Sendable {
    static let schema = "feedback"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "username") var username: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension Feedback {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $userID, $username, $body, $createdAt] }
}
