import Fluent
import Vapor

/// One GB/T 2260 administrative division: province (level 1), city (2) or county (3).
final class Region: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "parent_code") var parentCode: String?
    @Field(key: "level") var level: Int
    /// "河南省郑州市巩义市": the form in which the manual shows a chosen region.
    @Field(key: "full_name") var fullName: String

    init() {}

    init(code: String, name: String, parentCode: String?, level: Int, fullName: String) {
        self.id = code
        self.name = name
        self.parentCode = parentCode
        self.level = level
        self.fullName = fullName
    }

    var code: String { id ?? "" }
}

extension Region {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $name, $parentCode, $level, $fullName] }
}
