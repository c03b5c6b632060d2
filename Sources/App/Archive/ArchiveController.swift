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
        /// An elevator's maintenance and inspection records.
        let records: ElevatorRecordsView?
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
        /// The maintenance company that filed this version.
        let company: String
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
        let heading = Self.subject(kind, snapshot, fallback: filing.subject)
        return try await req.render("archive-view", ViewPage(
            layout: await req.layout(heading), heading: heading, kindTitle: kind.title,
            version: version.version, approvedAt: DisplayDate.minute(version.approvedAt),
            fields: req.idNumberMask.fields(snapshot.fields), attachments: snapshot.attachments.map { AttachmentView(ref: $0) },
            hasAttachments: kind == .company, historyURL: SiteURL.archive(kind, .history(filing.id)).path,
            backURL: SiteURL.archive(kind, .list).path,
            records: kind == .elevator
                ? try await ElevatorRecordsView.load(filingID: try filing.requireID(), code: snapshot.value("registration_code") ?? "",
                                                     archived: true, req: req)
                : nil))
    }

    /// Every approved version, newest first, each with what changed from the one before (old → new). An
    /// elevator's history spans its maintenance companies: the versions another company filed under the same
    /// 注册代码 before its 注销 come first, and the change of company shows as a changed 维保单位.
    func history(_ req: Request, _ kind: FilingKind) async throws -> Response {
        let filing = try await archivedFiling(req, kind)
        var filingIDs = [try filing.requireID()]
        if kind == .elevator, let code = try await latestSnapshot(filing, on: req.db)?.value("registration_code"), !code.isEmpty {
            let others = try await Filing.query(on: req.db).filter(\.$kind == .elevator).filter(\.$subject ~~ code)
                .filter(\.$archivedVersion > 0).all()
            // A company reads only its own filings; regulators and admins follow the elevator across companies.
            let scope = try await req.accessScope()
            for other in others where other.id != filing.id && scope.contains(company: other.companyID, region: other.regionCode) {
                if try await latestSnapshot(other, on: req.db)?.value("registration_code") == code { filingIDs.append(try other.requireID()) }
            }
        }
        let rows = try await FilingVersion.query(on: req.db).filter(\.$filingID ~~ filingIDs)
            .sort(\.$approvedAt).sort(\.$version).all()
        var companyOf: [UUID: UUID] = [:]
        for f in try await Filing.query(on: req.db).filter(\.$id ~~ filingIDs).all() { companyOf[try f.requireID()] = f.companyID }
        // As approved: a rename waiting for review does not rename the history.
        let names = try await ArchivedCompany.approvedNames(Array(companyOf.values), on: req.db)

        var previous: FilingSnapshot? = nil
        var previousCompany: String? = nil
        var versions: [Version] = []
        for (index, row) in rows.enumerated() {
            let snapshot = FilingSnapshot.decode(row.snapshot) ?? .empty
            let company = companyOf[row.filingID].flatMap { names[$0] } ?? ""
            var changes = previous.map { snapshot.changes(from: $0) }
                ?? snapshot.fields.filter { !$0.value.isEmpty }.map { .init(key: $0.key, label: $0.label, old: "", new: $0.value) }
            if kind != .company, let previousCompany, previousCompany != company {
                changes.insert(.init(key: "company", label: "维保单位", old: previousCompany, new: company), at: 0)
            }
            versions.append(Version(
                number: index + 1, company: company, approvedAt: DisplayDate.minute(row.approvedAt), reviewer: row.reviewerName,
                opinion: row.opinion, infoStatus: row.infoStatus.rawValue, isFirst: previous == nil,
                changes: req.idNumberMask.changes(changes)))
            previous = snapshot
            previousCompany = company
        }
        let current = rows.last.map { $0.infoStatus != .deregistered && $0.filingID == filing.id } ?? false
        let heading = Self.subject(kind, previous ?? .empty, fallback: filing.subject)
        return try await req.render("archive-history", HistoryPage(
            layout: await req.layout("历史：\(heading)"), heading: heading, kindTitle: kind.title,
            versions: versions.reversed(), viewURL: current ? SiteURL.archive(kind, .view(filing.id)).path : nil,
            backURL: SiteURL.archive(kind, .list).path))
    }

    private func latestSnapshot(_ filing: Filing, on db: any Database) async throws -> FilingSnapshot? {
        try await filing.archivedSnapshot(on: db)
    }

    /// The approved elevator named by the path (its filing and its archive row), if the user may see it:
    /// what 录入检验结果 and 设置维保周期 act on.
    func archivedElevator(_ req: Request) async throws -> (Filing, ArchivedElevator) {
        let filing = try await archivedFiling(req, .elevator)
        guard let elevator = try await ArchivedElevator.find(filing.id, on: req.db) else { throw AppError.notFound }
        return (filing, elevator)
    }

    /// The filing named by the path, if it is of this kind, has been approved and the user may see it —
    /// judged by where its approved version stands (an edit moving it elsewhere is not approved yet).
    func archivedFiling(_ req: Request, _ kind: FilingKind) async throws -> Filing {
        guard let id = req.parameters.get("id", as: UUID.self), let filing = try await Filing.find(id, on: req.db),
              filing.kind == kind, filing.archivedVersion > 0 else { throw AppError.notFound }
        guard try await req.accessScope().contains(company: filing.companyID, region: try await approvedRegion(of: filing, on: req.db)) else {
            throw AppError.notFound
        }
        return filing
    }

    private func approvedRegion(of filing: Filing, on db: any Database) async throws -> String {
        let id = try filing.requireID()
        switch filing.kind {
        case .elevator: return try await ArchivedElevator.find(id, on: db)?.regionCode ?? filing.regionCode
        case .staff: return try await ArchivedStaff.find(id, on: db)?.regionCode ?? filing.regionCode
        case .company: return try await ArchivedCompany.find(id, on: db)?.regionCode ?? filing.regionCode
        }
    }

    /// How a page names an approved version: as the register does, from the approved values.
    static func subject(_ kind: FilingKind, _ snapshot: FilingSnapshot, fallback: String) -> String {
        let name: String
        switch kind {
        case .elevator: name = [snapshot.value("equipment_name"), snapshot.value("registration_code")].compactMap { $0 }.joined(separator: " ")
        case .staff, .company: name = snapshot.value("name") ?? ""
        }
        return name.isEmpty ? fallback : name
    }
}
