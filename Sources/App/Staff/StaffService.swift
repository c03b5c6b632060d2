import Fluent
import Vapor

/// The staff register's changes: each saves the record and records its filing transition together.
struct StaffService {
    let db: any Database
    let filings: FilingService
    let company: Company

    func create(_ valid: StaffValidator.Valid) async throws -> StaffMember {
        let staff = StaffMember()
        staff.companyID = try company.requireID()
        staff.apply(valid)
        staff.createdAt = filings.now
        let companyID = staff.companyID
        let region = company.regionCode
        try await db.transaction { db in
            try await staff.create(on: db)
            _ = try await filings.open(kind: .staff, recordID: try staff.requireID(), companyID: companyID,
                                       regionCode: region, subject: staff.name, snapshot: staff.snapshot(), on: db)
        }
        return staff
    }

    func update(_ staff: StaffMember, filing: Filing, with valid: StaffValidator.Valid) async throws {
        let before = staff.snapshot()
        staff.apply(valid)
        let after = staff.snapshot()
        let region = company.regionCode
        try await db.transaction { db in
            try await staff.update(on: db)
            try await filings.recordEdit(filing, subject: staff.name, regionCode: region, before: before, after: after, on: db)
        }
    }

    /// 删除 of one person (manual 2.2): never approved → deleted; approved → a 注销 request for review;
    /// refused while 审核中 or once the person has maintenance records.
    func delete(_ staff: StaffMember, filing: Filing) async throws -> DeletionOutcome {
        if let reason = try await DeletionRules.staffBlocker(try staff.requireID(), on: db) {
            throw FilingRefusal.notAllowed(reason)
        }
        if filing.infoStatus == .new {
            try await db.transaction { db in
                try await filings.close(filing, on: db)
                try await staff.delete(on: db)
            }
            return .deleted
        }
        try await db.transaction { db in
            try await filings.requestDeregistration(filing, snapshot: staff.snapshot(), on: db)
        }
        return .deregistrationRequested
    }

    enum DeletionOutcome { case deleted, deregistrationRequested }
}

/// The checks that keep records other records depend on. Maintenance and inspection records (a later
/// part of the system) extend these: the manual's "已经产生维保信息的人员，是无法删除的".
enum DeletionRules {
    /// Why this person cannot be deleted, or nil. No maintenance records exist in the system yet.
    static func staffBlocker(_ staffID: UUID, on db: any Database) async throws -> String? {
        nil
    }
}
