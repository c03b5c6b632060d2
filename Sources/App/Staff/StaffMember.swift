import Fluent
import SQLKit
import Vapor

/// A maintenance worker on a company's register (manual 2.2): the working version the company edits.
/// A person (ID number) is on one company's register at a time.
final class StaffMember: RegisterRecord, @unchecked Sendable {
    static let schema = "staff"

    @ID(key: .id) var id: UUID?
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "name") var name: String
    @Field(key: "job_type") var jobType: String
    /// Always the 18-character form (a 15-digit legacy number is converted when entered).
    @Field(key: "id_number") var idNumber: String
    @Field(key: "certificate_no") var certificateNo: String
    /// ISO dates ("2014-09-01").
    @Field(key: "certificate_issued") var certificateIssued: String
    @Field(key: "certificate_expires") var certificateExpires: String
    @Field(key: "phone") var phone: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    static let filingKind = FilingKind.staff
    static var companyField: KeyPath<StaffMember, FieldProperty<StaffMember, UUID>> { \.$companyID }
    static var keyField: KeyPath<StaffMember, FieldProperty<StaffMember, String>> { \.$idNumber }
    var key: String { idNumber }
    var subject: String { name }
    func regionCode(company: Company) -> String { company.jurisdictionCode }

    /// The manual: "已经产生维保信息的人员，是无法删除的" — neither deleted nor deregistered once a
    /// maintenance record names them as a worker.
    static func deletionBlocker(_ id: UUID, on db: any Database) async throws -> String? {
        guard let filing = try await filingsByRecord([id], on: db)[id], let filingID = filing.id else { return nil }
        let records = try await MaintenanceWorkerLink.query(on: db).filter(\.$staffFilingID == filingID).countRows()
        guard records > 0 else { return nil }
        return "\(filing.subject)已有维保记录\(records)条，不能删除"
    }

    func snapshot() -> FilingSnapshot {
        FilingSnapshot(fields: [
            .init(key: "name", label: "姓名", value: name),
            .init(key: "job_type", label: "工种", value: jobType),
            .init(key: "id_number", label: "身份证号", value: idNumber),
            .init(key: "certificate_no", label: "证书号", value: certificateNo),
            .init(key: "certificate_issued", label: "发证日期", value: certificateIssued),
            .init(key: "certificate_expires", label: "有效日期", value: certificateExpires),
            .init(key: "phone", label: "联系方式", value: phone),
        ], attachments: [])
    }
}

extension StaffMember: PlainRowModel {
    static func fromPlainRow(_ row: any SQLRow) throws -> StaffMember {
        let s = StaffMember()
        s.id = try row.decode(column: "id", as: UUID.self)
        s.companyID = try row.decode(column: "company_id", as: UUID.self)
        s.name = try row.decode(column: "name", as: String.self)
        s.jobType = try row.decode(column: "job_type", as: String.self)
        s.idNumber = try row.decode(column: "id_number", as: String.self)
        s.certificateNo = try row.decode(column: "certificate_no", as: String.self)
        s.certificateIssued = try row.decode(column: "certificate_issued", as: String.self)
        s.certificateExpires = try row.decode(column: "certificate_expires", as: String.self)
        s.phone = try row.decode(column: "phone", as: String.self)
        s.createdAt = try row.decode(column: "created_at", as: Date.self)
        s._$id.exists = true
        return s
    }
}

extension StaffMember {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $companyID, $name, $jobType, $idNumber, $certificateNo, $certificateIssued, $certificateExpires, $phone,
            $createdAt
        ]
    }
}
