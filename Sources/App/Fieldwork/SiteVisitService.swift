import Fluent
import Foundation
import SQLKit
import Supervision
import Validation

/// 签到 and 签退: each worker checks in from their own login at the elevator (so a company cannot name a
/// worker who was not there); the first check-in opens the company's visit at that elevator, the others
/// join it; a check-out by one of its workers ends it. Each step in one transaction.
struct SiteVisitService {
    /// A visit left open longer than this is no longer one visit: the next check-in closes it as 未签退.
    static let openHours: TimeInterval = 12 * 3600

    let db: any Database
    let now: Date
    let user: CurrentUser
    let today: CivilDate
    /// Check-ins less accurate than this (metres) do not place the elevator.
    var placingAccuracy: Double = SiteEvidenceRules().placingAccuracyMeters
    /// How the record of the visit is flagged, when a check-in or check-out changes its evidence.
    var flagSettings = RecordFlagSettings()

    /// Where and when the phone says it was. Any part may be missing (a phone that refused its location).
    struct Place: Sendable, Equatable {
        var latitude: Double?
        var longitude: Double?
        var accuracy: Double?
        var deviceTime: Date?

        /// From the form the page's script filled; values out of range are dropped as not given.
        init(latitude: String, longitude: String, accuracy: String, deviceTime: String) {
            let lat = Double(latitude), lon = Double(longitude), acc = Double(accuracy)
            if let lat, let lon, (-90...90).contains(lat), (-180...180).contains(lon), lat.isFinite, lon.isFinite {
                self.latitude = lat; self.longitude = lon
                if let acc, acc.isFinite, (0...1_000_000).contains(acc) { self.accuracy = acc }
            }
            // Milliseconds since 1970, as the browser's Date.now() gives them.
            if let ms = Int64(deviceTime), (0...10_000_000_000_000).contains(ms) {
                self.deviceTime = Date(timeIntervalSince1970: Double(ms) / 1000)
            }
        }

        init(latitude: Double? = nil, longitude: Double? = nil, accuracy: Double? = nil, deviceTime: Date? = nil) {
            self.latitude = latitude; self.longitude = longitude; self.accuracy = accuracy; self.deviceTime = deviceTime
        }
    }

    enum Refusal: Error, Equatable {
        case standing(String)
        case notOwnElevator
        case visitOver
        case notInVisit

        var message: String {
            switch self {
            case .standing(let message): message
            case .notOwnElevator: "该电梯不由您所在的公司维保，不能签到"
            case .visitOver: "本次作业已结束，如需继续作业请重新签到"
            case .notInVisit: "您没有在本次作业签到，不能签退"
            }
        }
    }

    /// Checks the worker in at the elevator: into the company's open visit there, or a new one.
    func checkIn(_ elevator: ArchivedElevator, method: VisitCheck.Method, place: Place) async throws -> SiteVisit {
        let staff: ArchivedStaff
        switch try await WorkerStanding.check(user, today: today, on: db) {
        case .failure(let refusal): throw Refusal.standing(refusal.message)
        case .success(let s): staff = s
        }
        guard let companyID = user.companyID, elevator.companyID == companyID, let elevatorID = elevator.id else {
            throw Refusal.notOwnElevator
        }
        // Two workers scanning at once both find no open visit; the partial unique index lets one open it
        // and the other, refused (or, on SQLite, stopped by the other's write), finds it on its next try.
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await db.transaction { db in
                    let visit = try await openVisit(companyID: companyID, elevator: elevator, elevatorID: elevatorID, on: db)
                    let visitID = try visit.requireID()
                    let already = try await VisitCheck.query(on: db).filter(\.$visitID == visitID)
                        .filter(\.$userID == user.id).filter(\.$kind == .checkIn).first()
                    guard already == nil else { return visit }
                    try await record(.checkIn, visit: visitID, company: companyID, staff: try staff.requireID(), name: staff.name,
                                     method: method, place: place, on: db)
                    visit.lastCheckInAt = now
                    try await visit.update(on: db)
                    try await refreshRecord(of: visit, on: db)
                    return visit
                }
            } catch where isLostWriteRace(error) && attempt < 8 {
                try await Task.sleep(for: .milliseconds(10 * attempt))
            }
        }
    }

    /// The company's open visit at the elevator, or a new one; an open visit past `openHours` is closed as
    /// 未签退 first.
    private func openVisit(companyID: UUID, elevator: ArchivedElevator, elevatorID: UUID, on db: any Database) async throws -> SiteVisit {
        if let open = try await SiteVisit.query(on: db).filter(\.$companyID == companyID)
            .filter(\.$elevatorFilingID == elevatorID).filter(\.$status == .open).first() {
            if now.timeIntervalSince(open.startedAt) < Self.openHours { return open }
            open.status = .lapsed
            try await open.update(on: db)
        }
        let visit = SiteVisit()
        visit.id = UUID()
        visit.companyID = companyID
        visit.elevatorFilingID = elevatorID
        visit.regionCode = elevator.regionCode
        visit.registrationCode = elevator.registrationCode
        visit.equipmentName = elevator.equipmentName
        visit.userUnit = elevator.userUnit
        visit.status = .open
        visit.startedAt = now
        visit.lastCheckInAt = now
        visit.photoCount = 0
        visit.requiredPhotos = flagSettings.rules.requiredPhotos
        try await visit.create(on: db)
        return visit
    }

    /// Ends the visit: one of its checked-in workers checks out. The visit is claimed by a conditional
    /// update, so two check-outs at once end it once.
    func checkOut(_ visit: SiteVisit, place: Place) async throws {
        let visitID = try visit.requireID()
        guard visit.shownStatus(now: now) == .open else { throw Refusal.visitOver }
        guard let checkIn = try await VisitCheck.query(on: db).filter(\.$visitID == visitID).filter(\.$userID == user.id)
            .filter(\.$kind == .checkIn).first() else { throw Refusal.notInVisit }
        try await db.transaction { db in
            let claimed = try await db.sql().raw("""
                UPDATE site_visits SET status = 'checked_out', ended_at = \(bind: now)
                WHERE id = \(bind: visitID) AND status = 'open' RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw Refusal.visitOver }
            try await record(.checkOut, visit: visitID, company: visit.companyID, staff: checkIn.staffFilingID, name: checkIn.workerName,
                             method: checkIn.method, place: place, on: db)
            // An elevator with no place yet takes the accurate check-ins of its first visit that has any.
            let checks = try await VisitCheck.query(on: db).filter(\.$visitID == visitID).all()
            try await ElevatorLocation.placeIfUnknown(visit.elevatorFilingID, from: checks, accuracy: placingAccuracy, now: now, on: db)
            visit.status = .checkedOut
            visit.endedAt = now
            try await refreshRecord(of: visit, on: db)
        }
    }

    /// The user's check-in or check-out, received now.
    private func record(_ kind: VisitCheck.Kind, visit: UUID, company: UUID, staff: UUID, name: String, method: VisitCheck.Method,
                        place: Place, on db: any Database) async throws {
        let check = VisitCheck()
        check.visitID = visit
        check.companyID = company
        check.userID = user.id
        check.staffFilingID = staff
        check.workerName = name
        check.kind = kind
        check.method = method
        check.deviceTime = place.deviceTime
        check.receivedAt = now
        check.latitude = place.latitude
        check.longitude = place.longitude
        check.accuracy = place.accuracy
        try await check.create(on: db)
    }

    /// A record already filed for the visit is judged again with the new check-in or check-out.
    private func refreshRecord(of visit: SiteVisit, on db: any Database) async throws {
        guard let id = visit.recordID else { return }
        for record in try await RecordFlags.inForce([id], on: db) {
            try await RecordFlags.refresh(record, settings: flagSettings, now: now, on: db)
        }
    }
}

extension SiteVisitService {
    /// The service as configured, for `user` at `now`.
    init(db: any Database, now: Date, user: CurrentUser, config: AppConfig) {
        self.init(db: db, now: now, user: user, today: CivilDate.inChina(now))
        flagSettings = RecordFlagSettings(config)
        placingAccuracy = config.siteEvidence.placingAccuracyMeters
    }
}
