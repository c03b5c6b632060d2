/// The four kinds of maintenance visit of TSG T5002-2017 (电梯维护保养规则). A higher level includes every
/// item of the levels below it: a quarterly visit is also a half-monthly one, and so on.
public enum MaintenanceLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case halfMonthly = "半月"
    case quarterly = "季度"
    case halfYearly = "半年"
    case yearly = "年度"

    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The levels whose items a visit of this level goes through, lowest first.
    public var coveredLevels: [MaintenanceLevel] { Self.allCases.filter { $0 <= self } }

    /// Whether a visit of this level also counts as a visit of `other`.
    public func covers(_ other: MaintenanceLevel) -> Bool { other <= self }

    public static func < (a: MaintenanceLevel, b: MaintenanceLevel) -> Bool { a.rank < b.rank }
}

/// What became of one maintenance item on a visit.
public enum ItemResult: String, CaseIterable, Codable, Sendable {
    case normal = "正常"
    case adjusted = "已调整"
    case replaced = "已更换"
    case notApplicable = "不适用"
}
