import Fluent
import SQLKit
import Vapor

/// Vapor's session driver over the `sessions` table, with the idle timeout enforced where the
/// session is read: a session untouched for longer than the timeout no longer exists.
///
/// Vapor asks the driver to save the session after every request that carried one. Writing a row
/// per page view would make every reader a writer (and on SQLite, one writer at a time serves the
/// whole city), so the driver writes only what changed: new data at once, and otherwise the
/// `updated_at` touch that keeps the idle clock honest, at most once per `touchInterval`.
struct DatabaseSessionDriver: SessionDriver {
    let idleTimeout: TimeInterval
    /// A 维保人员's session (marked `fieldSessionMark` at login): a phone left in a pocket for an hour in a
    /// machine room must still check out at the end of the visit.
    var fieldIdleTimeout: TimeInterval
    static let fieldSessionMark = (key: "idle", value: "field")

    init(idleTimeout: TimeInterval, fieldIdleTimeout: TimeInterval? = nil) {
        self.idleTimeout = idleTimeout
        self.fieldIdleTimeout = fieldIdleTimeout ?? idleTimeout
    }
    /// How stale `updated_at` may grow before a request that changed nothing touches it. The idle
    /// timeout is therefore exact to within this much.
    static let touchInterval: TimeInterval = 60

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let key = Self.newKey()
            // Vapor creates a session for any cookie it cannot find; with nothing in it there is
            // nothing to keep, and a stored row per made-up cookie would let anyone fill the table.
            guard !data.snapshot.isEmpty else { return SessionID(string: key) }
            let now = request.clock.now()
            try await StoredSession(key: key, data: try Self.encode(data), updatedAt: now).create(on: request.db)
            // Sweep sessions that timed out long ago, now and then, so the table does not grow forever.
            if Int.random(in: 0..<50) == 0 {
                try await StoredSession.query(on: request.db)
                    .filter(\.$updatedAt < now.addingTimeInterval(-max(idleTimeout, fieldIdleTimeout) - 86_400)).delete()
            }
            return SessionID(string: key)
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let stored = try await StoredSession.find(sessionID.string, on: request.db) else { return nil }
            let data = try JSONDecoder().decode(SessionData.self, from: Data(stored.data.utf8))
            let timeout = data[Self.fieldSessionMark.key] == Self.fieldSessionMark.value ? fieldIdleTimeout : idleTimeout
            if request.clock.now().timeIntervalSince(stored.updatedAt) > timeout {
                try await stored.delete(on: request.db)
                return nil
            }
            request.sessionAsRead = SessionAsRead(key: sessionID.string, data: data, updatedAt: stored.updatedAt)
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let now = request.clock.now()
            if let read = request.sessionAsRead, read.key == sessionID.string, read.data == data,
               now.timeIntervalSince(read.updatedAt) < Self.touchInterval {
                return sessionID
            }
            let encoded = try Self.encode(data)
            // One statement, no read first: the row may have gone meanwhile (expired, or logged out
            // in another tab), which the missing RETURNING row says.
            let updated = try await request.db.sql().raw("""
                UPDATE sessions SET data = \(bind: encoded), updated_at = \(bind: now)
                WHERE key = \(bind: sessionID.string) RETURNING key
                """).all()
            if !updated.isEmpty { return sessionID }
            return try await createSession(data, for: request).get()
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask {
            try await StoredSession.query(on: request.db).filter(\.$id == sessionID.string).delete()
        }
    }

    private static func newKey() -> String {
        [UInt8].random(count: 32).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }
}

/// The session as this request read it from the table, so that saving it can tell whether anything changed.
struct SessionAsRead: Sendable {
    let key: String
    let data: SessionData
    let updatedAt: Date
}

extension Request {
    private struct SessionAsReadKey: StorageKey { typealias Value = SessionAsRead }

    var sessionAsRead: SessionAsRead? {
        get { storage[SessionAsReadKey.self] }
        set { storage[SessionAsReadKey.self] = newValue }
    }
}
