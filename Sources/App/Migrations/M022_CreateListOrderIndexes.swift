import Fluent

/// Indexes that answer a page of a long list from the index alone (see `QueryBuilder.page`).
/// For each order a list offers (newest first, or a sortable column):
/// - a company's list: (company_id, column, id) — filter, order and id in one index;
/// - a regulator's or admin's list: (column, id, region_code) — walked in order, the region checked in the
///   index itself (see `filter(listedRegionCode:in:)`).
/// The (company_id, column) indexes they replace lacked the id, so every page read the table.
struct M022_CreateListOrderIndexes: AsyncMigration {
    struct Table {
        let name: String
        let id: String
        let orders: [String]
        /// Indexes of M015/M018/M020 that the company-led ones replace.
        let replaced: [(name: String, columns: [String])]
        let acrossCompanies: Bool
    }

    static let tables = [
        Table(name: "elevators", id: "id",
              orders: ["created_at", "registration_code", "inspection_date", "next_inspection_date"],
              replaced: ["created_at", "registration_code", "inspection_date", "next_inspection_date"]
                  .map { ("elevators_company_\($0)", ["company_id", $0]) },
              acrossCompanies: true),
        Table(name: "staff", id: "id", orders: ["created_at", "name", "certificate_issued"],
              replaced: [("staff_company_created", ["company_id", "created_at"]), ("staff_company_name", ["company_id", "name"]),
                         ("staff_company_issued", ["company_id", "certificate_issued"])],
              acrossCompanies: false),
        Table(name: "archived_elevators", id: "filing_id",
              orders: ["approved_at", "registration_code", "inspection_date", "next_inspection_date"],
              replaced: [("archived_elevators_company_approved", ["company_id", "approved_at"])], acrossCompanies: true),
        Table(name: "archived_staff", id: "filing_id", orders: ["approved_at", "name", "certificate_expires"],
              replaced: [("archived_staff_company_approved", ["company_id", "approved_at"])], acrossCompanies: true),
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables {
            for order in table.orders {
                try await database.createIndex("\(table.name)_company_\(order)_id", on: table.name,
                                               columns: ["company_id", order, table.id])
                if table.acrossCompanies {
                    try await database.createIndex("\(table.name)_\(order)_id_region", on: table.name,
                                                   columns: [order, table.id, "region_code"])
                }
            }
            for index in table.replaced { try await database.dropIndex(index.name) }
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables {
            for index in table.replaced { try await database.createIndex(index.name, on: table.name, columns: index.columns) }
            for order in table.orders {
                try await database.dropIndex("\(table.name)_company_\(order)_id")
                if table.acrossCompanies { try await database.dropIndex("\(table.name)_\(order)_id_region") }
            }
        }
    }
}
