import Fluent
import Vapor

/// One value of a list kept by admins (工种, 设备名称): forms offer these values in this order.
final class DictionaryEntry: Model, @unchecked Sendable {
    static let schema = "dictionary_entries"

    enum Category: String, Codable, CaseIterable, Sendable {
        /// 工种 of maintenance staff.
        case jobType = "job_type"
        /// 设备名称 of elevators.
        case equipmentName = "equipment_name"

        var title: String {
            switch self {
            case .jobType: "工种"
            case .equipmentName: "设备名称"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Enum(key: "category") var category: Category
    @Field(key: "value") var value: String
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "active") var active: Bool

    init() {}

    init(category: Category, value: String, sortOrder: Int) {
        self.category = category
        self.value = value
        self.sortOrder = sortOrder
        self.active = true
    }

    static func values(_ category: Category, on db: any Database) async throws -> [String] {
        try await query(on: db).filter(\.$category == category).filter(\.$active == true)
            .sort(\.$sortOrder).sort(\.$value).all().map(\.value)
    }
}

extension DictionaryEntry {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $category, $value, $sortOrder, $active] }
}
