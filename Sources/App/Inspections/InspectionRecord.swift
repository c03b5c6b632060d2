import Fluent
import Foundation

/// The result of a periodic inspection (定期检验) of an approved elevator, recorded by a regulator or an
/// admin. It moves the elevator's 检验日期 and 下次检验日期 in the archive, as a new approved version.
final class InspectionRecord: Model, @unchecked Sendable {
    static let schema = "inspection_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "elevator_filing_id") var elevatorFilingID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "registration_code") var registrationCode: String
    @Field(key: "inspection_date") var inspectionDate: String
    @Field(key: "conclusion") var conclusion: String
    @Field(key: "inspection_body") var inspectionBody: String
    @Field(key: "next_inspection_date") var nextInspectionDate: String
    @Field(key: "remarks") var remarks: String
    @Field(key: "recorded_at") var recordedAt: Date
    @Field(key: "recorded_by_id") var recordedByID: UUID
    @Field(key: "recorded_by_name") var recordedByName: String

    init() {}
}

/// An inspection's conclusion (检验结论).
enum InspectionConclusion: String, CaseIterable, Sendable {
    case passed = "合格"
    case passedOnReinspection = "复检合格"
    case failed = "不合格"
}

extension InspectionRecord {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $elevatorFilingID, $companyID, $regionCode, $registrationCode, $inspectionDate, $conclusion,
            $inspectionBody, $nextInspectionDate, $remarks, $recordedAt, $recordedByID, $recordedByName
        ]
    }
}
