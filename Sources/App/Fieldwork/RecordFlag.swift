import Fluent
import Foundation
import Supervision

/// One proof-of-visit flag a maintenance record in force carries (`SiteFlag`), kept by `RecordFlags` in the
/// transactions that change the record's evidence. A flagged record is still the record; the flag stands
/// until the company explains it and a regulator accepts the explanation.
final class RecordFlag: Model, @unchecked Sendable {
    static let schema = "record_flags"

    @ID(key: .id) var id: UUID?
    @Field(key: "record_id") var recordID: UUID
    /// `SiteFlag.code`.
    @Field(key: "flag") var flag: String
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "work_date") var workDate: String
    @Field(key: "detail") var detail: String
    @Field(key: "raised_at") var raisedAt: Date
    @Field(key: "explanation") var explanation: String
    @OptionalField(key: "explained_at") var explainedAt: Date?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @Field(key: "accepted_by_name") var acceptedByName: String

    init() {}

    var siteFlag: SiteFlag? { SiteFlag(code: flag) }

    /// 待说明, 待采纳 (explained), 已采纳.
    var stateTitle: String { acceptedAt != nil ? "已采纳" : explainedAt != nil ? "待采纳" : "待说明" }
}

extension RecordFlag {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [$id, $recordID, $flag, $companyID, $regionCode, $workDate, $detail, $raisedAt, $explanation, $explainedAt, $acceptedAt, $acceptedByName]
    }
}

/// What keeping the flags needs: the rules, and the interval 统计分析 judges an elevator by (a change of
/// the open flags changes its on-time months).
struct RecordFlagSettings: Sendable {
    var rules = SiteEvidenceRules()
    var defaultIntervalDays = SupervisionThresholds().halfMonthlyDays

    init() {}

    init(_ config: AppConfig) {
        rules = config.siteRules
        defaultIntervalDays = config.supervision.halfMonthlyDays
    }
}

/// Keeps `record_flags` equal to what `SiteEvidenceRules` says of each record in force.
enum RecordFlags {
    /// Recomputes the record's flags from its evidence now; a flag that stays keeps its explanation. When
    /// the open flags change and they withhold on-time, the elevator's 统计分析 months are counted again
    /// (unless `recount` is false: the caller recounts anyway).
    static func refresh(_ record: MaintenanceRecord, settings: RecordFlagSettings, now: Date, recount: Bool = true,
                        on db: any Database) async throws {
        let rules = settings.rules
        let recordID = try record.requireID()
        let wanted = try await VisitFlags.flags(of: record, rules: rules, on: db)
        let existing = try await RecordFlag.query(on: db).filter(\.$recordID == recordID).all()
        let wasOpen = existing.contains { $0.acceptedAt == nil }
        for row in existing where !wanted.contains(where: { $0.flag.code == row.flag }) { try await row.delete(on: db) }
        for (flag, detail) in wanted {
            if let row = existing.first(where: { $0.flag == flag.code }) {
                if row.detail != detail { row.detail = detail; try await row.update(on: db) }
                continue
            }
            let row = RecordFlag()
            row.recordID = recordID
            row.flag = flag.code
            row.companyID = record.companyID
            row.regionCode = record.regionCode
            row.workDate = record.workDate
            row.detail = detail
            row.raisedAt = now
            row.explanation = ""
            row.acceptedByName = ""
            try await row.create(on: db)
        }
        // Open now: a flag raised just now, or one that stays and was not accepted.
        let isOpen = wanted.contains { flag in existing.first { $0.flag == flag.flag.code }.map { $0.acceptedAt == nil } ?? true }
        if recount, wasOpen != isOpen { try await recountMonths(of: record, settings: settings, on: db) }
    }

    /// The record's elevator's 统计分析 months from its visit on, after its open flags changed.
    static func recountMonths(of record: MaintenanceRecord, settings: RecordFlagSettings, on db: any Database) async throws {
        guard !settings.rules.flaggedCountOnTime else { return }
        try await VisitMonth.recount(record.elevatorFilingID, from: record.workDate, defaultIntervalDays: settings.defaultIntervalDays,
                                     withholdFlagged: true, on: db)
    }

    /// A record a correction replaced no longer counts.
    static func clear(_ recordID: UUID, on db: any Database) async throws {
        try await RecordFlag.query(on: db).filter(\.$recordID == recordID).delete()
    }

    /// The records in force of a visit's elevator whose evidence changed with it (its place moved).
    static func refresh(elevator: UUID, settings: RecordFlagSettings, now: Date, on db: any Database) async throws {
        let recordIDs = try await SiteVisit.query(on: db).filter(\.$elevatorFilingID == elevator).all(\.$recordID).compactMap { $0 }
        for record in try await inForce(recordIDs, on: db) { try await refresh(record, settings: settings, now: now, on: db) }
    }

    /// These records or, where corrected, the corrections that replace them.
    static func inForce(_ ids: [UUID], on db: any Database) async throws -> [MaintenanceRecord] {
        var result: [MaintenanceRecord] = []
        for id in ids {
            var current = try await MaintenanceRecord.find(id, on: db)
            var hops = 0
            while let r = current, hops < 50, let next = try await MaintenanceRecord.query(on: db).filter(\.$amendsID == r.requireID()).first() {
                current = next
                hops += 1
            }
            if let current { result.append(current) }
        }
        return result
    }
}
