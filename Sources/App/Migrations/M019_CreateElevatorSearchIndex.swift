import Fluent
import SQLKit

/// Partial matches of 注册代码 (people often know only the last digits on the car's plate) served by
/// an index: a trigram FTS5 table kept by triggers on SQLite, a pg_trgm GIN index on PostgreSQL.
struct M019_CreateElevatorSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE elevator_search USING fts5(elevator_id UNINDEXED, registration_code, tokenize='trigram')").run()
            try await sql.raw("""
                CREATE TRIGGER elevator_search_insert AFTER INSERT ON elevators BEGIN
                  INSERT INTO elevator_search (elevator_id, registration_code) VALUES (new.id, new.registration_code);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER elevator_search_update AFTER UPDATE OF registration_code ON elevators BEGIN
                  DELETE FROM elevator_search WHERE elevator_id = old.id;
                  INSERT INTO elevator_search (elevator_id, registration_code) VALUES (new.id, new.registration_code);
                END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER elevator_search_delete AFTER DELETE ON elevators BEGIN
                  DELETE FROM elevator_search WHERE elevator_id = old.id;
                END
                """).run()
        } else {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX elevators_registration_code_trgm ON elevators USING gin (registration_code gin_trgm_ops)").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for trigger in ["elevator_search_insert", "elevator_search_update", "elevator_search_delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS elevator_search").run()
        } else {
            try await sql.raw("DROP INDEX IF EXISTS elevators_registration_code_trgm").run()
        }
    }
}
