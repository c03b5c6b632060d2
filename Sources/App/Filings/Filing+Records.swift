import Fluent

/// What each kind of record does when its filing is decided. The one place where the generic
/// mechanism meets the kinds' own tables.
extension Filing {
    /// After an approved 注销 the working record leaves the register (the archive and history stay),
    /// so the person or elevator can later be filed again, by this or another company.
    func removeDeregisteredRecord(on db: any Database) async throws {
        guard infoStatus == .deregistered, reviewStatus == .approved else { return }
        switch kind {
        case .staff: try await StaffMember.query(on: db).filter(\.$id == recordID).delete()
        case .elevator: try await Elevator.query(on: db).filter(\.$id == recordID).delete()
        case .company: break
        }
    }
}
