import Fluent
import Foundation

/// What each kind of record does when its filing is decided. The one place where the generic
/// mechanism meets the kinds' own tables.
extension Filing {
    /// After an approval, in its transaction: the archive row takes the approved version; after an
    /// approved 注销 the archive row and the working record go (the versions and history stay), so the
    /// person or elevator can later be filed again, by this or another company.
    func applyApproval(version: Int, snapshot: FilingSnapshot, approvedAt: Date, on db: any Database) async throws {
        let id = try requireID()
        if infoStatus == .deregistered {
            switch kind {
            case .staff:
                try await ArchivedStaff.query(on: db).filter(\.$id == id).delete()
                try await StaffMember.query(on: db).filter(\.$id == recordID).delete()
            case .elevator:
                try await ArchivedElevator.query(on: db).filter(\.$id == id).delete()
                try await ElevatorUpkeep.query(on: db).filter(\.$id == id).delete()
                try await Elevator.query(on: db).filter(\.$id == recordID).delete()
            case .company:
                try await ArchivedCompany.query(on: db).filter(\.$id == id).delete()
            }
            return
        }
        switch kind {
        case .staff: try await ArchivedStaff.store(self, version: version, snapshot: snapshot, approvedAt: approvedAt, on: db)
        case .elevator:
            let row = try await ArchivedElevator.store(self, version: version, snapshot: snapshot, approvedAt: approvedAt, on: db)
            try await ElevatorUpkeep.follow(row, approvedAt: approvedAt, on: db)
        case .company:
            try await ArchivedCompany.store(self, version: version, snapshot: snapshot, approvedAt: approvedAt, on: db)
            try await moveJurisdiction(to: regionCode, on: db)
        }
    }

    /// Where the record under review is: the company's working region for its information, its
    /// jurisdiction for its staff, the elevator's own region. A record gone (never expected while under
    /// review) keeps the filing's region.
    func submittedRegion(on db: any Database) async throws -> String {
        switch kind {
        case .company: return try await Company.find(recordID, on: db)?.regionCode ?? regionCode
        case .staff: return try await Company.find(companyID, on: db)?.jurisdictionCode ?? regionCode
        case .elevator: return try await Elevator.find(recordID, on: db)?.regionCode ?? regionCode
        }
    }

    /// An approved company region moves the company, with its staff's filings and archive rows, to the
    /// regulators of that region. Its elevators stay where they are: each has its own region.
    private func moveJurisdiction(to region: String, on db: any Database) async throws {
        guard let company = try await Company.find(companyID, on: db), company.jurisdictionCode != region else { return }
        company.jurisdictionCode = region
        try await company.update(on: db)
        try await Filing.query(on: db).filter(\.$companyID == companyID).filter(\.$kind == .staff)
            .set(\.$regionCode, to: region).update()
        try await ArchivedStaff.query(on: db).filter(\.$companyID == companyID).set(\.$regionCode, to: region).update()
    }
}
