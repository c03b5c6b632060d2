import Fluent
import Validation
import Vapor

/// 录入检验结果: a regulator (of the elevator's region) or an admin records a periodic inspection of an
/// approved elevator. The archive takes the new 检验日期 and 下次检验日期 as a new version, shown in 历史.
struct InspectionController {
    struct Input {
        var inspectionDate = "", conclusion = "", body = "", nextDate = "", remarks = ""

        init() {}
        init(form: [String: String]) {
            inspectionDate = form["inspection_date"] ?? ""; conclusion = form["conclusion"] ?? ""
            body = form["inspection_body"] ?? ""; nextDate = form["next_inspection_date"] ?? ""; remarks = form["remarks"] ?? ""
        }
    }

    func showNew(_ req: Request) async throws -> Response {
        let (filing, elevator) = try await ArchiveController().archivedElevator(req)
        return try await render(req, filing: filing, elevator: elevator, input: Input(), errors: FieldErrors())
    }

    func create(_ req: Request) async throws -> Response {
        let (filing, elevator) = try await ArchiveController().archivedElevator(req)
        let input = Input(form: try req.content.decode([String: String].self))
        var errors = FieldErrors()
        let inspected = errors.requiredDate("inspection_date", input.inspectionDate, "检验日期")
        if let inspected, inspected > req.clock.today() { errors.add("inspection_date", "检验日期不能晚于今天") }
        let conclusion = InspectionConclusion(rawValue: input.conclusion)
        if conclusion == nil { errors.add("conclusion", "请选择检验结论") }
        let body = errors.required("inspection_body", input.body, "检验机构", max: 100)
        let next = errors.requiredDate("next_inspection_date", input.nextDate, "下次检验日期")
        if let inspected, let next, next <= inspected { errors.add("next_inspection_date", "下次检验日期应晚于检验日期") }
        let remarks = TextNormalizer.normalizeFreeText(input.remarks)
        if remarks.count > 500 { errors.add("remarks", "备注不能超过500个字") }
        guard errors.isEmpty, let inspected, let next, let conclusion else {
            return try await render(req, filing: filing, elevator: elevator, input: input, errors: errors, status: .unprocessableEntity)
        }
        let user = try req.requireUser()
        let service = InspectionService(db: req.db, now: req.clock.now(), actor: FilingActor(id: user.id, name: user.displayName),
                                        recorderName: user.displayName)
        do {
            try await service.record(.init(inspected: inspected, conclusion: conclusion, body: body, next: next, remarks: remarks),
                                     of: filing, elevator: elevator)
        } catch let refusal as FilingRefusal {
            return try await render(req, filing: filing, elevator: elevator, input: input, errors: errors,
                                    formError: refusal.message, status: .conflict)
        }
        return req.redirect(to: .archive(.elevator, .view(filing.id)), notice: "检验结果已录入：\(conclusion.rawValue)，下次检验日期\(next.iso)")
    }

    private func render(_ req: Request, filing: Filing, elevator: ArchivedElevator, input: Input, errors: FieldErrors,
                        formError: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let conclusion = InspectionConclusion(rawValue: input.conclusion)
        let fields = [
            FormField(name: "inspection_date", label: "检验日期", kind: .date, value: input.inspectionDate, required: true),
            FormField(name: "conclusion", label: "检验结论", kind: .select, value: input.conclusion, required: true,
                      options: [.init(value: "", label: "请选择", selected: conclusion == nil)]
                          + InspectionConclusion.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0 == conclusion) }),
            FormField(name: "inspection_body", label: "检验机构", kind: .text, value: input.body, required: true, maxLength: 100),
            FormField(name: "next_inspection_date", label: "下次检验日期", kind: .date, value: input.nextDate, required: true),
            FormField(name: "remarks", label: "备注", kind: .textarea, value: input.remarks, maxLength: 500),
        ].with(errors: errors)
        return try await req.render("form-page", FormPage(
            layout: await req.layout("录入检验结果"), heading: "录入检验结果：\(elevator.equipmentName) \(elevator.registrationCode)",
            intro: "当前检验日期 \(elevator.inspectionDate)，下次检验日期 \(elevator.nextInspectionDate)。录入后电梯档案的检验日期随之更新，并记入历史。",
            fields: fields, action: SiteURL.inspectionNew(filing.id).path, submitLabel: "保存检验结果",
            backURL: SiteURL.archive(.elevator, .view(filing.id)).path, captchaURL: nil,
            formError: formError ?? (errors.isEmpty ? nil : "填写有误，请按提示修改")), status: status)
    }
}
