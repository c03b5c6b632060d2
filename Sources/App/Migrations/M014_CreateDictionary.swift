import Fluent

/// The admin-kept lists, seeded with the manual's values: 工种 from 2.2, 设备名称 from the manual's
/// tables and the TSG equipment varieties.
struct M014_CreateDictionary: AsyncMigration {
    static let jobTypes = ["电梯维护人员", "维保工程师", "电梯安装维修人员", "电梯安全管理员", "维保人员"]
    static let equipmentNames = ["乘客电梯", "曳引式客梯", "无机房客梯", "客梯", "载货电梯", "液压电梯", "杂物电梯",
                                 "自动扶梯", "自动人行道", "消防员电梯", "防爆电梯"]

    func prepare(on database: any Database) async throws {
        try await database.schema("dictionary_entries")
            .id()
            .field("category", .string, .required)
            .field("value", .string, .required)
            .field("sort_order", .int, .required)
            .field("active", .bool, .required)
            .unique(on: "category", "value", name: "dictionary_entries_category_value_unique")
            .create()
        try await database.transaction { db in
            for (i, value) in Self.jobTypes.enumerated() {
                try await DictionaryEntry(category: .jobType, value: value, sortOrder: i).create(on: db)
            }
            for (i, value) in Self.equipmentNames.enumerated() {
                try await DictionaryEntry(category: .equipmentName, value: value, sortOrder: i).create(on: db)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dictionary_entries").delete()
    }
}
