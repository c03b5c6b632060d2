import Fluent
import Foundation
import SQLKit

/// A `liftwatch supervise` run as `supervision_runs` keeps it (M037).
struct SupervisionRunRecord: Equatable {
    let ranAt: Date
    let day: String
    /// Rule (`SupervisionRule.rawValue`) → count, for the whole system.
    let counts: [String: Int]
    /// Companies reminded; nil for a `--quiet` run.
    let reminded: Int?

    func store(on db: any Database) async throws {
        let counts = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
        try await db.sql().raw("""
            INSERT INTO supervision_runs (id, ran_at, day, counts, reminded)
            VALUES (\(bind: UUID()), \(bind: ranAt), \(bind: day), \(bind: counts), \(bind: reminded))
            """).run()
    }

    static func latest(on db: any Database) async throws -> SupervisionRunRecord? {
        guard let row = try await db.sql().raw("SELECT ran_at, day, counts, reminded FROM supervision_runs ORDER BY ran_at DESC LIMIT 1").first()
        else { return nil }
        return SupervisionRunRecord(
            ranAt: try row.decode(column: "ran_at", as: Date.self), day: try row.decode(column: "day", as: String.self),
            counts: try JSONDecoder().decode([String: Int].self, from: Data(try row.decode(column: "counts", as: String.self).utf8)),
            reminded: try row.decode(column: "reminded", as: Int?.self))
    }
}
