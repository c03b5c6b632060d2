import Fluent
import Validation
import Vapor

/// Writes the security audit trail.
struct AuditLog {
    let db: any Database
    let now: Date
    let address: String

    func record(_ action: AuditEntry.Action, username: String, userID: UUID?, actorID: UUID? = nil, detail: String = "") async throws {
        // The user name is whatever was typed at the login form: kept, but never with control characters.
        try await AuditEntry(at: now, action: action, username: String(TextNormalizer.stripControls(username).prefix(100)),
                             userID: userID, actorID: actorID, address: address,
                             detail: TextNormalizer.stripControls(detail)).create(on: db)
    }
}

extension Request {
    var audit: AuditLog { AuditLog(db: db, now: clock.now(), address: clientAddress) }
}
