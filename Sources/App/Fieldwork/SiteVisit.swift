import Fluent
import Foundation

/// One visit of a company's workers at an elevator (维保签到): open from the first check-in until a worker
/// checks out. The check-ins are the proof that the visit happened, by whom, when and where; the record
/// filed for the visit names it. Never deleted; a visit nobody checked out of is closed as 未签退 when the
/// next visit at the elevator starts.
final class SiteVisit: Model, @unchecked Sendable {
    static let schema = "site_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "elevator_filing_id") var elevatorFilingID: UUID
    /// The elevator's approved region at the first check-in: which regulators see the visit.
    @Field(key: "region_code") var regionCode: String
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "equipment_name") var equipmentName: String
    @Field(key: "user_unit") var userUnit: String
    @Enum(key: "status") var status: VisitStatus
    /// Server times: the first check-in's, the last one's (the time on site counts from it), the check-out's.
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "last_check_in_at") var lastCheckInAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// The maintenance record filed for the visit.
    @OptionalField(key: "record_id") var recordID: UUID?
    /// Photos taken so far (现场照片), claimed with each one so the cap per visit holds under parallel uploads.
    @Field(key: "photo_count") var photoCount: Int
    /// The photos the rules asked of this visit when it began (`SiteEvidenceRules.requiredPhotos` then).
    @Field(key: "required_photos") var requiredPhotos: Int

    init() {}

    /// Whole minutes from the last check-in to the check-out.
    var minutesOnSite: Int? {
        endedAt.map { Int($0.timeIntervalSince(lastCheckInAt) / 60) }
    }
}

/// What stands of a visit. Raw values are what the database stores; `title` is what pages show.
enum VisitStatus: String, Codable, CaseIterable, Sendable {
    case open
    case checkedOut = "checked_out"
    /// Left open and closed when the next visit at the elevator began, or after `SiteVisitService.openHours`.
    case lapsed

    var title: String {
        switch self {
        case .open: "作业中"
        case .checkedOut: "已签退"
        case .lapsed: "未签退"
        }
    }
}

/// One worker's check-in or check-out: the phone's clock and place as it sent them, the server's receipt time.
final class VisitCheck: Model, @unchecked Sendable {
    static let schema = "visit_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "visit_id") var visitID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "staff_filing_id") var staffFilingID: UUID
    @Field(key: "worker_name") var workerName: String
    @Enum(key: "kind") var kind: Kind
    @Enum(key: "method") var method: Method
    @OptionalField(key: "device_time") var deviceTime: Date?
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// The phone's own estimate of its position's error, in metres.
    @OptionalField(key: "accuracy") var accuracy: Double?
    /// The record whose evidence digest covers this check (set when the visit's record is filed).
    @OptionalField(key: "covered_by_record") var coveredByRecord: UUID?

    init() {}

    enum Kind: String, Codable, Sendable {
        case checkIn = "in", checkOut = "out"
        var title: String { self == .checkIn ? "签到" : "签退" }
    }

    /// How the worker named the elevator: by scanning the code in the car, or by typing its numbers.
    enum Method: String, Codable, Sendable {
        case scan, typed
        var title: String { self == .scan ? "扫码" : "手工输入" }
    }
}

extension SiteVisit {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $elevatorFilingID, $regionCode, $registrationCode, $equipmentName, $userUnit, $status,
            $startedAt, $lastCheckInAt, $endedAt, $recordID, $photoCount, $requiredPhotos
        ]
    }
}

extension VisitCheck {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $visitID, $companyID, $userID, $staffFilingID, $workerName, $kind, $method, $deviceTime, $receivedAt,
            $latitude, $longitude, $accuracy, $coveredByRecord
        ]
    }
}
