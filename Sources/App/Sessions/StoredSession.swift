import Fluent
import Vapor

/// A login session kept in the database, so that several app instances behind one load balancer
/// share them and a restart logs nobody out.
final class StoredSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "data") var data: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(key: String, data: String, updatedAt: Date) {
        self.id = key
        self.data = data
        self.updatedAt = updatedAt
    }
}

extension StoredSession {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $data, $updatedAt] }
}
