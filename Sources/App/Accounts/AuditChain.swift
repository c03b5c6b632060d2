import Crypto
import Fluent
import Foundation
import SQLKit
import Supervision

/// The one hash chain over all audit entries: each entry's hash covers every stored field and the hash
/// of the entry before it, so changing, removing or inserting a stored entry breaks the chain from there
/// on (`AuditVerification`, run by `liftwatch verify-records`).
///
/// `audit_chain_head` holds the last entry's seq and hash, kept by a trigger in the statement that inserts
/// the entry, and the unique index on seq lets only one entry take each place. An append inside a
/// transaction (the change it records) first takes the head row with an UPDATE: its row lock on PostgreSQL
/// (a second append, on any instance, waits there until the first commits, then reads the new head) and
/// the write lock on SQLite, held to the commit, so the entry is the next link exactly when the change
/// commits. Retrying on the unique seq (as the maintenance chain does) would not do there: on PostgreSQL a
/// failed INSERT aborts the caller's whole transaction. Callers record their entry last in their
/// transaction, so the head is held for the shortest time and never before another lock (no deadlock).
///
/// An append on its own (a failed login) on SQLite is the one INSERT, retried when another took its seq:
/// SQLiteNIO waits for a locked database by retrying at once on a thread of the shared blocking pool, and
/// a transaction of several statements for every failed login kept those threads spinning long enough to
/// starve the transaction they waited for under parallel logins.
enum AuditChain {
    static let scheme = "liftwatch/audit-entry/1"

    /// An entry's stored values as plain values: `M034_ChainAuditEntries` hashes the entries written before
    /// the chain existed from raw rows, without the model.
    struct Fields {
        let id: UUID
        let seq: Int
        let at: Date
        let action: String
        let username: String
        let userID: UUID?
        let actorID: UUID?
        let address: String
        let detail: String
        let previousHash: String
    }

    static func hash(_ f: Fields) -> String {
        var t = RecordDigestText(scheme: scheme, previousHash: f.previousHash)
        t.add("id", f.id.uuidString)
        t.add("seq", f.seq)
        t.add("at", String(milliseconds(f.at)))
        t.add("action", f.action)
        t.add("username", f.username)
        t.add("user_id", f.userID?.uuidString ?? "")
        t.add("actor_id", f.actorID?.uuidString ?? "")
        t.add("address", f.address)
        t.add("detail", f.detail)
        return SHA256.hash(data: Data(t.text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash the entry should carry, from its stored values.
    static func hash(of e: AuditEntry) -> String {
        hash(Fields(id: e.id ?? UUID(), seq: e.seq, at: e.at, action: e.action.rawValue, username: e.username,
                    userID: e.userID, actorID: e.actorID, address: e.address, detail: e.detail, previousHash: e.previousHash))
    }

    /// The time as hashed: whole milliseconds, a value both engines store exactly (PostgreSQL keeps
    /// microseconds, SQLite a double of seconds) and give back within far less than half a millisecond.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Makes `entry` the next link and stores it, in `db`'s transaction or on its own.
    static func append(_ entry: AuditEntry, on db: any Database) async throws {
        entry.id = entry.id ?? UUID()
        entry.at = Date(timeIntervalSince1970: Double(milliseconds(entry.at)) / 1000)
        if !db.inTransaction, try db.sql().dialect.name == "sqlite" {
            var attempt = 0
            while true {
                attempt += 1
                let head = try await db.sql().raw("SELECT seq, hash FROM audit_chain_head WHERE id = 1").all()
                do {
                    return try await insert(entry, after: head, on: db)
                } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 100 {
                    continue
                }
            }
        }
        try await db.transaction { db in
            // The lock comes first: on SQLite a transaction that writes first takes the write lock at once
            // instead of reading and then failing to upgrade (SQLITE_BUSY) while another does the same.
            let head = try await db.sql().raw("UPDATE audit_chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash").all()
            try await insert(entry, after: head, on: db)
        }
    }

    private static func insert(_ entry: AuditEntry, after head: [any SQLRow], on db: any Database) async throws {
        guard let head = head.first else { throw AuditChainMissing() }
        entry.seq = try head.decode(column: "seq", as: Int.self) + 1
        entry.previousHash = try head.decode(column: "hash", as: String.self)
        entry.hash = hash(of: entry)
        try await entry.create(on: db)
    }
}

/// `audit_chain_head` has lost its row: the audit log cannot be written, and nothing it should record may
/// happen without it.
struct AuditChainMissing: Error, CustomStringConvertible {
    var description: String { "audit_chain_head has no row: the audit log cannot be appended to" }
}

/// The audit log's part of `liftwatch verify-records`: walks the chain a thousand entries at a time (never
/// the whole log in memory) and compares its end with the head row, which finds the last entries removed.
enum AuditVerification {
    struct Report {
        var entries = 0
        var problems: [String] = []
        var summary: String {
            problems.isEmpty ? "已校验\(entries)条审计日志：全部一致" : "已校验\(entries)条审计日志：发现\(problems.count)处问题"
        }
    }

    static func run(on db: any Database) async throws -> Report {
        var report = Report()
        var walk = ChainWalk()
        var last = 0
        while true {
            let batch = try await AuditEntry.query(on: db).filter(\.$seq > last).sort(\.$seq).limit(1000).all()
            guard let end = batch.last else { break }
            for e in batch {
                let name = "审计日志第\(e.seq)条（\(DisplayDate.minute(e.at)) \(e.action.title) \(e.username)，id \(e.id?.uuidString ?? "?")）"
                for problem in walk.check(sequence: e.seq, previousHash: e.previousHash, hash: e.hash, recomputedHash: AuditChain.hash(of: e)) {
                    switch problem {
                    case .missingBefore(let expected):
                        report.problems.append("\(name)：前面缺少第\(expected)至\(e.seq - 1)条")
                    case .brokenLink: report.problems.append("\(name)：与前一条记录的哈希不衔接")
                    case .altered: report.problems.append("\(name)：内容与哈希不符，记录在写入后被改动")
                    }
                }
            }
            report.entries += batch.count
            last = end.seq
        }
        let rows = try await db.sql().raw("SELECT seq, hash FROM audit_chain_head WHERE id = 1").all()
        guard let head = rows.first else {
            report.problems.append("审计日志：链头记录（audit_chain_head）缺失")
            return report
        }
        let headSeq = try head.decode(column: "seq", as: Int.self)
        if headSeq > last {
            report.problems.append("审计日志：最后一条应为第\(headSeq)条，第\(last + 1)至\(headSeq)条缺失")
        } else if try headSeq < last || head.decode(column: "hash", as: String.self) != walk.lastHash {
            report.problems.append("审计日志：最后一条（第\(last)条）与链头记录（第\(headSeq)条）不符，记录在写入后被改动")
        }
        return report
    }
}
