import Fluent
import Vapor

/// A registered maintenance company (维保单位). The registration fields are the manual's 1.1;
/// the filing statuses start as 待上报 / 新增 until the company submits its information for review.
final class Company: Model, @unchecked Sendable {
    static let schema = "companies"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "certificate_no") var certificateNo: String
    @Field(key: "legal_person") var legalPerson: String
    @Field(key: "manager") var manager: String
    @Field(key: "manager_phone") var managerPhone: String
    @Field(key: "address") var address: String
    @Field(key: "region_code") var regionCode: String
    @Field(key: "review_status") var reviewStatus: String
    @Field(key: "info_status") var infoStatus: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
