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

    static func evidence(_ visit: SiteVisit, checks: [VisitCheck], photos: [VisitPhoto], record: MaintenanceRecord?,
                         location: ElevatorLocation?) -> SiteEvidence {
        let ins = checks.filter { $0.kind == .checkIn }
        return SiteEvidence(
            checkIns: ins.map { c in
                .init(worker: c.workerName, place: c.latitude.flatMap { lat in c.longitude.map { GeoPoint(latitude: lat, longitude: $0) } },
                      accuracy: c.accuracy)
            },
            lastCheckIn: visit.lastCheckInAt, checkOut: visit.endedAt,
            level: record.flatMap { MaintenanceLevel(rawValue: $0.level) }, recordFiledAt: record?.filedAt, elevator: location?.point,
            photoSlots: photos.map(\.slot), reusedPhotos: photos.map(\.duplicateNote).filter { !$0.isEmpty },
            requiredPhotos: visit.requiredPhotos)
    }

    /// The visit's flags from what is already read of it.
    static func lines(_ visit: SiteVisit, checks: [VisitCheck], photos: [VisitPhoto], record: MaintenanceRecord?,
                      location: ElevatorLocation?, rules: SiteEvidenceRules) -> [Line] {
        rules.flags(evidence(visit, checks: checks, photos: photos, record: record, location: location)).map { Line(flag: $0.flag.rawValue, detail: $0.detail) }
    }

    static func of(_ visit: SiteVisit, rules: SiteEvidenceRules, on db: any Database) async throws -> [Line] {
        try await of([visit], rules: rules, on: db)[visit.requireID()] ?? []
    }

    /// The flags of a page of visits, in four reads (their check-ins, photos, records and elevators' places).
    static func of(_ visits: [SiteVisit], rules: SiteEvidenceRules, on db: any Database) async throws -> [UUID: [Line]] {
        let ids = visits.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let checks = Dictionary(grouping: try await VisitCheck.query(on: db).filter(\.$visitID ~~ ids).all(), by: \.visitID)
        let photos = Dictionary(grouping: try await VisitPhoto.query(on: db).filter(\.$visitID ~~ ids).all(), by: \.visitID)
        let recordIDs = visits.compactMap(\.recordID)
        var records: [UUID: MaintenanceRecord] = [:], places: [UUID: ElevatorLocation] = [:]
        if !recordIDs.isEmpty {
            for r in try await MaintenanceRecord.query(on: db).filter(\.$id ~~ recordIDs).all() { if let id = r.id { records[id] = r } }
        }
        for p in try await ElevatorLocation.query(on: db).filter(\._$id ~~ Array(Set(visits.map(\.elevatorFilingID)))).all() {
            if let id = p.id { places[id] = p }
        }
        var lines: [UUID: [Line]] = [:]
        for v in visits {
            guard let id = v.id else { continue }
            lines[id] = Self.lines(v, checks: checks[id] ?? [], photos: photos[id] ?? [], record: v.recordID.flatMap { records[$0] },
                                   location: places[v.elevatorFilingID], rules: rules)
        }
        return lines
    }

    /// The visit a record is the record of: its own, or that of the record it corrects (a correction
    /// replaces the visit's record; the check-ins stay the proof).
    static func visit(of record: MaintenanceRecord, on db: any Database) async throws -> SiteVisit? {
        var current: MaintenanceRecord? = record
        var hops = 0
        while let r = current, hops < 50 {
            if let visit = try await SiteVisit.query(on: db).filter(\.$recordID == r.requireID()).first() { return visit }
            guard let amends = r.amendsID else { return nil }
            current = try await MaintenanceRecord.find(amends, on: db)
            hops += 1
        }
        return nil
    }

    /// A record's flags: its visit's evidence with the record's own level and filing time, or 无签到.
    static func flags(of record: MaintenanceRecord, rules: SiteEvidenceRules, on db: any Database) async throws -> [(flag: SiteFlag, detail: String)] {
        guard let visit = try await visit(of: record, on: db) else { return rules.flags(.none) }
        let checks = try await VisitCheck.query(on: db).filter(\.$visitID == visit.requireID()).all()
        let photos = try await VisitPhoto.query(on: db).filter(\.$visitID == visit.requireID()).all()
        let location = try await ElevatorLocation.find(visit.elevatorFilingID, on: db)
        return rules.flags(evidence(visit, checks: checks, photos: photos, record: record, location: location))
    }
}
