import Fluent
import Foundation
import Supervision
import Validation

/// Checks a maintenance form against the rules of a filed record: an approved elevator of the company, a
/// date not in the future, the level's full checklist answered, enough workers, each an approved staff
/// member of the company whose certificate is valid on the day, and the user unit's confirmer.
struct MaintenanceValidator {
    let db: any Database
    let companyID: UUID
    let today: CivilDate
    let minimumWorkers: Int
    /// For a record of a 现场作业 visit: the staff filings who checked in; no one else may be named.
    var checkedIn: Set<UUID>? = nil

    struct Valid {
        let elevator: ArchivedElevator
        let kind: ElevatorKind
        let workDate: CivilDate
        let level: MaintenanceLevel
        let items: [MaintenanceRecordItem]
        let workers: [MaintenanceRecordWorker]
        let findings: String
        let confirmerName: String
        let confirmerPhone: String
        let amendmentReason: String
    }

    /// The message for a code that names none of the company's approved elevators.
    static func notApproved(_ code: String) -> String {
        "本单位没有审核通过的注册代码为 \(TextNormalizer.normalize(code)) 的电梯"
    }

    /// The company's approved elevator with this registration code.
    func elevator(code raw: String) async throws -> ArchivedElevator? {
        let code = TextNormalizer.normalize(raw)
        guard !code.isEmpty else { return nil }
        return try await ArchivedElevator.query(on: db).filter(\.$companyID == companyID)
            .filter(\.$registrationCode == code).first()
    }

    func validate(_ input: MaintenanceInput, amending: Bool) async throws -> Result<Valid, FieldErrors> {
        var errors = FieldErrors()
        let elevator = try await self.elevator(code: input.elevatorCode)
        if TextNormalizer.normalize(input.elevatorCode).isEmpty {
            errors.add("registration_code", "请填写电梯注册代码")
        } else if elevator == nil {
            errors.add("registration_code", Self.notApproved(input.elevatorCode))
        }
        let date = errors.requiredDate("work_date", input.workDate, "维保日期")
        if let date, date > today { errors.add("work_date", "维保日期不能晚于今天") }
        let level = MaintenanceLevel(rawValue: input.level)
        if level == nil { errors.add("level", "请选择维保类型") }
        let kind = ElevatorKind(equipmentName: elevator?.equipmentName ?? "")

        var items: [MaintenanceRecordItem] = []
        if let level, elevator != nil {
            var missing: [String] = []
            for item in try await MaintenanceItem.checklist(kind: kind, level: level, on: db) {
                let raw = input.results[MaintenanceInput.key(level: item.level, seq: item.seq)] ?? ""
                guard let result = ItemResult(rawValue: raw) else { missing.append("\(item.level)第\(item.seq)项“\(item.item)”"); continue }
                items.append(.init(level: item.level, seq: item.seq, item: item.item, requirement: item.requirement, result: result.rawValue))
            }
            if !missing.isEmpty {
                let shown = missing.prefix(3).joined(separator: "、") + (missing.count > 3 ? "等\(missing.count)项" : "")
                errors.add("items", "请为每个维保项目选择结果：\(shown)未选")
            }
        }

        let workers = try await checkWorkers(input.workers, on: date, errors: &errors)
        let findings = TextNormalizer.normalizeFreeText(input.findings)
        if findings.count > 1000 { errors.add("findings", "维保发现的问题及处理不能超过1000个字") }
        let confirmer = errors.required("confirmer_name", input.confirmerName, "使用单位确认人", max: 30)
        let phone = errors.required("confirmer_phone", input.confirmerPhone, "确认人电话", rule: TelephoneNumber.validate)
        var reason = ""
        if amending { reason = errors.required("amendment_reason", input.amendmentReason, "更正原因", max: 200) }

        guard errors.isEmpty, let elevator, let date, let level else { return .failure(errors) }
        return .success(Valid(elevator: elevator, kind: kind, workDate: date, level: level, items: items, workers: workers,
                              findings: findings, confirmerName: confirmer, confirmerPhone: phone, amendmentReason: reason))
    }

    /// The chosen workers, each an approved staff member of the company certified on the work date.
    private func checkWorkers(_ raw: [String], on date: CivilDate?, errors: inout FieldErrors) async throws -> [MaintenanceRecordWorker] {
        var ids: [UUID] = []
        for value in raw { if let id = UUID(uuidString: value), !ids.contains(id) { ids.append(id) } }
        // A visit's record names who checked in, however few (a lone worker's record is still the record, and
        // 单人作业 flags it), up to the workers the rules require; in the office it must name that many.
        let required = checkedIn.map { min(minimumWorkers, max(1, $0.count)) } ?? minimumWorkers
        if ids.count < required {
            errors.add("workers", checkedIn == nil || required == minimumWorkers
                       ? "至少选择\(minimumWorkers)名维保人员（现场作业不少于\(minimumWorkers)人）" : "请选择在本次作业签到的维保人员")
            return []
        }
        let staff = try await ArchivedStaff.query(on: db).filter(\.$companyID == companyID).filter(\.$id ~~ ids).all()
        guard staff.count == ids.count else {
            errors.add("workers", "所选人员中有不属于本单位或尚未审核通过的维保人员")
            return []
        }
        if let checkedIn {
            let absent = staff.filter { !($0.id.map(checkedIn.contains) ?? false) }.map(\.name)
            if !absent.isEmpty {
                errors.add("workers", "\(absent.joined(separator: "、"))未在本次作业签到，不能作为本记录的维保人员")
                return []
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: staff.compactMap { s in s.id.map { ($0, s) } })
        var workers: [MaintenanceRecordWorker] = []
        for id in ids {
            guard let s = byID[id] else { continue }
            if let date {
                let issued = CivilDate(iso: s.certificateIssued), expires = CivilDate(iso: s.certificateExpires)
                if let expires, date > expires {
                    errors.add("workers", "\(s.name)的证书有效期至\(s.certificateExpires)，维保日期当天已过期，不能作为维保人员")
                } else if let issued, date < issued {
                    errors.add("workers", "\(s.name)的证书发证日期为\(s.certificateIssued)，维保日期当天尚未取得证书")
                }
            }
            workers.append(.init(staffFilingID: id, name: s.name, certificateNo: s.certificateNo, certificateExpires: s.certificateExpires))
        }
        return workers
    }
}
