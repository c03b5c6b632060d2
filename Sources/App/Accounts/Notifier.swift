import Fluent
import Vapor

/// Sends short messages to users (password recovery codes). A real SMS gateway implements this
/// protocol later; the default writes to the server log and the outbox table admins can read.
public protocol Notifier: Sendable {
    func sendText(to phone: String, body: String, on db: any Database, logger: Logger, at: Date) async throws
}

public struct OutboxNotifier: Notifier {
    public init() {}
    public func sendText(to phone: String, body: String, on db: any Database, logger: Logger, at: Date) async throws {
        try await OutboxMessage(channel: "sms", recipient: phone, body: body, createdAt: at).create(on: db)
        logger.notice("SMS to \(phone): \(body)")
    }
}
