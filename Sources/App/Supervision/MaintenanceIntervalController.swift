import Fluent
import Supervision
import Validation
import Vapor

/// 设置维保周期: a regulator of the elevator's region, or an admin, sets the days allowed between an approved
/// elevator's half-monthly-or-higher visits (按需维保 pilots, or a shorter interval for a worn elevator), or
/// returns it to the default, with the basis for the decision. 超期未维保 and 即将超期 follow at once.
struct MaintenanceIntervalController {
    struct Input {
        var days = "", basis = ""
    }

    func show(_ req: Request) async throws -> Response {
        let (_, elevator) = try await ArchiveController().archivedElevator(req)
        let upkeep = try await ElevatorUpkeep.find(elevator.id, on: req.db)
        return try await render(req, elevator: elevator, input: Input(days: upkeep?.intervalDays.map(String.init) ?? "", basis: ""),
                                errors: FieldErrors())
    }

    func save(_ req: Request) async throws -> Response {
        let (_, elevator) = try await ArchiveController().archivedElevator(req)
        let form = try req.content.decode([String: String].self)
        let input = Input(days: form["interval_days"] ?? "", basis: form["basis"] ?? "")
        var errors = FieldErrors()
        let range = SupervisionThresholds.customIntervalDays
        let typed = TextNormalizer.normalize(input.days)
        var days: Int? = nil
        if !typed.isEmpty {
            if let n = Int(typed), range.contains(n) { days = n } else { errors.add("interval_days", "维保周期应为\(range.lowerBound)至\(range.upperBound)之间的整数天数，留空则恢复默认") }
        }
        let basis = errors.required("basis", input.basis, "设置依据", max: 200)
        guard errors.isEmpty else { return try await render(req, elevator: elevator, input: input, errors: errors, status: .unprocessableEntity) }
        let user = try req.requireUser()
        try await MaintenanceIntervalService(db: req.db, now: req.clock.now(), actor: FilingActor(id: user.id, name: user.displayName))
            .set(days, basis: basis, for: elevator)
        let shown = days.map { "\($0)天" } ?? "默认的\(req.config.supervision.halfMonthlyDays)天"
        return req.redirect(to: .archive(.elevator, .view(elevator.id)), notice: "维保周期已设为\(shown)")
    }

    private func render(_ req: Request, elevator: ArchivedElevator, input: Input, errors: FieldErrors,
                        status: HTTPStatus = .ok) async throws -> Response {
        let range = SupervisionThresholds.customIntervalDays
        let defaultDays = req.config.supervision.halfMonthlyDays
        let fields = [
            FormField(name: "interval_days", label: "维保周期（天）", kind: .text, value: input.days,
                      hint: "两次维保之间允许的最长天数，\(range.lowerBound)至\(range.upperBound)天；留空则恢复默认的\(defaultDays)天",
                      placeholder: "\(defaultDays)", maxLength: 2),
            FormField(name: "basis", label: "设置依据", kind: .textarea, value: input.basis, required: true,
                      hint: "如按需维保试点批复文号、监管决定", maxLength: 200),
        ].with(errors: errors)
        return try await req.render("form-page", FormPage(
            layout: await req.layout("设置维保周期"), heading: "设置维保周期：\(elevator.equipmentName) \(elevator.registrationCode)",
            intro: "超期未维保按本梯的维保周期计算：上次维保后超过周期天数即为超期，到期前\(req.config.supervision.halfMonthlyWarningLead)天起提示即将超期。每次设置连同依据记入本梯的维保周期记录。",
            fields: fields, action: SiteURL.maintenanceInterval(elevator.id).path, submitLabel: "保存维保周期",
            backURL: SiteURL.archive(.elevator, .view(elevator.id)).path, captchaURL: nil,
            formError: errors.isEmpty ? nil : "填写有误，请按提示修改"), status: status)
    }
}
