import Fluent
import Validation
import Vapor

/// 查看 and 历史 of an archived record (manual chapter 三), for whoever may see its filing: the approved
/// version, never a working one still under review.
struct ArchiveController {
    struct ViewPage: Encodable {
        let layout: Layout
        let heading: String
        let kindTitle: String
        let version: Int
        let approvedAt: String
        let fields: [FilingSnapshot.Field]
        let attachments: [AttachmentView]
        let hasAttachments: Bool
        let historyURL: String
        let backURL: String
    }

    struct HistoryPage: Encodable {
        let layout: Layout
        let heading: String
        let kindTitle: String
        let versions: [Version]
        let viewURL: String?
        let backURL: String
    }

    struct Version: Encodable {
        let number: Int
        let approvedAt: String
        let reviewer: String
        let opinion: String
        let infoStatus: String
        let isFirst: Bool
        let changes: [FilingSnapshot.Change]
    }

    func view(_ req: Request, _ kind: FilingKind) async throws -> Response {
        let filing = try await archivedFiling(req, kind)
        guard let version = try await FilingVersion.query(on: req.db).filter(\.$filingID == filing.requireID())
            .filter(\.$version == filing.archivedVersion).first(),
              version.infoStatus != .deregistered,
              let snapshot = FilingSnapshot.decode(version.snapshot) else { throw AppError.notFound }
        return try await req.render("archive-view", ViewPage(
            layout: await req.layout(filing.subject), heading: filing.subject, kindTitle: kind.title,
            version: version.version, approvedAt: DisplayDate.minute(version.approvedAt),
            fields: try masked(snapshot.fields, req), attachments: snapshot.attachments.map { AttachmentView(ref: $0) },
            hasAttachments: kind == .company, historyURL: SiteURL.archive(kind, .history(filing.id)).path,
            backURL: SiteURL.archive(kind, .list).path))
    }

    /// Every approved version, newest first, each with what changed from the one before (old → new).
    func history(_ req: Request, _ kind: FilingKind) async throws -> Response {
        let filing = try await archivedFiling(req, kind)
        let rows = try await FilingVersion.query(on: req.db).filter(\.$filingID == filing.requireID()).sort(\.$version).all()
        var previous: FilingSnapshot? = nil
        var versions: [Version] = []
        for row in rows {
            let snapshot = FilingSnapshot.decode(row.snapshot) ?? .empty
            let changes = previous.map { snapshot.changes(from: $0) }
                ?? snapshot.fields.filter { !$0.value.isEmpty }.map { .init(key: $0.key, label: $0.label, old: "", new: $0.value) }
            versions.append(Version(
                number: row.version, approvedAt: DisplayDate.minute(row.approvedAt), reviewer: row.reviewerName,
                opinion: row.opinion, infoStatus: row.infoStatus.rawValue, isFirst: previous == nil,
                changes: try maskedChanges(changes, req)))
            previous = snapshot
        }
        let current = rows.last.map { $0.infoStatus != .deregistered } ?? false
        return try await req.render("archive-history", HistoryPage(
            layout: await req.layout("历史：\(filing.subject)"), heading: filing.subject, kindTitle: kind.title,
            versions: versions.reversed(), viewURL: current ? SiteURL.archive(kind, .view(filing.id)).path : nil,
            backURL: SiteURL.archive(kind, .list).path))
    }

    /// The filing named by the path, if it is of this kind, has been approved and the user may see it.
    private func archivedFiling(_ req: Request, _ kind: FilingKind) async throws -> Filing {
        let filing = try await req.visibleFiling(req.parameters.get("id", as: UUID.self))
        guard filing.kind == kind, filing.archivedVersion > 0 else { throw AppError.notFound }
        return filing
    }

    /// 身份证号 in full only to regulators and the person's own company (an admin sees it masked).
    private func hidesIDNumbers(_ req: Request) throws -> Bool { try req.requireUser().role == .admin }

    private func masked(_ fields: [FilingSnapshot.Field], _ req: Request) throws -> [FilingSnapshot.Field] {
        guard try hidesIDNumbers(req) else { return fields }
        return fields.map { $0.key == "id_number" ? .init(key: $0.key, label: $0.label, value: ResidentIDNumber.mask($0.value)) : $0 }
    }

    private func maskedChanges(_ changes: [FilingSnapshot.Change], _ req: Request) throws -> [FilingSnapshot.Change] {
        guard try hidesIDNumbers(req) else { return changes }
        return changes.map {
            $0.key == "id_number"
                ? .init(key: $0.key, label: $0.label, old: $0.old.isEmpty ? "" : ResidentIDNumber.mask($0.old), new: ResidentIDNumber.mask($0.new))
                : $0
        }
    }
}
