import Fluent
import Supervision
import Validation
import Vapor

extension DemoLoader {
    /// A maintenance visit filed through the app's own rules, every item 正常 except `adjusted` (by number).
    func fileMaintenance(_ code: String, on workDay: Int, _ level: MaintenanceLevel, workers: [String],
                         by account: CompanyAccount, at: Date, findings: String = "", adjusted: Set<Int> = []) async throws {
        var input = MaintenanceInput()
        input.elevatorCode = code
        input.workDate = CivilDate.inChina(time(workDay, 9)).iso
        input.level = level.rawValue
        let staff = try await ArchivedStaff.query(on: db).filter(\.$companyID == account.companyID).filter(\.$name ~~ workers).all()
        input.workers = staff.compactMap { $0.id?.uuidString }
        guard let elevator = try await ArchivedElevator.query(on: db).filter(\.$registrationCode == code).first() else {
            throw DemoFailure("维保记录：电梯 \(code) 未审核通过")
        }
        let kind = ElevatorKind(equipmentName: elevator.equipmentName)
        for (n, item) in try await MaintenanceItem.checklist(kind: kind, level: level, on: db).enumerated() {
            input.results[MaintenanceInput.key(level: item.level, seq: item.seq)] =
                (adjusted.contains(n + 1) ? ItemResult.adjusted : ItemResult.normal).rawValue
        }
        input.findings = findings
        input.confirmerName = elevator.safetyManager.isEmpty ? "物业值班员" : elevator.safetyManager
        input.confirmerPhone = elevator.safetyManagerPhone.isEmpty ? "0373-2039999" : elevator.safetyManagerPhone
        let validator = MaintenanceValidator(db: db, companyID: account.companyID, today: CivilDate.inChina(at),
                                             minimumWorkers: app.config.minimumMaintenanceWorkers)
        switch try await validator.validate(input, amending: false) {
        case .failure(let errors): throw DemoFailure("维保记录 \(code): \(errors.describe())")
        case .success(let valid):
            let user = CurrentUser(id: try account.user.requireID(), username: account.user.username, role: .company,
                                   displayName: account.user.displayName, companyID: account.companyID, regionCode: nil)
            _ = try await MaintenanceService(db: db, now: at, user: user).file(valid, companyID: account.companyID, amends: nil)
        }
    }

    /// An inspection result recorded by the elevator's regulator.
    func recordInspection(_ code: String, on inspectedDay: Int, body: String, at: Date) async throws {
        guard let elevator = try await ArchivedElevator.query(on: db).filter(\.$registrationCode == code).first(),
              let filing = try await Filing.find(elevator.id, on: db), var snapshot = try await filing.archivedSnapshot(on: db) else {
            throw DemoFailure("检验记录：电梯 \(code) 未审核通过")
        }
        let inspected = CivilDate.inChina(time(inspectedDay, 9))
        let next = CivilDate(daysSince1970: inspected.daysSince1970 + 365)!
        snapshot.fields = snapshot.fields.map {
            switch $0.key {
            case "inspection_date": .init(key: $0.key, label: $0.label, value: inspected.iso)
            case "next_inspection_date": .init(key: $0.key, label: $0.label, value: next.iso)
            default: $0
            }
        }
        let regulator = try reviewer(of: filing)
        let record = InspectionRecord()
        record.elevatorFilingID = try filing.requireID()
        record.companyID = filing.companyID
        record.regionCode = elevator.regionCode
        record.registrationCode = code
        record.inspectionDate = inspected.iso
        record.conclusion = InspectionConclusion.passed.rawValue
        record.inspectionBody = body
        record.nextInspectionDate = next.iso
        record.remarks = ""
        record.recordedAt = at
        record.recordedByID = try regulator.user.requireID()
        record.recordedByName = regulator.user.displayName
        let recordID = filing.recordID
        try await FilingService(db: db, now: at, actor: regulator.actor).recordInspection(
            filing, expectedRevision: filing.revision, opinion: "检验结论：合格（\(body)，检验日期\(inspected.iso)）", snapshot: snapshot
        ) { db in
            try await record.create(on: db)
            if let working = try await Elevator.find(recordID, on: db) {
                working.inspectionDate = inspected.iso
                working.nextInspectionDate = next.iso
                try await working.update(on: db)
            }
        }
    }
}
