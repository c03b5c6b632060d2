import Fluent
import Foundation
import Supervision
import XLSX

/// One item of a maintenance visit (TSG T5002-2017 附件A–D): what is checked and what it must meet, per
/// equipment kind and visit level. Admins keep the list; records copy the items' text when filed, so a
/// later change never alters a filed record.
final class MaintenanceItem: Model, @unchecked Sendable {
    static let schema = "maintenance_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "level") var level: String
    @Field(key: "seq") var seq: Int
    @Field(key: "item") var item: String
    @Field(key: "requirement") var requirement: String
    /// Retired items stay for the records that name them but are no longer offered.
    @Field(key: "active") var active: Bool

    init() {}

    init(kind: ElevatorKind, level: MaintenanceLevel, seq: Int, item: String, requirement: String) {
        self.kind = kind.rawValue
        self.level = level.rawValue
        self.seq = seq
        self.item = item
        self.requirement = requirement
        active = true
    }

    /// The items a visit of `level` to an elevator of `kind` goes through: its own level's and every lower one's.
    static func checklist(kind: ElevatorKind, level: MaintenanceLevel, on db: any Database) async throws -> [MaintenanceItem] {
        let items = try await query(on: db).filter(\.$kind == kind.rawValue).filter(\.$active == true)
            .filter(\.$level ~~ level.coveredLevels.map(\.rawValue)).all()
        return items.sorted {
            let a = MaintenanceLevel(rawValue: $0.level)?.rank ?? 0, b = MaintenanceLevel(rawValue: $1.level)?.rank ?? 0
            return a != b ? a < b : $0.seq < $1.seq
        }
    }
}

/// The shipped item list, `Resources/Data/maintenance-items.csv` (kind, level, seq, item, requirement).
enum MaintenanceItemCatalog {
    struct BadLine: Error, CustomStringConvertible {
        let line: Int
        var description: String { "maintenance-items.csv line \(line) is malformed" }
    }

    static func load(path: String) throws -> [MaintenanceItem] {
        let rows = try CSVReader.rows(try Data(contentsOf: URL(fileURLWithPath: path)))
        return try rows.enumerated().dropFirst().compactMap { index, cols in
            if cols.allSatisfy(\.isEmpty) { return nil }
            guard cols.count == 5, let kind = ElevatorKind(rawValue: cols[0]), let level = MaintenanceLevel(rawValue: cols[1]),
                  let seq = Int(cols[2]), !cols[3].isEmpty else { throw BadLine(line: index + 1) }
            return MaintenanceItem(kind: kind, level: level, seq: seq, item: cols[3], requirement: cols[4])
        }
    }
}

extension MaintenanceItem {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $kind, $level, $seq, $item, $requirement, $active] }
}
