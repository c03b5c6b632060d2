import Fluent
import Validation
import Vapor

/// 数据字典: the admin keeps the lists forms offer (工种, 设备名称). Values are never deleted, only
/// taken out of use, because filed records keep the values they were filed with.
struct DictionaryController {
    struct Page: Encodable {
        let layout: Layout
        let groups: [Group]
        let addURL: String
    }

    struct Group: Encodable {
        let category: String
        let title: String
        let entries: [Entry]
        let error: String?
        let value: String
    }

    struct Entry: Encodable {
        let value: String
        let active: Bool
        let toggleURL: String
    }

    func list(_ req: Request) async throws -> Response {
        try await render(req, error: nil)
    }

    private func render(_ req: Request, error: (category: String, message: String, value: String)?,
                        status: HTTPStatus = .ok) async throws -> Response {
        let all = try await DictionaryEntry.query(on: req.db).sort(\.$sortOrder).sort(\.$value).all()
        let groups = DictionaryEntry.Category.allCases.map { category in
            Group(category: category.rawValue, title: category.title,
                  entries: all.filter { $0.category == category }.map {
                      Entry(value: $0.value, active: $0.active, toggleURL: SiteURL.adminDictionaryToggle($0.id).path)
                  },
                  error: error?.category == category.rawValue ? error?.message : nil,
                  value: error?.category == category.rawValue ? error?.value ?? "" : "")
        }
        return try await req.render("admin-dictionaries", Page(layout: await req.layout("数据字典"), groups: groups,
                                                               addURL: SiteURL.adminDictionaryAdd.path), status: status)
    }

    struct AddInput: Content { var category: String?; var value: String? }

    func add(_ req: Request) async throws -> Response {
        let input = try req.content.decode(AddInput.self)
        guard let category = DictionaryEntry.Category(rawValue: input.category ?? "") else { throw AppError.badRequest("字典类别不存在") }
        let value = TextNormalizer.normalize(input.value ?? "")
        if value.isEmpty || value.count > 30 {
            return try await render(req, error: (category.rawValue, "请填写1–30个字的名称", value), status: .unprocessableEntity)
        }
        if try await DictionaryEntry.query(on: req.db).filter(\.$category == category).filter(\.$value == value).first() != nil {
            return try await render(req, error: (category.rawValue, "“\(value)”已在列表中", value), status: .unprocessableEntity)
        }
        let last = try await DictionaryEntry.query(on: req.db).filter(\.$category == category).max(\.$sortOrder) ?? 0
        let entry = DictionaryEntry(category: category, value: value, sortOrder: last + 1)
        let (audit, user) = (req.audit, try req.requireUser())
        try await req.db.transaction { db in
            try await entry.create(on: db)
            try await audit.on(db).record(.dictionaryChanged, by: user, detail: "\(category.title)：添加“\(value)”")
        }
        return req.redirect(to: .adminDictionaries, notice: "已添加\(category.title)“\(value)”。")
    }

    func toggle(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self), let entry = try await DictionaryEntry.find(id, on: req.db) else {
            throw AppError.notFound
        }
        entry.active.toggle()
        let (audit, user) = (req.audit, try req.requireUser())
        let detail = "\(entry.category.title)：\(entry.active ? "启用" : "停用")“\(entry.value)”"
        try await req.db.transaction { db in
            try await entry.update(on: db)
            try await audit.on(db).record(.dictionaryChanged, by: user, detail: detail)
        }
        return req.redirect(to: .adminDictionaries, notice: entry.active ? "已启用“\(entry.value)”。" : "已停用“\(entry.value)”，已登记的记录不受影响。")
    }
}
