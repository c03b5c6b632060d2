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

    /// A record's flags: its visit's, or 无签到 for a record filed without one.
    static func of(_ record: MaintenanceRecord, visit: SiteVisit?, rules: SiteEvidenceRules, on db: any Database) async throws -> [Line] {
        guard let visit else { return rules.flags(.none).map { Line(flag: $0.flag.rawValue, detail: $0.detail) } }
        return try await of(visit, rules: rules, on: db)
    }
}
