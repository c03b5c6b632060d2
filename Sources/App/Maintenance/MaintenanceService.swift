import Fluent
import SQLKit
import Foundation
import Supervision
import Validation

/// Files maintenance records: each a new link of its company's chain, with its worker links, in one
/// transaction. Nothing here updates or deletes a record.
struct MaintenanceService {
    let db: any Database
    let now: Date
    let user: CurrentUser
    /// The interval an elevator without its own (按需维保) is judged by in the on-time statistics.
    let defaultIntervalDays: Int
    /// What a record's proof of visit must show: its flags are kept in the filing's transaction.
    var flagSettings = RecordFlagSettings()

    /// Files the record; `amends` is the record it corrects (the same company's, not itself corrected).
    /// `visit`: the 现场作业 visit the record is for; it is linked in the same transaction, once.
    func file(_ valid: MaintenanceValidator.Valid, companyID: UUID, amends: MaintenanceRecord?, visit: UUID? = nil) async throws -> MaintenanceRecord {
        // Two records of one company filed at the same moment both read the same chain head; the unique
        // (company, sequence) index lets one win, and the other reads the new head and tries again.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await db.transaction { db in try await append(valid, companyID: companyID, amends: amends, visit: visit, on: db) }
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            }
        }
    }

    private func append(_ valid: MaintenanceValidator.Valid, companyID: UUID, amends: MaintenanceRecord?, visit: UUID?,
                        on db: any Database) async throws -> MaintenanceRecord {
        if let amends, try await MaintenanceRecord.query(on: db).filter(\.$amendsID == amends.requireID()).first() != nil {
            throw AppError.conflict("该记录已被更正过，请在最新的更正记录上再更正")
        }
        let head = try await MaintenanceRecord.query(on: db).filter(\.$companyID == companyID)
            .sort(\.$sequence, .descending).first()
        let r = MaintenanceRecord()
        r.id = UUID()
        r.companyID = companyID
        r.elevatorFilingID = try valid.elevator.requireID()
        r.registrationCode = valid.elevator.registrationCode
        r.equipmentName = valid.elevator.equipmentName
        r.userUnit = valid.elevator.userUnit
        r.regionCode = valid.elevator.regionCode
        r.elevatorKind = valid.kind.rawValue
        r.workDate = valid.workDate.iso
        r.level = valid.level.rawValue
        r.items = Self.json(valid.items)
        r.workers = Self.json(valid.workers)
        r.findings = valid.findings
        r.confirmerName = valid.confirmerName
        r.confirmerPhone = valid.confirmerPhone
        r.amendsID = try amends?.requireID()
        r.amendmentReason = valid.amendmentReason
        r.filedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        r.filedByID = user.id
        r.filedByName = user.displayName
        r.sequence = (head?.sequence ?? 0) + 1
        r.previousHash = head?.hash ?? ""
        if let visit {
            // The visit is claimed first: its row's lock (PostgreSQL) makes a photo or a signature still in
            // flight either land before the evidence is read below or be refused as too late.
            let linked = try await db.sql().raw("""
                UPDATE site_visits SET record_id = \(bind: r.requireID()) WHERE id = \(bind: visit) AND record_id IS NULL RETURNING id
                """).all()
            guard !linked.isEmpty else { throw AppError.conflict("本次现场作业已填报过维保记录") }
            // The check-ins and check-outs so far are what the digest covers; a check-out after the record is not.
            try await db.sql().raw("""
                UPDATE visit_checks SET covered_by_record = \(bind: r.requireID()) WHERE visit_id = \(bind: visit) AND covered_by_record IS NULL
                """).run()
            r.evidenceDigest = try await VisitEvidenceDigest.of(visit: visit, on: db)
        } else {
            r.evidenceDigest = amends?.evidenceDigest ?? ""
        }
        r.hash = MaintenanceChain.hash(of: r)
        r.filingDelayDays = CivilDate.inChina(r.filedAt).daysSince1970 - valid.workDate.daysSince1970
        try await r.create(on: db)
        for worker in valid.workers {
            let link = MaintenanceWorkerLink()
            link.recordID = try r.requireID()
            link.staffFilingID = worker.staffFilingID
            link.companyID = companyID
            try await link.create(on: db)
        }
        // Its proof-of-visit flags; a corrected record no longer counts.
        try await RecordFlags.refresh(r, settings: flagSettings, now: r.filedAt, recount: false, on: db)
        if let amends { try await RecordFlags.clear(try amends.requireID(), on: db) }
        // The elevator's summaries follow; a correction may name another elevator (the code was mistyped),
        // and then the first one loses the visit.
        var changed = [(r.elevatorFilingID, min(r.workDate, amends?.workDate ?? r.workDate))]
        if let amends, amends.elevatorFilingID != r.elevatorFilingID { changed.append((amends.elevatorFilingID, amends.workDate)) }
        for (elevator, from) in changed {
            let inForce = try await MaintenanceRecord.inForce(ofElevator: elevator, on: db)
            try await ElevatorUpkeep.recompute(elevator, inForce: inForce, on: db)
            try await VisitMonth.recount(elevator, inForce: inForce, from: from, defaultIntervalDays: defaultIntervalDays,
                                         withholdFlagged: !flagSettings.rules.flaggedCountOnTime, on: db)
        }
        return r
    }

    /// JSON with sorted keys: stored once and hashed as stored, so its exact form never needs repeating.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
