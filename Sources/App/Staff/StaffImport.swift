import Fluent
import Vapor

/// 导入 of the staff register: every row checked by the form's rules, duplicates within the file and
/// people filed by other companies caught, and only if nothing is wrong, everything written in one
/// transaction — a person already on the company's register is updated (更改), not duplicated.
struct StaffImport {
    let db: any Database
    let validator: StaffValidator
    let filings: FilingService
    let company: Company

    struct Outcome {
        var problems: [ImportProblem] = []
        var created = 0
        var updated = 0
        var unchanged = 0
    }

    func run(_ sheet: RegisterSheetReader.Sheet, dryRun: Bool) async throws -> Outcome {
        var outcome = Outcome(problems: sheet.problems)
        let companyID = try company.requireID()
        var valid: [(row: ImportedRow, value: StaffValidator.Valid)] = []
        var firstRowOf: [String: Int] = [:]
        for row in sheet.rows {
            var errors = FieldErrors()
            let input = StaffInput(values: row.values)
            let checked = validator.checkFields(input, errors: &errors)
            for (field, message) in errors.messages.sorted(by: { $0.key < $1.key })
            where !outcome.problems.contains(where: { $0.row == row.number && $0.column == StaffSheet.title(of: field) }) {
                outcome.problems.append(ImportProblem(row: row.number, column: StaffSheet.title(of: field),
                                                      value: row.values[field] ?? "", reason: message))
            }
            guard errors.isEmpty, !checked.idNumber.isEmpty else { continue }
            if let first = firstRowOf[checked.idNumber] {
                outcome.problems.append(ImportProblem(row: row.number, column: "身份证号", value: checked.idNumber,
                                                      reason: "与第\(first)行的身份证号重复"))
                continue
            }
            firstRowOf[checked.idNumber] = row.number
            valid.append((row, checked))
        }

        // Who already holds these people: this company (an update) or another (refused, named).
        var existing: [String: StaffMember] = [:]
        let ids = valid.map(\.value.idNumber)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for s in try await StaffMember.query(on: db).filter(\.$idNumber ~~ chunk).all() { existing[s.idNumber] = s }
        }
        let otherCompanies = Set(existing.values.map(\.companyID)).subtracting([companyID])
        let otherNames = Dictionary(try await Company.query(on: db).filter(\.$id ~~ otherCompanies).all()
            .compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
        let ownIDs = existing.values.filter { $0.companyID == companyID }.compactMap(\.id)
        let ownFilings = Dictionary(try await Filing.query(on: db).filter(\.$kind == .staff).filter(\.$recordID ~~ ownIDs).all()
            .map { ($0.recordID, $0) }, uniquingKeysWith: { a, _ in a })

        var creates: [StaffValidator.Valid] = []
        var updates: [(StaffMember, Filing, StaffValidator.Valid)] = []
        for (row, value) in valid {
            guard let holder = existing[value.idNumber] else { creates.append(value); continue }
            if holder.companyID != companyID {
                outcome.problems.append(ImportProblem(row: row.number, column: "身份证号", value: value.idNumber,
                    reason: "该人员已由“\(otherNames[holder.companyID] ?? "其他单位")”备案，同一人员只能由一家单位备案"))
            } else if let id = holder.id, let filing = ownFilings[id] {
                if filing.reviewStatus == .pending {
                    outcome.problems.append(ImportProblem(row: row.number, column: "身份证号", value: value.idNumber,
                                                          reason: "该人员正在审核中，不能修改；请先撤回"))
                } else {
                    updates.append((holder, filing, value))
                }
            }
        }
        outcome.problems.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        guard outcome.problems.isEmpty else { return outcome }

        for (staff, _, value) in updates {
            let before = staff.snapshot()
            let copy = StaffMember()
            copy.apply(value)
            if copy.snapshot().fields.map(\.value) == before.fields.map(\.value) { outcome.unchanged += 1 } else { outcome.updated += 1 }
        }
        outcome.created = creates.count
        guard !dryRun else { return outcome }

        let now = filings.now
        let (toCreate, toUpdate) = (creates, updates)
        try await db.transaction { db in
            try await createAll(toCreate, companyID: companyID, now: now, on: db)
            for (staff, filing, value) in toUpdate {
                let before = staff.snapshot()
                staff.apply(value)
                let after = staff.snapshot()
                guard after.changes(from: before).isEmpty == false else { continue }
                try await staff.update(on: db)
                try await filings.recordEdit(filing, subject: staff.name, regionCode: company.regionCode,
                                             before: before, after: after, on: db)
            }
        }
        return outcome
    }

    /// New people in batches: one INSERT per few hundred rows for the staff, their filings and their
    /// history, so ten thousand rows take seconds.
    private func createAll(_ values: [StaffValidator.Valid], companyID: UUID, now: Date, on db: any Database) async throws {
        for start in stride(from: 0, to: values.count, by: 200) {
            let batch = values[start..<min(start + 200, values.count)]
            let staff = batch.map { v -> StaffMember in
                let s = StaffMember()
                s.id = UUID()
                s.companyID = companyID
                s.apply(v)
                s.createdAt = now
                return s
            }
            try await staff.create(on: db)
            _ = try await filings.openMany(kind: .staff, records: staff.map { (try $0.requireID(), $0.name, $0.snapshot()) },
                                           companyID: companyID, regionCode: company.regionCode, on: db)
        }
    }
}

extension StaffInput {
    init(values: [String: String]) {
        self.init()
        name = values["name"] ?? ""; jobType = values["job_type"] ?? ""; idNumber = values["id_number"] ?? ""
        certificateNo = values["certificate_no"] ?? ""; certificateIssued = values["certificate_issued"] ?? ""
        certificateExpires = values["certificate_expires"] ?? ""; phone = values["phone"] ?? ""
    }
}
