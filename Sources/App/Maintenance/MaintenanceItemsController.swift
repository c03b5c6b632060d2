import Fluent
import Supervision
import Validation
import Vapor

/// 维保项目: the admin keeps TSG T5002's item lists — per equipment kind and level, the item and its
/// requirement. Items are changed or retired, never deleted; filed records keep the text they were filed with.
struct MaintenanceItemsController {
    struct Page: Encodable {
        let layout: Layout
        let kinds: [FormField.Option]
        let levels: [FormField.Option]
        let kindLabel: String
        let level: String
        let items: [Row]
        let addURL: String
        let formError: String?
        let fields: [FormField]
        let editing: String?
    }

    struct Row: Encodable {
        let seq: Int
        let item: String
        let requirement: String
        let active: Bool
        let editURL: String
        let toggleURL: String
    }

    struct Input: Content { var seq: String?; var item: String?; var requirement: String? }

    private func chosen(_ req: Request) -> (ElevatorKind, MaintenanceLevel) {
        (ElevatorKind(rawValue: req.queryText("kind")) ?? .traction, MaintenanceLevel(rawValue: req.queryText("level")) ?? .halfMonthly)
    }

    private func listURL(_ kind: ElevatorKind, _ level: MaintenanceLevel) -> String {
        var c = URLComponents()
        c.path = SiteURL.adminMaintenanceItems.path
        c.queryItems = [.init(name: "kind", value: kind.rawValue), .init(name: "level", value: level.rawValue)]
        return c.string ?? c.path
    }

    func list(_ req: Request) async throws -> Response {
        let (kind, level) = chosen(req)
        var input = Input()
        var editing: MaintenanceItem?
        if let id = UUID(uuidString: req.queryText("edit")), let item = try await MaintenanceItem.find(id, on: req.db) {
            editing = item
            input = Input(seq: String(item.seq), item: item.item, requirement: item.requirement)
        }
        return try await render(req, kind: kind, level: level, input: input, errors: FieldErrors(), editing: editing)
    }

    private func render(_ req: Request, kind: ElevatorKind, level: MaintenanceLevel, input: Input, errors: FieldErrors,
                        editing: MaintenanceItem?, status: HTTPStatus = .ok) async throws -> Response {
        let items = try await MaintenanceItem.query(on: req.db).filter(\.$kind == kind.rawValue).filter(\.$level == level.rawValue)
            .sort(\.$seq).all()
        let back = listURL(kind, level)
        return try await req.render("admin-maintenance-items", Page(
            layout: await req.layout("维保项目"),
            kinds: ElevatorKind.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            levels: MaintenanceLevel.allCases.map { .init(value: $0.rawValue, label: $0.rawValue, selected: $0 == level) },
            kindLabel: kind.label, level: level.rawValue,
            items: items.map {
                Row(seq: $0.seq, item: $0.item, requirement: $0.requirement, active: $0.active,
                    editURL: back + "&edit=\($0.id?.uuidString ?? "")",
                    toggleURL: SiteURL.adminMaintenanceItemToggle($0.id).path + "?" + (URLComponents(string: back)?.query ?? ""))
            },
            addURL: (editing.map { SiteURL.adminMaintenanceItemSave($0.id).path } ?? SiteURL.adminMaintenanceItemSave(nil).path
                .replacingOccurrences(of: "/:id", with: "/new")) + "?" + (URLComponents(string: back)?.query ?? ""),
            formError: errors.isEmpty ? nil : "请按提示修改",
            fields: [
                FormField(name: "seq", label: "序号", kind: .text, value: input.seq ?? "", required: true, maxLength: 3),
                FormField(name: "item", label: "项目（内容）", kind: .text, value: input.item ?? "", required: true, maxLength: 60),
                FormField(name: "requirement", label: "要求", kind: .textarea, value: input.requirement ?? "", required: true, maxLength: 200),
            ].with(errors: errors),
            editing: editing?.item), status: status)
    }

    /// Adds an item (`:id` is "new") or changes one.
    func save(_ req: Request) async throws -> Response {
        let (kind, level) = chosen(req)
        let id = req.parameters.get("id").flatMap(UUID.init(uuidString:))
        let existing = try await id.asyncMap { try await MaintenanceItem.find($0, on: req.db) } ?? nil
        if id != nil && existing == nil { throw AppError.notFound }
        let input = try req.content.decode(Input.self)
        var errors = FieldErrors()
        let seq = Int(TextNormalizer.normalize(input.seq ?? ""))
        if seq == nil || !(1...999).contains(seq!) { errors.add("seq", "序号应为1–999的整数") }
        let item = errors.required("item", input.item ?? "", "项目（内容）", max: 60)
        let requirement = errors.required("requirement", input.requirement ?? "", "要求", max: 200)
        let itemKind = existing.flatMap { ElevatorKind(rawValue: $0.kind) } ?? kind
        let itemLevel = existing.flatMap { MaintenanceLevel(rawValue: $0.level) } ?? level
        if let seq, try await MaintenanceItem.query(on: req.db).filter(\.$kind == itemKind.rawValue).filter(\.$level == itemLevel.rawValue)
            .filter(\.$seq == seq).all().contains(where: { $0.id != existing?.id }) {
            errors.add("seq", "\(itemKind.label)\(itemLevel.rawValue)已有第\(seq)项")
        }
        guard errors.isEmpty, let seq else {
            return try await render(req, kind: itemKind, level: itemLevel, input: input, errors: errors, editing: existing,
                                    status: .unprocessableEntity)
        }
        let row = existing ?? MaintenanceItem(kind: itemKind, level: itemLevel, seq: seq, item: item, requirement: requirement)
        row.seq = seq
        row.item = item
        row.requirement = requirement
        let (audit, user) = (req.audit, try req.requireUser())
        let detail = (existing == nil ? "添加" : "修改") + "\(itemKind.label)\(itemLevel.rawValue)第\(seq)项：\(item)；要求：\(requirement)"
        try await req.db.transaction { db in
            try await row.save(on: db)
            try await audit.on(db).record(.maintenanceItemChanged, by: user, detail: detail)
        }
        req.flash(existing == nil ? "已添加第\(seq)项“\(item)”。" : "已修改第\(seq)项“\(item)”，已填报的维保记录不受影响。")
        return req.redirect(to: listURL(itemKind, itemLevel))
    }

    func toggle(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let item = try await MaintenanceItem.find(id, on: req.db) else {
            throw AppError.notFound
        }
        item.active.toggle()
        let (audit, user) = (req.audit, try req.requireUser())
        let detail = "\(item.active ? "启用" : "停用")\(ElevatorKind(rawValue: item.kind)?.label ?? item.kind)\(item.level)第\(item.seq)项：\(item.item)"
        try await req.db.transaction { db in
            try await item.update(on: db)
            try await audit.on(db).record(.maintenanceItemChanged, by: user, detail: detail)
        }
        let back = listURL(ElevatorKind(rawValue: item.kind) ?? .traction, MaintenanceLevel(rawValue: item.level) ?? .halfMonthly)
        req.flash(item.active ? "已启用“\(item.item)”。" : "已停用“\(item.item)”，新的维保记录不再包含该项。")
        return req.redirect(to: back)
    }
}

private extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
