import Fluent
import Foundation
import SQLKit

/// The archive's query tables (manual chapter 三), filled from the approved versions already recorded.
struct M020_CreateArchive: AsyncMigration {
    func prepare(on database: any Database) async throws {
        func common(_ schema: String) -> SchemaBuilder {
            database.schema(schema)
                .field("filing_id", .uuid, .identifier(auto: false))
                .field("company_id", .uuid, .required, .references("companies", "id"))
                .field("region_code", .string, .required)
                .field("version", .int, .required)
                .field("approved_at", .datetime, .required)
        }
        try await common("archived_elevators")
            .field("equipment_name", .string, .required).field("registration_code", .string, .required)
            .field("internal_no", .string, .required).field("rescue_code", .string, .required)
            .field("inspection_date", .string, .required).field("next_inspection_date", .string, .required)
            .field("user_unit", .string, .required).field("manufacturer", .string, .required)
            .field("safety_manager", .string, .required).field("safety_manager_phone", .string, .required)
            .field("region_name", .string, .required).field("address", .string, .required)
            .create()
        try await common("archived_staff")
            .field("name", .string, .required).field("job_type", .string, .required).field("id_number", .string, .required)
            .field("certificate_no", .string, .required).field("certificate_issued", .string, .required)
            .field("certificate_expires", .string, .required).field("phone", .string, .required)
            .create()
        try await common("archived_companies")
            .field("name", .string, .required).field("certificate_no", .string, .required)
            .field("certificate_issued", .string, .required).field("certificate_expires", .string, .required)
            .field("region_name", .string, .required).field("level", .string, .required)
            .field("office_address", .string, .required)
            .create()
        // A company's own archive and a regulator's region, newest approval first; the exact-match queries.
        for schema in ["archived_elevators", "archived_staff", "archived_companies"] {
            try await database.createIndex("\(schema)_company_approved", on: schema, columns: ["company_id", "approved_at"])
            try await database.createIndex("\(schema)_region_approved", on: schema, columns: ["region_code", "approved_at"])
        }
        try await database.createIndex("archived_elevators_rescue", on: "archived_elevators", columns: ["rescue_code"])
        try await database.createIndex("archived_staff_name", on: "archived_staff", columns: ["name"])
        try await database.createIndex("archived_staff_phone", on: "archived_staff", columns: ["phone"])
        try await database.createIndex("archived_companies_name", on: "archived_companies", columns: ["name"])

        // Approvals recorded before this table existed: each filing's archived version, unless it was a
        // 注销, copied into the columns as they were named on the day this was written.
        let sql = try database.sql()
        let approved = try await sql.raw("""
            SELECT f.id, f.kind, f.company_id, f.region_code, v.version, v.snapshot, v.approved_at
            FROM filings f JOIN filing_versions v ON v.filing_id = f.id AND v.version = f.archived_version
            WHERE f.archived_version > 0 AND v.info_status <> '注销'
            """).all()
        for row in approved {
            let snapshot = try JSONDecoder().decode(Snapshot.self, from: Data(try row.decode(column: "snapshot", as: String.self).utf8))
            let columns: [(column: String, field: String)]
            let table: String
            switch try row.decode(column: "kind", as: String.self) {
            case "elevator":
                table = "archived_elevators"
                columns = [("equipment_name", "equipment_name"), ("registration_code", "registration_code"),
                           ("internal_no", "internal_no"), ("rescue_code", "rescue_code"),
                           ("inspection_date", "inspection_date"), ("next_inspection_date", "next_inspection_date"),
                           ("user_unit", "user_unit"), ("manufacturer", "manufacturer"), ("safety_manager", "safety_manager"),
                           ("safety_manager_phone", "safety_manager_phone"), ("region_name", "region"), ("address", "address")]
            case "staff":
                table = "archived_staff"
                columns = [("name", "name"), ("job_type", "job_type"), ("id_number", "id_number"),
                           ("certificate_no", "certificate_no"), ("certificate_issued", "certificate_issued"),
                           ("certificate_expires", "certificate_expires"), ("phone", "phone")]
            case "company":
                table = "archived_companies"
                columns = [("name", "name"), ("certificate_no", "certificate_no"), ("certificate_issued", "certificate_issued"),
                           ("certificate_expires", "certificate_expires"), ("region_name", "region"), ("level", "level"),
                           ("office_address", "office_address")]
            default:
                continue
            }
            let names = (["filing_id", "company_id", "region_code", "version", "approved_at"] + columns.map(\.column))
                .joined(separator: ", ")
            var values: [SQLQueryString] = [
                "\(bind: try row.decode(column: "id", as: UUID.self))", "\(bind: try row.decode(column: "company_id", as: UUID.self))",
                "\(bind: try row.decode(column: "region_code", as: String.self))", "\(bind: try row.decode(column: "version", as: Int.self))",
                "\(bind: try row.decode(column: "approved_at", as: Date.self))",
            ]
            values += columns.map { "\(bind: snapshot.value($0.field))" }
            try await sql.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: names)) VALUES (\(values.joined(separator: ", ")))").run()
        }
    }

    /// The snapshot's JSON as filings stored it then: fields in display order, by key.
    private struct Snapshot: Decodable {
        struct Field: Decodable { let key: String; let value: String }
        let fields: [Field]
        func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }
    }

    func revert(on database: any Database) async throws {
        for schema in ["archived_elevators", "archived_staff", "archived_companies"] {
            try await database.schema(schema).delete()
        }
    }
}
