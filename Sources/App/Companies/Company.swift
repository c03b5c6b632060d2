import Fluent
import Vapor

/// A registered maintenance company (维保单位): the working version of its information, which the
/// company edits (manual 2.1). The registration fields are the manual's 1.1; the rest is filled in
/// before 审核上报. Its filing state is a `Filing` of kind `.company`; approved versions are archived there.
final class Company: Model, @unchecked Sendable {
    static let schema = "companies"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "certificate_no") var certificateNo: String
    @Field(key: "legal_person") var legalPerson: String
    @Field(key: "manager") var manager: String
    @Field(key: "manager_phone") var managerPhone: String
    @Field(key: "address") var address: String
    /// 行政区划 as the company last saved it (its working copy).
    @Field(key: "region_code") var regionCode: String
    /// Whose regulators supervise the company: the registered region until its information is approved,
    /// then the approved region. Access follows this, never the working copy.
    @Field(key: "jurisdiction_code") var jurisdictionCode: String
    /// 资格证书 发证日期 / 有效日期, ISO dates ("2013-05-06").
    @OptionalField(key: "certificate_issued") var certificateIssued: String?
    @OptionalField(key: "certificate_expires") var certificateExpires: String?
    /// 级别: A, B or C as the manual shows (kept as data; see RULES.md on the 2019 licence grades).
    @OptionalField(key: "level") var level: String?
    @OptionalField(key: "office_address") var officeAddress: String?
    @OptionalField(key: "phone") var phone: String?
    /// 统一社会信用代码 (optional).
    @OptionalField(key: "credit_code") var creditCode: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension Company {
    /// The companies' working names (as registered or last edited), by id; read in chunks so that an
    /// export across thousands of companies stays within a statement's bind limit.
    static func workingNames(_ ids: some Sequence<UUID>, on db: any Database) async throws -> [UUID: String] {
        try await db.names(in: Company.schema, idColumn: "id", of: ids)
    }
}

extension Company {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $name, $certificateNo, $legalPerson, $manager, $managerPhone, $address, $regionCode, $jurisdictionCode,
            $certificateIssued, $certificateExpires, $level, $officeAddress, $phone, $creditCode, $createdAt
        ]
    }
}
