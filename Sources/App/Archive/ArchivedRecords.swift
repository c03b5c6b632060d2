import Fluent
import SQLKit
import Vapor

/// The approved version of each filed record (manual chapter 三), one row per filing in columns the
/// archive pages can query, index and sort. Written in the approval's transaction from the approved
/// snapshot, so it always equals the newest `filing_versions` row; an approved 注销 removes it.
protocol ArchivedRecord: Model where IDValue == UUID {
    static var kind: FilingKind { get }
    static var companyField: KeyPath<Self, FieldProperty<Self, UUID>> { get }
    static var regionField: KeyPath<Self, FieldProperty<Self, String>> { get }
    static var approvedField: KeyPath<Self, FieldProperty<Self, Date>> { get }
    var companyID: UUID { get set }
    var regionCode: String { get set }
    var version: Int { get set }
    var approvedAt: Date { get set }
    /// Fills the row's columns from the approved snapshot's fields.
    func fill(from snapshot: FilingSnapshot)
}

extension ArchivedRecord {
    /// Replaces the filing's row with its newly approved version.
    @discardableResult
    static func store(_ filing: Filing, version: Int, snapshot: FilingSnapshot, approvedAt: Date, on db: any Database) async throws -> Self {
        let id = try filing.requireID()
        try await query(on: db).filter(\._$id == id).delete()
        let row = Self()
        row.id = id
        row.companyID = filing.companyID
        row.regionCode = filing.regionCode
        row.version = version
        row.approvedAt = approvedAt
        row.fill(from: snapshot)
        try await row.create(on: db)
        return row
    }
}

final class ArchivedElevator: ArchivedRecord, @unchecked Sendable {
    static let schema = "archived_elevators"
    static let kind = FilingKind.elevator

    /// The filing's id: one row per elevator filing.
    @ID(custom: "filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "version") var version: Int
    @Field(key: "approved_at") var approvedAt: Date
    @Field(key: "equipment_name") var equipmentName: String
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "internal_no") var internalNo: String
    @Field(key: "rescue_code") var rescueCode: String
    @Field(key: "inspection_date") var inspectionDate: String
    @Field(key: "next_inspection_date") var nextInspectionDate: String
    @Field(key: "user_unit") var userUnit: String
    @Field(key: "manufacturer") var manufacturer: String
    @Field(key: "safety_manager") var safetyManager: String
    @Field(key: "safety_manager_phone") var safetyManagerPhone: String
    @Field(key: "region_name") var regionName: String
    @Field(key: "address") var address: String

    init() {}

    static var companyField: KeyPath<ArchivedElevator, FieldProperty<ArchivedElevator, UUID>> { \.$companyID }
    static var regionField: KeyPath<ArchivedElevator, FieldProperty<ArchivedElevator, String>> { \.$regionCode }
    static var approvedField: KeyPath<ArchivedElevator, FieldProperty<ArchivedElevator, Date>> { \.$approvedAt }

    func fill(from s: FilingSnapshot) {
        equipmentName = s.value("equipment_name") ?? ""; registrationCode = s.value("registration_code") ?? ""
        internalNo = s.value("internal_no") ?? ""; rescueCode = s.value("rescue_code") ?? ""
        inspectionDate = s.value("inspection_date") ?? ""; nextInspectionDate = s.value("next_inspection_date") ?? ""
        userUnit = s.value("user_unit") ?? ""; manufacturer = s.value("manufacturer") ?? ""
        safetyManager = s.value("safety_manager") ?? ""; safetyManagerPhone = s.value("safety_manager_phone") ?? ""
        regionName = s.value("region") ?? ""; address = s.value("address") ?? ""
    }
}

final class ArchivedStaff: ArchivedRecord, @unchecked Sendable {
    static let schema = "archived_staff"
    static let kind = FilingKind.staff

    @ID(custom: "filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "version") var version: Int
    @Field(key: "approved_at") var approvedAt: Date
    @Field(key: "name") var name: String
    @Field(key: "job_type") var jobType: String
    @Field(key: "id_number") var idNumber: String
    @Field(key: "certificate_no") var certificateNo: String
    @Field(key: "certificate_issued") var certificateIssued: String
    @Field(key: "certificate_expires") var certificateExpires: String
    @Field(key: "phone") var phone: String

    init() {}

    static var companyField: KeyPath<ArchivedStaff, FieldProperty<ArchivedStaff, UUID>> { \.$companyID }
    static var regionField: KeyPath<ArchivedStaff, FieldProperty<ArchivedStaff, String>> { \.$regionCode }
    static var approvedField: KeyPath<ArchivedStaff, FieldProperty<ArchivedStaff, Date>> { \.$approvedAt }

    func fill(from s: FilingSnapshot) {
        name = s.value("name") ?? ""; jobType = s.value("job_type") ?? ""; idNumber = s.value("id_number") ?? ""
        certificateNo = s.value("certificate_no") ?? ""; certificateIssued = s.value("certificate_issued") ?? ""
        certificateExpires = s.value("certificate_expires") ?? ""; phone = s.value("phone") ?? ""
    }
}

final class ArchivedCompany: ArchivedRecord, @unchecked Sendable {
    static let schema = "archived_companies"
    static let kind = FilingKind.company

    @ID(custom: "filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "version") var version: Int
    @Field(key: "approved_at") var approvedAt: Date
    @Field(key: "name") var name: String
    @Field(key: "certificate_no") var certificateNo: String
    @Field(key: "certificate_issued") var certificateIssued: String
    @Field(key: "certificate_expires") var certificateExpires: String
    @Field(key: "region_name") var regionName: String
    /// "A级", as the snapshot shows it.
    @Field(key: "level") var level: String
    @Field(key: "office_address") var officeAddress: String

    init() {}

    static var companyField: KeyPath<ArchivedCompany, FieldProperty<ArchivedCompany, UUID>> { \.$companyID }
    static var regionField: KeyPath<ArchivedCompany, FieldProperty<ArchivedCompany, String>> { \.$regionCode }
    static var approvedField: KeyPath<ArchivedCompany, FieldProperty<ArchivedCompany, Date>> { \.$approvedAt }

    func fill(from s: FilingSnapshot) {
        name = s.value("name") ?? ""; certificateNo = s.value("certificate_no") ?? ""
        certificateIssued = s.value("certificate_issued") ?? ""; certificateExpires = s.value("certificate_expires") ?? ""
        regionName = s.value("region") ?? ""; level = s.value("level") ?? ""; officeAddress = s.value("office_address") ?? ""
    }
}

extension ArchivedCompany {
    /// The companies' names as approved; a company not yet approved (or a rename under review) shows its
    /// working name.
    static func approvedNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        let approved = try await db.names(in: ArchivedCompany.schema, idColumn: "company_id", of: ids)
        return try await Company.workingNames(ids, on: db).merging(approved) { $1 }
    }
}

extension ArchivedElevator: PlainRowModel {
    static func fromPlainRow(_ row: any SQLRow) throws -> ArchivedElevator {
        let a = ArchivedElevator()
        a.id = try row.decode(column: "filing_id", as: UUID.self)
        a.companyID = try row.decode(column: "company_id", as: UUID.self)
        a.regionCode = try row.decode(column: "region_code", as: String.self)
        a.version = try row.decode(column: "version", as: Int.self)
        a.approvedAt = try row.decode(column: "approved_at", as: Date.self)
        a.equipmentName = try row.decode(column: "equipment_name", as: String.self)
        a.registrationCode = try row.decode(column: "registration_code", as: String.self)
        a.internalNo = try row.decode(column: "internal_no", as: String.self)
        a.rescueCode = try row.decode(column: "rescue_code", as: String.self)
        a.inspectionDate = try row.decode(column: "inspection_date", as: String.self)
        a.nextInspectionDate = try row.decode(column: "next_inspection_date", as: String.self)
        a.userUnit = try row.decode(column: "user_unit", as: String.self)
        a.manufacturer = try row.decode(column: "manufacturer", as: String.self)
        a.safetyManager = try row.decode(column: "safety_manager", as: String.self)
        a.safetyManagerPhone = try row.decode(column: "safety_manager_phone", as: String.self)
        a.regionName = try row.decode(column: "region_name", as: String.self)
        a.address = try row.decode(column: "address", as: String.self)
        a._$id.exists = true
        return a
    }
}

extension ArchivedElevator {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $regionCode, $version, $approvedAt, $equipmentName, $registrationCode, $internalNo,
            $rescueCode, $inspectionDate, $nextInspectionDate, $userUnit, $manufacturer, $safetyManager,
            $safetyManagerPhone, $regionName, $address
        ]
    }
}

extension ArchivedStaff {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $regionCode, $version, $approvedAt, $name, $jobType, $idNumber, $certificateNo,
            $certificateIssued, $certificateExpires, $phone
        ]
    }
}

extension ArchivedCompany {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $regionCode, $version, $approvedAt, $name, $certificateNo, $certificateIssued,
            $certificateExpires, $regionName, $level, $officeAddress
        ]
    }
}
