import Fluent
import SQLKit

/// Each register row carries its filing's 审核状态 and 信息状态 — and an elevator its filing's region, the
/// approved one by which regulators see it — copied by triggers on `filings` in the transaction of every
/// change, so that a list narrowed by status, or a regulator's list without drafts, walks one index instead
/// of looking up a filing for each row it passes (page 100 of 通过: 86 req/s under load with a lookup per
/// row; BENCHMARKS.md). The filing stays the record of truth; these are copies.
struct M036_CopyFilingStatusToRegisters: AsyncMigration {
    /// (filing kind, register table)
    static let registers = [("elevator", "elevators"), ("staff", "staff")]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        let sqlite = sql.dialect.name == "sqlite"
        for (kind, table) in Self.registers {
            try await sql.raw("ALTER TABLE \(ident: table) ADD COLUMN review_status VARCHAR(20) NOT NULL DEFAULT '待上报'").run()
            try await sql.raw("ALTER TABLE \(ident: table) ADD COLUMN info_status VARCHAR(20) NOT NULL DEFAULT '新增'").run()
            if table == "elevators" {
                try await sql.raw("ALTER TABLE elevators ADD COLUMN filing_region_code VARCHAR(12) NOT NULL DEFAULT ''").run()
                try await sql.raw("""
                    UPDATE elevators SET filing_region_code = COALESCE((SELECT region_code FROM filings
                      WHERE filings.kind = 'elevator' AND filings.record_id = elevators.id), region_code)
                    """).run()
            }
            try await sql.raw("""
                UPDATE \(ident: table) SET
                  review_status = COALESCE((SELECT review_status FROM filings WHERE filings.kind = \(literal: kind) AND filings.record_id = \(ident: table).id), '待上报'),
                  info_status = COALESCE((SELECT info_status FROM filings WHERE filings.kind = \(literal: kind) AND filings.record_id = \(ident: table).id), '新增')
                """).run()
            if sqlite {
                let region = table == "elevators" ? ", filing_region_code = new.region_code" : ""
                let copy = "UPDATE \(table) SET review_status = new.review_status, info_status = new.info_status\(region) WHERE id = new.record_id;"
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_status_insert AFTER INSERT ON filings WHEN new.kind = '\(unsafeRaw: kind)' BEGIN \(unsafeRaw: copy) END
                    """).run()
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: table)_status_update AFTER UPDATE OF review_status, info_status, region_code, record_id ON filings
                      WHEN new.kind = '\(unsafeRaw: kind)' BEGIN \(unsafeRaw: copy) END
                    """).run()
            }
        }
        if !sqlite {
            try await sql.raw("""
                CREATE FUNCTION register_status_copy() RETURNS trigger AS $$
                BEGIN
                  IF NEW.kind = 'elevator' THEN
                    UPDATE elevators SET review_status = NEW.review_status, info_status = NEW.info_status,
                      filing_region_code = NEW.region_code WHERE id = NEW.record_id;
                  ELSIF NEW.kind = 'staff' THEN
                    UPDATE staff SET review_status = NEW.review_status, info_status = NEW.info_status WHERE id = NEW.record_id;
                  END IF;
                  RETURN NULL;
                END
                $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER register_status_copy AFTER INSERT OR UPDATE OF review_status, info_status, region_code, record_id
                  ON filings FOR EACH ROW EXECUTE FUNCTION register_status_copy()
                """).run()
        }
        // A company's list by status in its order; a regulator's (and an admin's) likewise, the region and
        // the statuses read from the index as the list walks it.
        try await database.createIndex("elevators_company_review_created_id", on: "elevators", columns: ["company_id", "review_status", "created_at", "id"])
        try await database.createIndex("elevators_review_created_id_region", on: "elevators",
                                       columns: ["review_status", "created_at", "id", "filing_region_code"])
        try await database.createIndex("elevators_created_id_region_status", on: "elevators",
                                       columns: ["created_at", "id", "filing_region_code", "review_status", "info_status"])
        try await database.createIndex("staff_company_review_created_id", on: "staff", columns: ["company_id", "review_status", "created_at", "id"])
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for index in ["elevators_company_review_created_id", "elevators_review_created_id_region", "elevators_created_id_region_status",
                      "staff_company_review_created_id"] {
            try await database.dropIndex(index)
        }
        if sql.dialect.name == "sqlite" {
            for (_, table) in Self.registers {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_status_insert").run()
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_status_update").run()
            }
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS register_status_copy ON filings").run()
            try await sql.raw("DROP FUNCTION IF EXISTS register_status_copy()").run()
        }
        try await sql.raw("ALTER TABLE elevators DROP COLUMN filing_region_code").run()
        for (_, table) in Self.registers {
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN review_status").run()
            try await sql.raw("ALTER TABLE \(ident: table) DROP COLUMN info_status").run()
        }
    }
}
