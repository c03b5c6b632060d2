import Fluent
import SQLKit
import Vapor

/// Who acts on a filing, as history shows them.
struct FilingActor: Sendable {
    let id: UUID?
    let name: String
}

/// The one filing and review mechanism, generic over the kind of record. Each transition checks the
/// state machine, claims the filing's revision with a conditional update (so of two concurrent
/// decisions exactly one wins), saves the new statuses, and writes the history entry and, on
/// approval, the archived version — all in one transaction.
struct FilingService {
    let db: any Database
    let now: Date
    let actor: FilingActor

    /// Opens the filing of a new record (待上报/新增). `db` is the transaction creating the record.
    func open(kind: FilingKind, recordID: UUID, companyID: UUID, regionCode: String, subject: String,
              snapshot: FilingSnapshot, on db: any Database) async throws -> Filing {
        let filing = Filing()
        filing.kind = kind
        filing.recordID = recordID
        filing.companyID = companyID
        filing.regionCode = regionCode
        filing.subject = subject
        filing.state = FilingStateMachine.initial
        filing.revision = 0
        filing.archivedVersion = 0
        filing.createdAt = now
        filing.updatedAt = now
        try await filing.create(on: db)
        try await writeEvent(filing, .create, from: filing.state, opinion: "", detail: snapshot.encoded(), on: db)
        return filing
    }

    /// Opens the filings of many new records at once (an import), with their history, in batched inserts.
    func openMany(kind: FilingKind, records: [(id: UUID, subject: String, snapshot: FilingSnapshot)],
                  companyID: UUID, regionCode: String, on db: any Database) async throws -> [Filing] {
        let filings = records.map { r -> Filing in
            let f = Filing()
            f.id = UUID()
            f.kind = kind
            f.recordID = r.id
            f.companyID = companyID
            f.regionCode = regionCode
            f.subject = r.subject
            f.state = FilingStateMachine.initial
            f.revision = 0
            f.archivedVersion = 0
            f.createdAt = now
            f.updatedAt = now
            return f
        }
        try await BulkInsert.insert(filings, on: db)
        let events = try zip(filings, records).map { f, r -> FilingEvent in
            let event = try makeEvent(f, .create, from: f.state, opinion: "", detail: r.snapshot.encoded())
            event.id = UUID()
            return event
        }
        try await BulkInsert.insert(events, on: db)
        return filings
    }

    /// Records an edit saved in the transaction `db`: an approved record becomes 待上报/更改 while its
    /// archived version stays as approved. Nothing happens when nothing changed.
    ///
    /// `regionCode` is where the edited record now is. It decides whose regulators see the filing only
    /// while nothing of it was ever approved; once approved, the filing stays with the approved region
    /// until a regulator approves the move (`approve`), so an unreviewed edit cannot change who supervises it.
    func recordEdit(_ filing: Filing, subject: String, regionCode: String, before: FilingSnapshot, after: FilingSnapshot,
                    on db: any Database) async throws {
        let changes = after.changes(from: before)
        guard !changes.isEmpty else { return }
        try await transition(filing, .edit, expectedRevision: filing.revision, opinion: nil,
                             detail: Self.encode(changes), on: db) { f in
            f.subject = subject
            if f.archivedVersion == 0 { f.regionCode = regionCode }
        }
    }

    /// 审核上报. `problems` are the record's own reasons it cannot be submitted yet.
    func submit(_ filing: Filing, snapshot: FilingSnapshot, problems: [String]) async throws {
        guard problems.isEmpty else { throw FilingRefusal.invalid(problems) }
        try await db.transaction { db in
            try await transition(filing, .submit, expectedRevision: filing.revision, opinion: nil,
                                 detail: snapshot.encoded(), on: db) { f in f.submittedAt = now }
        }
    }

    /// 撤回: back to 待上报 so the company can change it.
    func withdraw(_ filing: Filing) async throws {
        try await db.transaction { db in
            try await transition(filing, .withdraw, expectedRevision: filing.revision, opinion: nil, detail: "", on: db) { f in
                f.submittedAt = nil
            }
        }
    }

    /// A deletion of an approved record: a 注销 request, submitted for review at once.
    func requestDeregistration(_ filing: Filing, snapshot: FilingSnapshot, on db: any Database) async throws {
        try await transition(filing, .requestDeregistration, expectedRevision: filing.revision, opinion: nil,
                             detail: snapshot.encoded(), on: db) { f in f.submittedAt = now }
    }

    /// Deletes a record that was never approved: its filing is closed, with the deletion in its history.
    func close(_ filing: Filing, on db: any Database) async throws {
        try await transition(filing, .delete, expectedRevision: filing.revision, opinion: nil, detail: "", on: db) { f in
            f.closedAt = now
        }
    }

    /// 通过: the submitted version becomes the next archived version. `alsoDo` runs last in the same
    /// transaction (the decision's audit entry).
    func approve(_ filing: Filing, expectedRevision: Int, opinion: String?, snapshot: FilingSnapshot,
                 alsoDo: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        let opinion = Self.clean(opinion)
        try await db.transaction { db in
            try await transition(filing, .approve, expectedRevision: expectedRevision, opinion: opinion ?? "",
                                 detail: snapshot.encoded(), on: db) { f in
                f.archivedVersion += 1
                f.opinion = opinion
            }
            // Read only now, with the claim's write lock held: on SQLite a transaction that reads before
            // its first write cannot upgrade its lock while another does the same (SQLITE_BUSY).
            // The record is locked while under review, so its working region is the one submitted.
            let region = try await filing.submittedRegion(on: db)
            if region != filing.regionCode {
                filing.regionCode = region
                try await filing.update(on: db)
            }
            let version = FilingVersion()
            version.filingID = try filing.requireID()
            version.version = filing.archivedVersion
            version.snapshot = snapshot.encoded()
            version.infoStatus = filing.infoStatus
            version.approvedAt = now
            version.reviewerID = actor.id ?? UUID()
            version.reviewerName = actor.name
            version.opinion = opinion ?? "已通过"
            try await version.create(on: db)
            try await filing.applyApproval(version: filing.archivedVersion, snapshot: snapshot, approvedAt: now, on: db)
            try await alsoDo(db)
        }
    }

    /// An inspection result: a new approved version (`snapshot`, the approved one with the new dates), its
    /// history entry, and `alsoDo` (the inspection record itself), in one transaction.
    func recordInspection(_ filing: Filing, expectedRevision: Int, opinion: String, snapshot: FilingSnapshot,
                          alsoDo: @escaping @Sendable (any Database) async throws -> Void) async throws {
        try await db.transaction { db in
            try await transition(filing, .recordInspection, expectedRevision: expectedRevision, opinion: opinion,
                                 detail: snapshot.encoded(), on: db) { f in
                f.archivedVersion += 1
            }
            let version = FilingVersion()
            version.filingID = try filing.requireID()
            version.version = filing.archivedVersion
            version.snapshot = snapshot.encoded()
            version.infoStatus = .normal  // an inspected elevator is an approved one in service
            version.approvedAt = now
            version.reviewerID = actor.id ?? UUID()
            version.reviewerName = actor.name
            version.opinion = opinion
            try await version.create(on: db)
            let row = try await ArchivedElevator.store(filing, version: filing.archivedVersion, snapshot: snapshot, approvedAt: now, on: db)
            try await ElevatorUpkeep.follow(row, approvedAt: now, on: db)
            try await alsoDo(db)
        }
    }

    /// 驳回, with the reason the company must read; `alsoDo` as for `approve`.
    func reject(_ filing: Filing, expectedRevision: Int, opinion: String?,
                alsoDo: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws {
        guard let opinion = Self.clean(opinion) else { throw FilingRefusal.notAllowed("驳回时必须填写审核意见") }
        try await db.transaction { db in
            try await transition(filing, .reject, expectedRevision: expectedRevision, opinion: opinion, detail: "", on: db) { f in
                f.opinion = opinion
            }
            try await alsoDo(db)
        }
    }

    // MARK: - The one transition

    private func transition(_ filing: Filing, _ action: FilingAction, expectedRevision: Int, opinion: String?,
                            detail: String, on db: any Database, update: (Filing) -> Void) async throws {
        let before = filing.state
        let after: FilingStateMachine.State
        switch FilingStateMachine.apply(action, to: before) {
        case .success(let next): after = next
        case .failure(let refusal): throw refusal
        }
        guard expectedRevision == filing.revision, try await claim(filing, revision: expectedRevision, on: db) else {
            throw [.approve, .reject].contains(action) ? FilingRefusal.alreadyDecided
                : FilingRefusal.notAllowed("该记录已被修改，请刷新页面后重试")
        }
        filing.revision = expectedRevision + 1
        filing.state = after
        filing.updatedAt = now
        if action == .submit || action == .requestDeregistration || action == .edit { filing.opinion = nil }
        update(filing)
        try await filing.update(on: db)
        try await writeEvent(filing, action, from: before, opinion: opinion ?? "", detail: detail, on: db)
    }

    /// Moves the stored revision on by one if it is still `revision`; false when someone else was first.
    private func claim(_ filing: Filing, revision: Int, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.update(Filing.schema)
            .set(SQLIdentifier("revision"), to: SQLBinaryExpression(SQLIdentifier("revision"), SQLBinaryOperator.add, SQLLiteral.numeric("1")))
            .where(SQLIdentifier("id"), .equal, SQLBind(try filing.requireID()))
            .where(SQLIdentifier("revision"), .equal, SQLBind(revision))
            .returning(SQLIdentifier("id"))
            .all()
        return rows.count == 1
    }

    private func writeEvent(_ filing: Filing, _ action: FilingAction, from: FilingStateMachine.State,
                            opinion: String, detail: String, on db: any Database) async throws {
        try await makeEvent(filing, action, from: from, opinion: opinion, detail: detail).create(on: db)
    }

    private func makeEvent(_ filing: Filing, _ action: FilingAction, from: FilingStateMachine.State,
                           opinion: String, detail: String) throws -> FilingEvent {
        let event = FilingEvent()
        event.filingID = try filing.requireID()
        event.revision = filing.revision
        event.at = now
        event.action = action
        event.actorID = actor.id
        event.actorName = actor.name
        event.fromReview = from.review.rawValue
        event.toReview = filing.reviewStatus.rawValue
        event.fromInfo = from.info.rawValue
        event.toInfo = filing.infoStatus.rawValue
        event.opinion = opinion
        event.detail = detail
        return event
    }

    private static func clean(_ opinion: String?) -> String? {
        let text = (opinion ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func encode(_ changes: [FilingSnapshot.Change]) -> String {
        String(decoding: (try? JSONEncoder().encode(changes)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
