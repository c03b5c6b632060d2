import Fluent
import Foundation

/// A record's history and archived versions, as the view and review pages show them.
struct FilingHistoryView: Encodable {
    struct Entry: Encodable {
        let at: String
        let actor: String
        let action: String
        let statuses: String
        let opinion: String
        let changes: [FilingSnapshot.Change]
    }

    struct Version: Encodable {
        let version: Int
        let approvedAt: String
        let reviewer: String
        let opinion: String
        let infoStatus: String
    }

    let entries: [Entry]
    let versions: [Version]

    static func load(_ filing: Filing, on db: any Database, mask: IDNumberMask) async throws -> FilingHistoryView {
        let id = try filing.requireID()
        let events = try await FilingEvent.query(on: db).filter(\.$filingID == id).sort(\.$revision, .descending).all()
        let versions = try await FilingVersion.query(on: db).filter(\.$filingID == id).sort(\.$version, .descending).all()
        return FilingHistoryView(
            entries: events.map { e in
                let changes = e.action == .edit
                    ? (try? JSONDecoder().decode([FilingSnapshot.Change].self, from: Data(e.detail.utf8))) ?? []
                    : []
                let statuses = e.fromReview == e.toReview && e.fromInfo == e.toInfo
                    ? "\(e.toReview)/\(e.toInfo)"
                    : "\(e.fromReview)/\(e.fromInfo) → \(e.toReview)/\(e.toInfo)"
                return Entry(at: DisplayDate.minute(e.at), actor: e.actorName, action: e.action.title,
                             statuses: e.action == .create ? "\(e.toReview)/\(e.toInfo)" : statuses,
                             opinion: e.opinion, changes: mask.changes(changes))
            },
            versions: versions.map {
                Version(version: $0.version, approvedAt: DisplayDate.minute($0.approvedAt), reviewer: $0.reviewerName,
                        opinion: $0.opinion, infoStatus: $0.infoStatus.rawValue)
            })
    }
}

extension Filing {
    /// The latest archived version's snapshot, or nil when never approved.
    func archivedSnapshot(on db: any Database) async throws -> FilingSnapshot? {
        guard archivedVersion > 0, let id else { return nil }
        let row = try await FilingVersion.query(on: db).filter(\.$filingID == id).filter(\.$version == archivedVersion).first()
        return FilingSnapshot.decode(row?.snapshot)
    }

    /// The snapshot sent with the latest 审核上报 (or 注销 request): what the reviewer decides on.
    func submittedSnapshot(on db: any Database) async throws -> FilingSnapshot? {
        try await submissions(on: db, limit: 1).first
    }

    /// The submission before the latest one, if any: a record never approved is compared with what was
    /// sent last time (and rejected), so the reviewer sees what the company changed since.
    func previousSubmission(on db: any Database) async throws -> FilingSnapshot? {
        let recent = try await submissions(on: db, limit: 2)
        return recent.count == 2 ? recent[1] : nil
    }

    private func submissions(on db: any Database, limit: Int) async throws -> [FilingSnapshot] {
        guard let id else { return [] }
        let events = try await FilingEvent.query(on: db).filter(\.$filingID == id)
            .filter(\.$action ~~ [.submit, .requestDeregistration]).sort(\.$revision, .descending).limit(limit).all()
        return events.compactMap { FilingSnapshot.decode($0.detail) }
    }
}
