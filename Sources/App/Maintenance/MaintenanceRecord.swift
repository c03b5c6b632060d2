import Fluent
import Foundation

/// One maintenance visit (维保记录) of an approved elevator, as its company filed it. Never updated or
/// deleted: a correction is a new record that `amends` this one, and each record's `hash` covers its
/// content and the company's previous record's hash, so `liftwatch verify-records` finds any later change.
final class MaintenanceRecord: Model, @unchecked Sendable {
    static let schema = "maintenance_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    /// The elevator's filing: its archive row, stable across the elevator's edits.
    @Field(key: "elevator_filing_id") var elevatorFilingID: UUID
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "equipment_name") var equipmentName: String
    @Field(key: "user_unit") var userUnit: String
    /// The elevator's region when the visit was filed: which regulators see it.
    @Field(key: "region_code") var regionCode: String
    @Field(key: "elevator_kind") var elevatorKind: String
    @Field(key: "work_date") var workDate: String
    @Field(key: "level") var level: String
    /// `[MaintenanceRecordItem]` as JSON: the checklist with each item's result.
    @Field(key: "items") var items: String
    /// `[MaintenanceRecordWorker]` as JSON: who did the work, with their certificates on that day.
    @Field(key: "workers") var workers: String
    @Field(key: "findings") var findings: String
    @Field(key: "confirmer_name") var confirmerName: String
    @Field(key: "confirmer_phone") var confirmerPhone: String
    @OptionalField(key: "amends_id") var amendsID: UUID?
    @Field(key: "amendment_reason") var amendmentReason: String
    /// Whole seconds, so that the hashed value survives every database's timestamp precision.
    @Field(key: "filed_at") var filedAt: Date
    @Field(key: "filed_by_id") var filedByID: UUID
    @Field(key: "filed_by_name") var filedByName: String
    /// The record's place in its company's chain, from 1.
    @Field(key: "sequence") var sequence: Int
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String
    /// Days from the visit to its filing (in China): the 补录 rule's column. Derived from two hashed
    /// values when filed, never changed.
    @Field(key: "filing_delay_days") var filingDelayDays: Int
    /// `VisitEvidenceDigest` of the visit the record was filed for (a correction carries its record's);
    /// empty for a record filed without a visit. Covered by `hash`.
    @Field(key: "evidence_digest") var evidenceDigest: String

    init() {}
}

struct MaintenanceRecordItem: Codable, Equatable, Sendable {
    let level: String
    let seq: Int
    let item: String
    let requirement: String
    let result: String
}

struct MaintenanceRecordWorker: Codable, Equatable, Sendable {
    /// The worker's staff filing (their archive row).
    let staffFilingID: UUID
    let name: String
    let certificateNo: String
    let certificateExpires: String
}

/// Which staff worked on which record: lets the staff register's deletion check and a worker's history
/// find records without reading every record's JSON. Written with the record, never changed.
final class MaintenanceWorkerLink: Model, @unchecked Sendable {
    static let schema = "maintenance_record_workers"

    @ID(key: .id) var id: UUID?
    @Field(key: "record_id") var recordID: UUID
    @Field(key: "staff_filing_id") var staffFilingID: UUID
    @Field(key: "company_id") var companyID: UUID

    init() {}
}

extension MaintenanceRecord {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $elevatorFilingID, $registrationCode, $equipmentName, $userUnit, $regionCode, $elevatorKind,
            $workDate, $level, $items, $workers, $findings, $confirmerName, $confirmerPhone, $amendsID, $amendmentReason,
            $filedAt, $filedByID, $filedByName, $sequence, $previousHash, $hash, $filingDelayDays, $evidenceDigest
        ]
    }
}

extension MaintenanceWorkerLink {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $recordID, $staffFilingID, $companyID] }
}
