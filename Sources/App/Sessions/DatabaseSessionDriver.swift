import Fluent
import Vapor

/// Vapor's session driver over the `sessions` table, with the idle timeout enforced where the
/// session is read: a session untouched for longer than the timeout no longer exists.
struct DatabaseSessionDriver: SessionDriver {
    let idleTimeout: TimeInterval

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let key = Self.newKey()
            let now = request.clock.now()
            try await StoredSession(key: key, data: try Self.encode(data), updatedAt: now).create(on: request.db)
            // Sweep sessions that timed out long ago, now and then, so the table does not grow forever.
            if Int.random(in: 0..<50) == 0 {
                try await StoredSession.query(on: request.db)
                    .filter(\.$updatedAt < now.addingTimeInterval(-idleTimeout - 86_400)).delete()
            }
            return SessionID(string: key)
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let stored = try await StoredSession.find(sessionID.string, on: request.db) else { return nil }
            if request.clock.now().timeIntervalSince(stored.updatedAt) > idleTimeout {
                try await stored.delete(on: request.db)
                return nil
            }
            return try JSONDecoder().decode(SessionData.self, from: Data(stored.data.utf8))
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask {
            let encoded = try Self.encode(data)
            let now = request.clock.now()
            if let stored = try await StoredSession.find(sessionID.string, on: request.db) {
                stored.data = encoded
                stored.updatedAt = now
                try await stored.update(on: request.db)
                return sessionID
            }
            // Deleted meanwhile (expired, or logged out in another tab): start a fresh one.
            let key = Self.newKey()
            try await StoredSession(key: key, data: encoded, updatedAt: now).create(on: request.db)
            return SessionID(string: key)
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
