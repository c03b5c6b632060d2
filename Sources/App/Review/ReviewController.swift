import Fluent
import Vapor

/// 审核管理: the regulator's queue, the review page with the submitted version beside the approved
/// one, and the decisions 通过 / 驳回 (one record, or many approved at once).
struct ReviewController {
    struct QueuePage: Encodable {
        let layout: Layout
        let tabs: [Tab]
        let rows: [Row]
        let paging: Paging
        let bulkURL: String
        let kindTitle: String
    }

    struct Tab: Encodable {
        let title: String
        let count: Int
        let href: String
        let active: Bool
    }

    struct Row: Encodable {
        let token: String
        let kind: String
        let company: String
        let subject: String
        let infoStatus: String
        let submittedAt: String
        let waited: String
        let href: String
    }

    func queue(_ req: Request) async throws -> Response {
        let kind = FilingKind(rawValue: (try? req.query.get(String.self, at: "kind")) ?? "") ?? .company
        let queue = ReviewQueue(req: req)
        let counts = try await queue.counts()
        let (filings, paging) = try await queue.query(kind: kind).sort(\.$submittedAt).sort(\.$id).page(req, per: 50)
        let names = try await Company.workingNames(filings.map(\.companyID), on: req.db)
        let now = req.clock.now()
        let rows = try filings.map { f in
            Row(token: "\(try f.requireID().uuidString):\(f.revision)", kind: f.kind.title, company: names[f.companyID] ?? "",
                subject: f.subject, infoStatus: f.infoStatus.rawValue, submittedAt: DisplayDate.minute(f.submittedAt),
                waited: ReviewQueue.waited(since: f.submittedAt, now: now), href: SiteURL.reviewDetail(f.id).path)
        }
        let tabs = FilingKind.allCases.map {
            Tab(title: $0.title, count: counts[$0] ?? 0, href: SiteURL.reviewQueue.path + "?kind=" + $0.rawValue, active: $0 == kind)
        }
        return try await req.render("review-queue", QueuePage(
            layout: await req.layout("审核管理"), tabs: tabs, rows: rows, paging: paging,
            bulkURL: SiteURL.reviewBulkApprove.path, kindTitle: kind.title))
    }

    // MARK: The review page

    struct DetailPage: Encodable {
        let layout: Layout
        let heading: String
        let kindTitle: String
        let company: String
        let reviewStatus: String
        let infoStatus: String
        let isPending: Bool
        let isNew: Bool
        let baseTitle: String
        let isDeregistration: Bool
        let submittedAt: String
        let comparison: [Compared]
        let submittedFiles: [ComparedFile]
        let removedFiles: [AttachmentView]
        let history: FilingHistoryView
        let revision: Int
        let approveURL: String
        let rejectURL: String
        let backURL: String
    }

    struct Compared: Encodable {
        let label: String
        let approved: String
        let submitted: String
        let changed: Bool
    }

    struct ComparedFile: Encodable {
        let file: AttachmentView
        let isNew: Bool
    }

    func detail(_ req: Request) async throws -> Response {
        let filing = try await req.visibleFiling(req.parameters.get("id", as: UUID.self))
        let mask = req.idNumberMask
        let submitted = mask.snapshot(try await filing.submittedSnapshot(on: req.db) ?? .empty)
        let approved = try await filing.archivedSnapshot(on: req.db).map(mask.snapshot)
        let previous = approved == nil ? try await filing.previousSubmission(on: req.db).map(mask.snapshot) : nil
        let base = approved ?? previous ?? .empty
        let old = Dictionary(base.fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let comparison = submitted.fields.map { f in
            Compared(label: f.label, approved: old[f.key] ?? "", submitted: f.value,
                     changed: approved == nil && previous == nil ? !f.value.isEmpty : old[f.key] != f.value)
        }
        let oldFiles = Set(base.attachments.map(\.sha256))
        let newFiles = Set(submitted.attachments.map(\.sha256))
        let companyName = try await Company.find(filing.companyID, on: req.db)?.name ?? ""
        // A company's own filing would name the company twice.
        let company = filing.kind == .company ? "" : companyName
        return try await req.render("review-detail", DetailPage(
            layout: await req.layout("审核：\(filing.subject)"), heading: filing.subject, kindTitle: filing.kind.title,
            company: company, reviewStatus: filing.reviewStatus.rawValue, infoStatus: filing.infoStatus.rawValue,
            isPending: filing.reviewStatus == .pending, isNew: approved == nil && previous == nil,
            baseTitle: approved != nil ? "当前档案（已审核通过）" : "上次上报（未通过）",
            isDeregistration: filing.infoStatus == .deregistered, submittedAt: DisplayDate.minute(filing.submittedAt),
            comparison: comparison,
            submittedFiles: submitted.attachments.map { ComparedFile(file: AttachmentView(ref: $0), isNew: !oldFiles.contains($0.sha256)) },
            removedFiles: base.attachments.filter { !newFiles.contains($0.sha256) }.map { AttachmentView(ref: $0) },
            history: try await FilingHistoryView.load(filing, on: req.db, mask: mask), revision: filing.revision,
            approveURL: SiteURL.reviewApprove(filing.id).path, rejectURL: SiteURL.reviewReject(filing.id).path,
            backURL: SiteURL.reviewQueue.path + "?kind=" + filing.kind.rawValue))
    }

    // MARK: Decisions

    struct DecisionInput: Content {
        var revision: Int?
        var opinion: String?
    }

    func approve(_ req: Request) async throws -> Response {
        try await decide(req) { filing, input in
            let snapshot = try await filing.submittedSnapshot(on: req.db) ?? .empty
            let entry = try Self.auditEntry(req, .reviewApproved, filing, opinion: input.opinion)
            try await req.filingService().approve(filing, expectedRevision: input.revision ?? -1, opinion: input.opinion,
                                                  snapshot: snapshot, alsoDo: entry)
            return "已审核通过：\(filing.subject)"
        }
    }

    func reject(_ req: Request) async throws -> Response {
        try await decide(req) { filing, input in
            let entry = try Self.auditEntry(req, .reviewRejected, filing, opinion: input.opinion)
            try await req.filingService().reject(filing, expectedRevision: input.revision ?? -1, opinion: input.opinion, alsoDo: entry)
            return "已驳回：\(filing.subject)"
        }
    }

    /// The decision's audit entry, written in the decision's transaction: who decided (the reviewer, from
    /// where), what (the kind, subject and id of the filing) and the opinion.
    private static func auditEntry(_ req: Request, _ action: AuditEntry.Action, _ filing: Filing, opinion: String?,
                                   bulk: Bool = false) throws -> @Sendable (any Database) async throws -> Void {
        let (audit, user) = (req.audit, try req.requireUser())
        let opinion = (opinion ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let detail = (bulk ? "批量通过；" : "") + "\(filing.kind.title)：\(filing.subject)（备案编号 \(filing.id?.uuidString ?? "")）"
            + "；审核意见：\(opinion.isEmpty ? "无" : opinion)"
        return { db in try await audit.on(db).record(action, by: user, detail: detail) }
    }

    private func decide(_ req: Request, _ action: (Filing, DecisionInput) async throws -> String) async throws -> Response {
        let filing = try await req.visibleFiling(req.parameters.get("id", as: UUID.self))
        let input = try req.content.decode(DecisionInput.self)
        do {
            let notice = try await action(filing, input)
            req.flash(notice)
            return req.redirect(to: SiteURL.reviewQueue.path + "?kind=" + filing.kind.rawValue)
        } catch let refusal as FilingRefusal {
            req.flash(refusal.message, kind: .error)
            return req.redirect(to: SiteURL.reviewDetail(filing.id).path)
        }
    }

    struct BulkInput: Content {
        var ids: [String]?
        var opinion: String?
    }

    /// 批量通过: all the selected records, each with the revision the reviewer saw in the list, or none.
    /// Every selection is looked up (and must be the reviewer's to decide) before anything is approved,
    /// and the approvals share one transaction: one record outside the region, or one decided meanwhile,
    /// approves nothing.
    func bulkApprove(_ req: Request) async throws -> Response {
        let input = try req.content.decode(BulkInput.self)
        let tokens = input.ids ?? []
        guard !tokens.isEmpty else {
            req.flash("请先选择要审核通过的记录", kind: .error)
            return req.redirect(to: SiteURL.reviewQueue.path)
        }
        var selected: [(filing: Filing, revision: Int, snapshot: FilingSnapshot, entry: @Sendable (any Database) async throws -> Void)] = []
        for token in tokens {
            let parts = token.split(separator: ":")
            guard parts.count == 2, let revision = Int(parts[1]) else { throw AppError.badRequest("所选记录有误，请刷新页面后重试") }
            let filing = try await req.visibleFiling(UUID(uuidString: String(parts[0])))
            selected.append((filing, revision, try await filing.submittedSnapshot(on: req.db) ?? .empty,
                             try Self.auditEntry(req, .reviewApproved, filing, opinion: input.opinion, bulk: true)))
        }
        let kind = selected[0].filing.kind
        let service = req.filingService()
        let chosen = selected
        do {
            try await req.db.transaction { db in
                let inTransaction = FilingService(db: db, now: service.now, actor: service.actor)
                for (filing, revision, snapshot, _) in chosen {
                    do {
                        try await inTransaction.approve(filing, expectedRevision: revision, opinion: input.opinion, snapshot: snapshot)
                    } catch let refusal as FilingRefusal {
                        throw BulkRefusal(subject: filing.subject, refusal: refusal)
                    }
                }
                // The entries after every approval: the audit chain's head is held from the first entry to
                // the commit, and taking a filing's claim while holding it could deadlock with a single
                // decision that holds that claim and waits for the head.
                for (_, _, _, entry) in chosen { try await entry(db) }
            }
        } catch let refused as BulkRefusal {
            req.flash("未审核通过任何记录：“\(refused.subject)”\(refused.refusal.message)。请刷新列表后重新选择。", kind: .error)
            return req.redirect(to: SiteURL.reviewQueue.path + "?kind=" + kind.rawValue)
        }
        req.flash("已审核通过\(chosen.count)条记录。")
        return req.redirect(to: SiteURL.reviewQueue.path + "?kind=" + kind.rawValue)
    }
}

/// One record of a bulk approval could not be approved, so none was.
private struct BulkRefusal: Error {
    let subject: String
    let refusal: FilingRefusal
}
