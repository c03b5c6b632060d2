import Fluent
import Vapor

/// Writes the security audit trail.
struct AuditLog {
    let db: any Database
    let now: Date
    let address: String

    func record(_ action: AuditEntry.Action, username: String, userID: UUID?, actorID: UUID? = nil, detail: String = "") async throws {
        try await AuditEntry(at: now, action: action, username: username, userID: userID,
                             actorID: actorID, address: address, detail: detail).create(on: db)
    }
}

extension Request {
    var audit: AuditLog { AuditLog(db: db, now: clock.now(), address: clientAddress) }
}
