import Fluent
import Supervision
import Validation
import Vapor

extension DemoLoader {
    /// A maintenance visit filed through the app's own rules, every item 正常 except `adjusted` (by number);
    /// `visit`: the 现场作业 visit it is the record of.
    func fileMaintenance(_ code: String, on workDay: Int, _ level: MaintenanceLevel, workers: [String],
                         by account: CompanyAccount, at: Date, findings: String = "", adjusted: Set<Int> = [],
                         visit: UUID? = nil) async throws {
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
            var service = MaintenanceService(db: db, now: at, user: try companyUser(account), defaultIntervalDays: app.config.supervision.halfMonthlyDays)
            service.flagSettings = RecordFlagSettings(app.config)
            _ = try await service.file(valid, companyID: account.companyID, amends: nil, visit: visit)
        }
    }

    /// An inspection result recorded by the elevator's regulator.
    func recordInspection(_ code: String, on inspectedDay: Int, body: String, at: Date) async throws {
        guard let elevator = try await ArchivedElevator.query(on: db).filter(\.$registrationCode == code).first(),
              let filing = try await Filing.find(elevator.id, on: db) else {
            throw DemoFailure("检验记录：电梯 \(code) 未审核通过")
        }
        let inspected = CivilDate.inChina(time(inspectedDay, 9))
        let regulator = try reviewer(of: filing)
        try await InspectionService(db: db, now: at, actor: regulator.actor, recorderName: regulator.user.displayName).record(
            .init(inspected: inspected, conclusion: .passed, body: body, next: CivilDate(daysSince1970: inspected.daysSince1970 + 365)!,
                  remarks: ""),
            of: filing, elevator: elevator)
    }
}
