import Fluent
import Supervision
import Validation
import Vapor

/// The page of a maintenance form (新增维保记录 / 更正): the elevator, date and level first; with them the
/// level's checklist, the company's approved staff to choose the workers from, and the confirmer.
struct MaintenanceFormPage: Encodable {
    let layout: Layout
    let heading: String
    let intro: String?
    let formError: String?
    let action: String
    /// 载入维保项目 sends the form by GET to this address, to show the checklist of the chosen elevator and level.
    let loadURL: String
    let topFields: [FormField]
    let elevatorSummary: String?
    let checklistLoaded: Bool
    let itemsError: String?
    let items: [ItemRow]
    let workersError: String?
    let workers: [WorkerOption]
    let minimumWorkers: Int
    let bottomFields: [FormField]
    let amendedURL: String?
    let backURL: String

    struct ItemRow: Encodable {
        let key: String
        let number: String
        let level: String
        let item: String
        let requirement: String
        let choices: [FormField.Option]
    }

    struct WorkerOption: Encodable {
        let id: String
        let name: String
        let jobType: String
        let certificate: String
        let note: String
        let checked: Bool
    }
}

/// Builds the form page from the input as typed.
struct MaintenanceFormBuilder {
    let req: Request
    let companyID: UUID
    let amending: MaintenanceRecord?
    /// A record for a 现场作业 visit: its elevator and day, and only the workers who checked in.
    var visit: VisitContext? = nil

    struct VisitContext {
        let visit: SiteVisit
        /// The staff filings of the workers who checked in to the visit.
        let checkedIn: Set<UUID>

        var day: String { CivilDate.inChina(visit.startedAt).iso }
    }

    func page(_ input: MaintenanceInput, errors: FieldErrors = FieldErrors(), formError: String? = nil) async throws -> MaintenanceFormPage {
        let validator = MaintenanceValidator(db: req.db, companyID: companyID, today: req.clock.today(),
                                             minimumWorkers: req.config.minimumMaintenanceWorkers)
        let elevator = try await validator.elevator(code: input.elevatorCode)
        let level = MaintenanceLevel(rawValue: input.level)
        var top = [
            FormField(name: "registration_code", label: "电梯注册代码", kind: .text, value: input.elevatorCode, required: true,
                      hint: "本单位已审核通过的电梯", maxLength: 20),
            FormField(name: "work_date", label: "维保日期", kind: .date, value: input.workDate, required: true),
            FormField(name: "level", label: "维保类型", kind: .select, value: input.level, required: true,
                      hint: "季度、半年、年度维保同时完成较低级别的项目",
                      options: [.init(value: "", label: "请选择", selected: level == nil)]
                          + MaintenanceLevel.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0 == level) }),
        ]
        var typedErrors = errors
        if !TextNormalizer.normalize(input.elevatorCode).isEmpty, elevator == nil, typedErrors["registration_code"] == nil {
            typedErrors.add("registration_code", MaintenanceValidator.notApproved(input.elevatorCode))
        }
        top = top.with(errors: typedErrors)

        var items: [MaintenanceFormPage.ItemRow] = []
        if let elevator, let level {
            let kind = ElevatorKind(equipmentName: elevator.equipmentName)
            for (n, item) in try await MaintenanceItem.checklist(kind: kind, level: level, on: req.db).enumerated() {
                let key = MaintenanceInput.key(level: item.level, seq: item.seq)
                let chosen = input.results[key] ?? ""
                items.append(.init(key: key, number: String(n + 1), level: item.level, item: item.item, requirement: item.requirement,
                                   choices: ItemResult.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == chosen) }))
            }
        }
        let date = TextDate.parse(input.workDate)
        let chosen = Set(input.workers)
        let staff = try await ArchivedStaff.query(on: req.db).filter(\.$companyID == companyID).sort(\.$name).all()
            .filter { s in visit.map { s.id.map($0.checkedIn.contains) ?? false } ?? true }
        let workers = staff.compactMap { s -> MaintenanceFormPage.WorkerOption? in
            guard let id = s.id?.uuidString else { return nil }
            var note = "有效期至\(s.certificateExpires)"
            if let date, let expires = CivilDate(iso: s.certificateExpires), date > expires { note = "证书已于\(s.certificateExpires)过期" }
            return .init(id: id, name: s.name, jobType: s.jobType, certificate: s.certificateNo, note: note, checked: chosen.contains(id))
        }
        var bottom = [
            FormField(name: "findings", label: "发现问题及处理", kind: .textarea, value: input.findings,
                      hint: "无问题可不填", maxLength: 1000),
            FormField(name: "confirmer_name", label: "使用单位确认人", kind: .text, value: input.confirmerName, required: true, maxLength: 30),
            FormField(name: "confirmer_phone", label: "确认人电话", kind: .tel, value: input.confirmerPhone, required: true,
                      placeholder: "手机或 0373-1234567"),
        ]
        if amending != nil {
            bottom.append(FormField(name: "amendment_reason", label: "更正原因", kind: .textarea, value: input.amendmentReason,
                                    required: true, maxLength: 200))
        }
        let summary = elevator.map { "\($0.equipmentName)，\($0.userUnit)，\($0.address.isEmpty ? $0.regionName : $0.address)" }
        let action = visit.map { SiteURL.visitRecord($0.visit.id).path }
            ?? amending.map { SiteURL.maintenance(.amend($0.id)).path } ?? SiteURL.maintenance(.new).path
        var intro = amending == nil
            ? "维保记录提交后不能修改；如有错误，请在记录上使用“更正”，原记录和更正记录都会保留。"
            : "更正会生成一条新的维保记录并与原记录关联，原记录保留不变。"
        if let visit {
            intro = "本次现场作业（\(DisplayDate.minute(visit.visit.startedAt))签到）的维保记录：电梯和日期以签到为准，维保人员只能选择在本次作业签到的人员。" + intro
        }
        return MaintenanceFormPage(
            layout: await req.layout(amending == nil ? "新增维保记录" : "更正维保记录"),
            heading: amending == nil ? "新增维保记录" : "更正维保记录",
            intro: intro,
            formError: formError, action: action, loadURL: action,
            topFields: top, elevatorSummary: summary, checklistLoaded: !items.isEmpty, itemsError: errors["items"], items: items,
            workersError: errors["workers"], workers: workers, minimumWorkers: req.config.minimumMaintenanceWorkers,
            bottomFields: bottom.with(errors: errors),
            amendedURL: amending.map { SiteURL.maintenance(.view($0.id)).path },
            backURL: visit.map { SiteURL.visit($0.visit.id).path } ?? SiteURL.maintenance(.list).path)
    }
}
