import Fluent
import SQLKit

/// 电梯档案管理 finds an approved elevator by any part of its 注册代码 through an index, as the register does
/// (M019): a trigram FTS5 table kept by triggers on SQLite, a pg_trgm GIN index on PostgreSQL.
struct M021_CreateArchiveSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE archived_elevator_search USING fts5(filing_id UNINDEXED, registration_code, tokenize='trigram')").run()
            try await sql.raw("""
                CREATE TRIGGER archived_elevator_search_insert AFTER INSERT ON archived_elevators BEGIN
                  INSERT INTO archived_elevator_search (filing_id, registration_code) VALUES (new.filing_id, new.registration_code);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER archived_elevator_search_update AFTER UPDATE OF registration_code ON archived_elevators BEGIN
                  DELETE FROM archived_elevator_search WHERE filing_id = old.filing_id;
                  INSERT INTO archived_elevator_search (filing_id, registration_code) VALUES (new.filing_id, new.registration_code);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER archived_elevator_search_delete AFTER DELETE ON archived_elevators BEGIN
                  DELETE FROM archived_elevator_search WHERE filing_id = old.filing_id;
                END
                """).run()
            try await sql.raw("INSERT INTO archived_elevator_search (filing_id, registration_code) SELECT filing_id, registration_code FROM archived_elevators").run()
        } else {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX archived_elevators_registration_code_trgm ON archived_elevators USING gin (registration_code gin_trgm_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for trigger in ["archived_elevator_search_insert", "archived_elevator_search_update", "archived_elevator_search_delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS archived_elevator_search").run()
        } else {
            try await sql.raw("DROP INDEX IF EXISTS archived_elevators_registration_code_trgm").run()
        }
    }
}
