import Fluent
import Vapor

/// The records waiting for a regulator's decision: 审核中, in the regulator's region and below
/// (an admin: everywhere), oldest first.
struct ReviewQueue {
    let req: Request

    func query(kind: FilingKind?) async throws -> QueryBuilder<Filing> {
        let query = Filing.query(on: req.db).filter(\.$reviewStatus == .pending)
        if let kind { query.filter(\.$kind == kind) }
        return try await req.accessScope().apply(query, company: \.$companyID, region: \.$regionCode)
    }

    /// The tabs' counts, from the kept counts (`FilingCount`): a few rows, however long the queue.
    func counts() async throws -> [FilingKind: Int] {
        var counts: [FilingKind: Int] = [:]
        let scope = try await req.accessScope()
        for kind in FilingKind.allCases {
            counts[kind] = try await FilingCount.total(kind, in: scope, statuses: [.pending], on: req.db)
        }
        return counts
    }

    /// "3天2小时": how long a submission has waited, in the words a reviewer reads at a glance.
    static func waited(since: Date?, now: Date) -> String {
        guard let since else { return "" }
        let minutes = max(0, Int(now.timeIntervalSince(since) / 60))
        if minutes < 60 { return "\(minutes)分钟" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)小时" }
        return "\(hours / 24)天\(hours % 24)小时"
    }
}

extension Request {
    private struct PendingKey: StorageKey { typealias Value = Int }

    /// How many records wait for this regulator or admin (nil for a company), for the menu and the
    /// start page: counted once per page, and only for pages that show it.
    func pendingReviewCount() async -> Int? {
        guard let role = currentUser?.role, role != .company else { return nil }
        if let cached = storage[PendingKey.self] { return cached }
        guard let scope = try? await accessScope(), let count = try? await FilingCount.pending(in: scope, on: db) else { return nil }
        storage[PendingKey.self] = count
        return count
    }
}
