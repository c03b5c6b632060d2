import Fluent
import Foundation
import SQLKit

/// The audit log becomes a hash chain (等保 level 3: append-only, tamper-evident): `seq`, `prev_hash` and
/// `hash` on every entry, and `audit_chain_head`, the one row holding the last entry's seq and hash, kept
/// by a trigger in the inserting statement itself (see `AuditChain`). The entries already written are
/// chained in (at, id) order, in one transaction, with the chain's hash of plain values
/// (`AuditChain.hash(_:)`), never through the model. Then the database itself refuses every UPDATE and
/// DELETE of an entry (append-only; kept at least six months, 等保 level 3): whoever changes the log must
/// first drop those triggers, and the chain still shows what they changed.
struct M034_ChainAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("ALTER TABLE audit_entries ADD COLUMN seq BIGINT NOT NULL DEFAULT 0").run()
        try await sql.raw("ALTER TABLE audit_entries ADD COLUMN prev_hash VARCHAR(64) NOT NULL DEFAULT ''").run()
        try await sql.raw("ALTER TABLE audit_entries ADD COLUMN hash VARCHAR(64) NOT NULL DEFAULT ''").run()
        try await sql.raw("CREATE TABLE audit_chain_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash VARCHAR(64) NOT NULL)").run()
        try await database.transaction { db in
            let sql = try db.sql()
            var seq = 0
            var previous = ""
            // Each batch is the next thousand entries not yet chained (seq 0): updating them takes them out.
            while true {
                let rows = try await sql.raw("""
                    SELECT id, at, action, username, user_id, actor_id, address, detail FROM audit_entries
                    WHERE seq = 0 ORDER BY at, id LIMIT 1000
                    """).all()
                guard !rows.isEmpty else { break }
                for row in rows {
                    seq += 1
                    let id = try row.decode(column: "id", as: UUID.self)
                    let hash = AuditChain.hash(AuditChain.Fields(
                        id: id, seq: seq, at: try row.decode(column: "at", as: Date.self),
                        action: try row.decode(column: "action", as: String.self),
                        username: try row.decode(column: "username", as: String.self),
                        userID: try row.decode(column: "user_id", as: UUID?.self),
                        actorID: try row.decode(column: "actor_id", as: UUID?.self),
                        address: try row.decode(column: "address", as: String.self),
                        detail: try row.decode(column: "detail", as: String.self),
                        previousHash: previous))
                    try await sql.raw("""
                        UPDATE audit_entries SET seq = \(bind: seq), prev_hash = \(bind: previous), hash = \(bind: hash)
                        WHERE id = \(bind: id)
                        """).run()
                    previous = hash
                }
            }
            try await sql.raw("INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, \(bind: seq), \(bind: previous))").run()
        }
        // Two appends can never both take one place in the chain.
        try await sql.raw("CREATE UNIQUE INDEX audit_entries_seq ON audit_entries (seq)").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_entries is append-only';
                END
                $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE PROCEDURE audit_entries_refuse_change()
                """).run()
            try await sql.raw("""
                CREATE FUNCTION audit_chain_follow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
                    RETURN NEW;
                END
                $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_entries_follow AFTER INSERT ON audit_entries
                FOR EACH ROW EXECUTE PROCEDURE audit_chain_follow()
                """).run()
        } else {
            for (name, event) in [("audit_entries_no_update", "UPDATE"), ("audit_entries_no_delete", "DELETE")] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name) BEFORE \(unsafeRaw: event) ON audit_entries
                    BEGIN
                        SELECT RAISE(ABORT, 'audit_entries is append-only');
                    END
                    """).run()
            }
            try await sql.raw("""
                CREATE TRIGGER audit_entries_follow AFTER INSERT ON audit_entries
                BEGIN
                    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
                END
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER audit_entries_follow ON audit_entries").run()
            try await sql.raw("DROP FUNCTION audit_chain_follow()").run()
            try await sql.raw("DROP TRIGGER audit_entries_append_only ON audit_entries").run()
            try await sql.raw("DROP FUNCTION audit_entries_refuse_change()").run()
        } else {
            for name in ["audit_entries_follow", "audit_entries_no_update", "audit_entries_no_delete"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            }
        }
        try await sql.raw("DROP INDEX audit_entries_seq").run()
        try await sql.raw("DROP TABLE audit_chain_head").run()
        for column in ["hash", "prev_hash", "seq"] {
            try await sql.raw("ALTER TABLE audit_entries DROP COLUMN \(unsafeRaw: column)").run()
        }
    }
}
