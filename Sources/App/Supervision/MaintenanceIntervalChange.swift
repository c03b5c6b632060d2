import Fluent
import Foundation

/// One setting of an elevator's maintenance interval (按需维保) by a regulator or an admin: the days allowed
/// between half-monthly-or-higher visits (nil: back to the default) and the basis for it (a pilot's approval,
/// a decision). Append-only: the newest row is in force and the rows before it are the elevator's history.
final class MaintenanceIntervalChange: Model, @unchecked Sendable {
    static let schema = "maintenance_interval_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "elevator_filing_id") var elevatorFilingID: UUID
    @Field(key: "company_id") var companyID: UUID
    @Field(key: "region_code") var regionCode: String
    @Field(key: "registration_code") var registrationCode: String
    @OptionalField(key: "interval_days") var intervalDays: Int?
    @Field(key: "basis") var basis: String
    @Field(key: "set_at") var setAt: Date
    @Field(key: "set_by_id") var setByID: UUID
    @Field(key: "set_by_name") var setByName: String

    init() {}
}

extension MaintenanceIntervalChange {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] {
        [
            $id, $elevatorFilingID, $companyID, $regionCode, $registrationCode, $intervalDays, $basis, $setAt, $setByID,
            $setByName
        ]
    }
}
