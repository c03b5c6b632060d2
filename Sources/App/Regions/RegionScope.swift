import Fluent
import FluentSQL

/// The part of the region tree a regulator supervises: its own region and every region below it.
/// Codes share their parent's leading digits (province 2, city 4), so the scope is a range of codes,
/// which an ordinary index on a `region_code` column serves.
struct RegionScope: Sendable, Equatable {
    /// The leading digits that every code in scope starts with.
    let prefix: String

    init(code: String, level: Int) {
        switch level {
        case 1: prefix = String(code.prefix(2))
        case 2: prefix = String(code.prefix(4))
        default: prefix = code
        }
    }

    func contains(_ code: String) -> Bool { code.hasPrefix(prefix) }

    /// The first code after the range: the prefix with its last digit carried up by one.
    var upperBound: String {
        var digits = Array(prefix.utf8)
        var i = digits.count - 1
        while i >= 0 {
            if digits[i] < UInt8(ascii: "9") { digits[i] += 1; return String(decoding: digits, as: UTF8.self) }
            digits[i] = UInt8(ascii: "0")
            i -= 1
        }
        return "1" + String(decoding: digits, as: UTF8.self)
    }
}

extension QueryBuilder {
    /// Keeps rows whose region code lies in `scope`.
    @discardableResult
    func filter(regionCode field: KeyPath<Model, FieldProperty<Model, String>>, in scope: RegionScope) -> Self {
        self.filter(field >= scope.prefix).filter(field < scope.upperBound)
    }
}

extension QueryBuilder {
    /// Keeps rows in `scope` for a long list shown in an order. A city's regulator sees most of the rows,
    /// and when SQLite plans the range on the region's index it sorts all of them for every page (0.7 s
    /// at 400,000 elevators). Written with SQLite's unary `+`, which takes a term out of index planning,
    /// the walk goes along the order's index (which carries `region_code`) and stops after one page.
    /// PostgreSQL plans from its statistics, so it gets the plain range.
    @discardableResult
    func filter(listedRegionCode field: KeyPath<Model, FieldProperty<Model, String>>, in scope: RegionScope) -> Self {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return filter(regionCode: field, in: scope) }
        let column = SQLColumn(SQLIdentifier(Model()[keyPath: field].key.description), table: SQLIdentifier(Model.schema))
        return self.filter(.sql(embed: scope.listedCondition(column, on: sql)))
    }
}

extension RegionScope {
    /// The range as a SQL condition that the planner walks another index for (the unary `+` above, in
    /// SQLite; the plain range elsewhere).
    func listedCondition(_ column: any SQLExpression, on sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "sqlite"
            ? "+\(column) >= \(bind: prefix) AND +\(column) < \(bind: upperBound)"
            : "\(column) >= \(bind: prefix) AND \(column) < \(bind: upperBound)"
    }
}
