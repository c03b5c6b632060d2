import Fluent
import Vapor

/// A message the system "sent" (an SMS until a real gateway is plugged in). Admins read them.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "channel") var channel: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(channel: String, recipient: String, body: String, createdAt: Date) {
        self.channel = channel
        self.recipient = recipient
        self.body = body
        self.createdAt = createdAt
    }
}

extension OutboxMessage {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $channel, $recipient, $body, $createdAt] }
}
