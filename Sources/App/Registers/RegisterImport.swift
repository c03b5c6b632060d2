import Fluent
import Vapor

/// What one register's import checks beyond the sheet's shape, supplied by the register.
struct RegisterImportRules<R: RegisterRecord>: Sendable {
    struct RowCheck {
        var valid: R.Valid?
        var errors = FieldErrors()
        /// Accepted but worth a look (a 设备名称 not in the dictionary): field → message.
        var warnings: [String: String] = [:]
    }

    /// One row by the form's rules, without the database.
    let check: @Sendable ([String: String]) -> RowCheck
    /// The value identifying the record system-wide, and its field.
    let key: @Sendable (R.Valid) -> String
    let keyField: String
    /// The refusal when another company holds the key. It does not name that company: who employs a
    /// person or maintains an elevator is another company's business (the regulator can see it).
    let heldByOther: String
    /// Checks across all valid rows and the database that a unique column other than the key needs
    /// (救援电梯编号); `existing` maps keys to the records the rows would update.
    var crossChecks: @Sendable (_ rows: [(row: Int, value: R.Valid)], _ existing: [String: R], _ db: any Database) async throws -> [ImportProblem]
        = { _, _, _ in [] }
}

/// 导入 of a register: every row checked by the form's rules, duplicates within the file and records
/// held by other companies caught, and only if nothing is wrong, everything written in one transaction.
/// A record the company already holds (same key) is updated (更改), not duplicated.
struct RegisterImport<R: RegisterRecord>: Sendable {
    let db: any Database
    let register: Register
    let rules: RegisterImportRules<R>
    let filings: FilingService
    let company: Company

    struct Outcome {
        var problems: [ImportProblem] = []
        var warnings: [ImportProblem] = []
        var created = 0
        var updated = 0
        var unchanged = 0
    }

    /// `committed` runs last in the import's transaction, with the numbers of records created, updated and
    /// left unchanged (the import's audit entry); not on a dry run or a refused import.
    func run(_ sheet: RegisterSheetReader.Sheet, dryRun: Bool,
             committed: @escaping @Sendable (_ db: any Database, _ created: Int, _ updated: Int, _ unchanged: Int) async throws -> Void
                = { _, _, _, _ in }) async throws -> Outcome {
        var outcome = Outcome(problems: sheet.problems)
        let companyID = try company.requireID()
        let keyTitle = register.title(of: rules.keyField)
        var valid: [(row: Int, value: R.Valid)] = []
        var firstRowOf: [String: Int] = [:]
        for row in sheet.rows {
            let checked = rules.check(row.values)
            for (field, message) in checked.errors.messages.sorted(by: { $0.key < $1.key })
            where !outcome.problems.contains(where: { $0.row == row.number && $0.column == register.title(of: field) }) {
                outcome.problems.append(ImportProblem(row: row.number, column: register.title(of: field),
                                                      value: row.values[field] ?? "", reason: message))
            }
            for (field, message) in checked.warnings.sorted(by: { $0.key < $1.key }) {
                outcome.warnings.append(ImportProblem(row: row.number, column: register.title(of: field),
                                                      value: row.values[field] ?? "", reason: message))
            }
            guard checked.errors.isEmpty, let value = checked.valid else { continue }
            let key = rules.key(value)
            if let first = firstRowOf[key] {
                outcome.problems.append(ImportProblem(row: row.number, column: keyTitle, value: key,
                                                      reason: "与第\(first)行的\(keyTitle)重复"))
                continue
            }
            firstRowOf[key] = row.number
            valid.append((row.number, value))
        }

        // Who already holds these keys: this company (an update) or another (refused, named).
        var existing: [String: R] = [:]
        let keys = valid.map { rules.key($0.value) }
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            for r in try await R.query(on: db).filter(R.keyField ~~ chunk).all() { existing[r.key] = r }
        }
        let ownFilings = try await R.filingsByRecord(existing.values.filter { $0.companyID == companyID }.compactMap(\.id), on: db)

        var creates: [R.Valid] = []
        var updates: [(R, Filing, R.Valid)] = []
        for (row, value) in valid {
            let key = rules.key(value)
            guard let holder = existing[key] else { creates.append(value); continue }
            if holder.companyID != companyID {
                outcome.problems.append(ImportProblem(row: row, column: keyTitle, value: key,
                                                      reason: rules.heldByOther))
            } else if let id = holder.id, let filing = ownFilings[id] {
                if filing.reviewStatus == .pending {
                    outcome.problems.append(ImportProblem(row: row, column: keyTitle, value: key,
                                                          reason: "该记录正在审核中，不能修改；请先撤回"))
                } else {
                    updates.append((holder, filing, value))
                }
            }
        }
        outcome.problems += try await rules.crossChecks(valid, existing, db)
        // In the sheet's order: by row, then by column as the template lays them out.
        let order = Dictionary(register.columns.enumerated().map { ($1.title, $0) }, uniquingKeysWith: { a, _ in a })
        outcome.problems.sort { ($0.row, order[$0.column] ?? .max, $0.column) < ($1.row, order[$1.column] ?? .max, $1.column) }
        guard outcome.problems.isEmpty else { return outcome }

        // Each update applied in memory to the record it changes (so what a row leaves out, such as an
        // elevator's own 行政区划, stays): the count 预检 shows is what the import will write.
        var changed: [(R, Filing, before: FilingSnapshot)] = []
        for (record, filing, value) in updates {
            let before = record.snapshot()
            record.apply(value)
            if record.snapshot().changes(from: before).isEmpty { outcome.unchanged += 1 } else { changed.append((record, filing, before)) }
        }
        outcome.updated = changed.count
        outcome.created = creates.count
        guard !dryRun else { return outcome }

        let now = filings.now
        let (toCreate, toUpdate, unchanged) = (creates, changed, outcome.unchanged)
        try await db.transaction { db in
            try await createAll(toCreate, companyID: companyID, now: now, on: db)
            for (record, filing, before) in toUpdate {
                try await record.update(on: db)
                try await filings.recordEdit(filing, subject: record.subject, regionCode: record.regionCode(company: company),
                                             before: before, after: record.snapshot(), on: db)
            }
            try await committed(db, toCreate.count, toUpdate.count, unchanged)
        }
        return outcome
    }

    /// New records in batches: one INSERT per few hundred rows for the records, their filings and their
    /// history (`BulkInsert`), so ten thousand rows take about a second.
    private func createAll(_ values: [R.Valid], companyID: UUID, now: Date, on db: any Database) async throws {
        for start in stride(from: 0, to: values.count, by: 200) {
            let records = values[start..<min(start + 200, values.count)].map { v -> R in
                let r = R()
                r.id = UUID()
                r.companyID = companyID
                r.apply(v)
                r.createdAt = now
                return r
            }
            try await BulkInsert.insert(records, on: db)
            // Filings of one batch share a region only per record: group them so each keeps its own.
            for (region, group) in Dictionary(grouping: records, by: { $0.regionCode(company: company) }) {
                _ = try await filings.openMany(kind: R.filingKind, records: group.map { (try $0.requireID(), $0.subject, $0.snapshot()) },
                                               companyID: companyID, regionCode: region, on: db)
            }
        }
    }
}
