import Fluent
import Metrics
import Validation
import Vapor

/// Writes the security audit trail: each entry the next link of `AuditChain`.
struct AuditLog: Sendable {
    let db: any Database
    let now: Date
    let address: String

    func record(_ action: AuditEntry.Action, username: String, userID: UUID?, actorID: UUID? = nil, detail: String = "") async throws {
        // The user name is whatever was typed at the login form: kept, but never with control characters.
        try await AuditChain.append(AuditEntry(at: now, action: action, username: String(TextNormalizer.stripControls(username).prefix(100)),
                                               userID: userID, actorID: actorID, address: address,
                                               detail: TextNormalizer.stripControls(detail)), on: db)
        // Every audited event is also a rate for monitoring (logins and their failures, imports, exports,
        // reviews): liftwatch_audit_events_total{action}. Counted when written; the log itself is the record.
        Counter(label: "liftwatch_audit_events_total", dimensions: [("action", action.rawValue)]).increment()
    }

    /// Something `user` did (a review decision, an import, an export, an edit of the admin's lists): they
    /// are both the account the entry is about and the actor.
    func record(_ action: AuditEntry.Action, by user: CurrentUser, detail: String) async throws {
        try await record(action, username: user.username, userID: user.id, actorID: user.id, detail: detail)
    }

    /// The same log, writing in `db`: the transaction of the change the entry records.
    func on(_ db: any Database) -> AuditLog { AuditLog(db: db, now: now, address: address) }
}

extension Request {
    var audit: AuditLog { AuditLog(db: db, now: clock.now(), address: clientAddress) }

    /// Records an export of `list` by the logged-in user: what was exported, with the filter the list was
    /// given (the request's query) and how many rows the file holds.
    func auditExport(_ list: String, rows: Int) async throws {
        let filter = (URLComponents(string: url.string)?.queryItems ?? [])
            .filter { $0.name != "page" && !($0.value ?? "").isEmpty }
            .map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
        try await audit.record(.exported, by: try requireUser(),
                               detail: "\(list)，\(rows)行；筛选条件：\(filter.isEmpty ? "无" : filter)")
    }
}
