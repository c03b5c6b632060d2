import Fluent
import SQLKit

/// Partial matches of 姓名 and 联系方式 ("金", "3278") served by an index, not a scan: a trigram FTS5
/// table kept by triggers on SQLite, pg_trgm GIN indexes on PostgreSQL.
struct M017_CreateStaffSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE staff_search USING fts5(staff_id UNINDEXED, name, phone, tokenize='trigram')").run()
            try await sql.raw("""
                CREATE TRIGGER staff_search_insert AFTER INSERT ON staff BEGIN
                  INSERT INTO staff_search (staff_id, name, phone) VALUES (new.id, new.name, new.phone);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER staff_search_update AFTER UPDATE OF name, phone ON staff BEGIN
                  DELETE FROM staff_search WHERE staff_id = old.id;
                  INSERT INTO staff_search (staff_id, name, phone) VALUES (new.id, new.name, new.phone);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER staff_search_delete AFTER DELETE ON staff BEGIN
                  DELETE FROM staff_search WHERE staff_id = old.id;
                END
                """).run()
            try await sql.raw("INSERT INTO staff_search (staff_id, name, phone) SELECT id, name, phone FROM staff").run()
        } else {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX staff_name_trgm ON staff USING gin (name gin_trgm_ops)").run()
            try await sql.raw("CREATE INDEX staff_phone_trgm ON staff USING gin (phone gin_trgm_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for trigger in ["staff_search_insert", "staff_search_update", "staff_search_delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS staff_search").run()
        } else {
            try await sql.raw("DROP INDEX IF EXISTS staff_name_trgm").run()
            try await sql.raw("DROP INDEX IF EXISTS staff_phone_trgm").run()
        }
    }
}
