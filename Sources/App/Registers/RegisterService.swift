import Fluent
import Vapor

/// A register's changes: each saves the record and records its filing transition in one transaction.
struct RegisterService<R: RegisterRecord> {
    let db: any Database
    let filings: FilingService
    let company: Company

    func create(_ valid: R.Valid) async throws -> R {
        let record = R()
        record.companyID = try company.requireID()
        record.apply(valid)
        record.createdAt = filings.now
        let companyID = record.companyID
        let region = record.regionCode(company: company)
        try await db.transaction { db in
            try await record.create(on: db)
            _ = try await filings.open(kind: R.filingKind, recordID: try record.requireID(), companyID: companyID,
                                       regionCode: region, subject: record.subject, snapshot: record.snapshot(), on: db)
        }
        return record
    }

    /// Saves an edit; unchanged values write nothing. Refused while the record is 审核中.
    func update(_ record: R, filing: Filing, with valid: R.Valid) async throws {
        guard filing.reviewStatus != .pending else { throw FilingRefusal.underReview }
        let before = record.snapshot()
        record.apply(valid)
        let after = record.snapshot()
        guard !after.changes(from: before).isEmpty else { return }
        let region = record.regionCode(company: company)
        try await db.transaction { db in
            try await record.update(on: db)
            try await filings.recordEdit(filing, subject: record.subject, regionCode: region, before: before, after: after, on: db)
        }
    }

    /// 删除 (manual 2.2, 2.3): never approved → deleted; approved → a 注销 request for review;
    /// refused while 审核中 or once records depend on it (maintenance, inspection).
    func delete(_ record: R, filing: Filing) async throws -> DeletionOutcome {
        if let reason = try await R.deletionBlocker(try record.requireID(), on: db) {
            throw FilingRefusal.notAllowed(reason)
        }
        if filing.infoStatus == .new {
            try await db.transaction { db in
                try await filings.close(filing, on: db)
                try await record.delete(on: db)
            }
            return .deleted
        }
        try await db.transaction { db in
            try await filings.requestDeregistration(filing, snapshot: record.snapshot(), on: db)
        }
        return .deregistrationRequested
    }

    enum DeletionOutcome { case deleted, deregistrationRequested }
}
