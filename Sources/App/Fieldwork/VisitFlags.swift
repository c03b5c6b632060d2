import Fluent
import Foundation
import Supervision

/// The proof-of-visit flags (`SiteEvidenceRules.flags`) of a visit or of a maintenance record, from what is
/// stored: the visit's check-ins, its record's level and filing time, the elevator's place.
enum VisitFlags {
    struct Line: Encodable, Equatable {
        let flag: String
        let detail: String
    }

    static func evidence(_ visit: SiteVisit, checks: [VisitCheck], record: MaintenanceRecord?, location: ElevatorLocation?) -> SiteEvidence {
        let ins = checks.filter { $0.kind == .checkIn }
        return SiteEvidence(
            checkIns: ins.map { c in
                .init(worker: c.workerName, place: c.latitude.flatMap { lat in c.longitude.map { GeoPoint(latitude: lat, longitude: $0) } },
                      accuracy: c.accuracy)
            },
            lastCheckIn: visit.lastCheckInAt, checkOut: visit.endedAt,
            level: record.flatMap { MaintenanceLevel(rawValue: $0.level) }, recordFiledAt: record?.filedAt, elevator: location?.point)
    }

    static func of(_ visit: SiteVisit, rules: SiteEvidenceRules, on db: any Database) async throws -> [Line] {
        let checks = try await VisitCheck.query(on: db).filter(\.$visitID == visit.requireID()).all()
        var record: MaintenanceRecord?
        if let id = visit.recordID { record = try await MaintenanceRecord.find(id, on: db) }
        let location = try await ElevatorLocation.find(visit.elevatorFilingID, on: db)
        return rules.flags(evidence(visit, checks: checks, record: record, location: location)).map { Line(flag: $0.flag.rawValue, detail: $0.detail) }
    }

    /// The flags of a page of visits, in three reads (their check-ins, records and elevators' places).
    static func of(_ visits: [SiteVisit], rules: SiteEvidenceRules, on db: any Database) async throws -> [UUID: [Line]] {
        let ids = visits.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let checks = Dictionary(grouping: try await VisitCheck.query(on: db).filter(\.$visitID ~~ ids).all(), by: \.visitID)
        let recordIDs = visits.compactMap(\.recordID)
        let records = recordIDs.isEmpty ? [] : try await MaintenanceRecord.query(on: db).filter(\.$id ~~ recordIDs).all()
        let places = try await ElevatorLocation.query(on: db).filter(\._$id ~~ Array(Set(visits.map(\.elevatorFilingID)))).all()
        var lines: [UUID: [Line]] = [:]
        for v in visits {
            guard let id = v.id else { continue }
            let record = records.first { $0.id == v.recordID }
            let place = places.first { $0.id == v.elevatorFilingID }
            lines[id] = rules.flags(evidence(v, checks: checks[id] ?? [], record: record, location: place))
                .map { Line(flag: $0.flag.rawValue, detail: $0.detail) }
        }
        return lines
    }

    /// A record's flags: its visit's, or 无签到 for a record filed without one.
    static func of(_ record: MaintenanceRecord, visit: SiteVisit?, rules: SiteEvidenceRules, on db: any Database) async throws -> [Line] {
        guard let visit else { return rules.flags(.none).map { Line(flag: $0.flag.rawValue, detail: $0.detail) } }
        return try await of(visit, rules: rules, on: db)
    }
}
