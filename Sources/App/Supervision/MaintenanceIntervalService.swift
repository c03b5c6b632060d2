import Fluent
import Foundation
import Supervision

/// Sets an approved elevator's maintenance interval (按需维保): the change is kept with its basis and its
/// author, and the supervision summary takes the new due date, in one transaction.
struct MaintenanceIntervalService {
    let db: any Database
    let now: Date
    let actor: FilingActor

    /// `days` nil: back to the configured default.
    func set(_ days: Int?, basis: String, for elevator: ArchivedElevator) async throws {
        guard let filingID = elevator.id, let actorID = actor.id else { throw AppError.notFound }
        let change = MaintenanceIntervalChange()
        change.elevatorFilingID = filingID
        change.companyID = elevator.companyID
        change.regionCode = elevator.regionCode
        change.registrationCode = elevator.registrationCode
        change.intervalDays = days
        change.basis = basis
        change.setAt = now
        change.setByID = actorID
        change.setByName = actor.name
        try await db.transaction { db in
            try await ElevatorUpkeep.lockRow(filingID, on: db)
            try await change.create(on: db)
            guard let upkeep = try await ElevatorUpkeep.find(filingID, on: db) else { throw AppError.notFound }
            upkeep.setInterval(days)
            try await upkeep.update(on: db)
        }
    }

    /// The elevator's changes, newest first.
    static func history(of filingID: UUID, on db: any Database) async throws -> [MaintenanceIntervalChange] {
        try await MaintenanceIntervalChange.query(on: db).filter(\.$elevatorFilingID == filingID)
            .sort(\.$setAt, .descending).all()
    }
}
