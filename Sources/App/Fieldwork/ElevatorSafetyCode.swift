import Fluent
import Foundation
import SecondFactor
import SQLKit

/// 电梯安全码: the token in the QR sticker of an approved elevator's car. The sticker's URL names the
/// elevator's filing and this token; only the current token opens check-in, so a regulator who learns that
/// a sticker was copied (to check in away from the car) rotates it, and the old stickers stop working.
/// The token is 128 random bits, stored: as unguessable as a signature, and revocable without a key to keep.
final class ElevatorSafetyCode: Model, @unchecked Sendable {
    static let schema = "elevator_safety_codes"

    @ID(custom: "elevator_filing_id", generatedBy: .user) var id: UUID?
    @Field(key: "token") var token: String
    /// 1 for the first sticker; each rotation adds one (printed small on the sticker, to tell them apart).
    @Field(key: "generation") var generation: Int
    @Field(key: "issued_at") var issuedAt: Date
    /// The regulator who rotated it; nil for the first, issued when first printed.
    @OptionalField(key: "issued_by_id") var issuedByID: UUID?

    init() {}

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base32.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).lowercased()
    }

    /// Whether `token` is this code's, compared in constant time.
    func accepts(_ token: String) -> Bool {
        ConstantTime.equals(Array(self.token.utf8), Array(token.lowercased().utf8))
    }

    /// The current codes of these elevators, issuing a first one to each that has none. Two requests
    /// issuing at once: the primary key keeps one, and both read it back.
    static func current(for ids: [UUID], now: Date, on db: any Database) async throws -> [UUID: ElevatorSafetyCode] {
        guard !ids.isEmpty else { return [:] }
        var found = try await query(on: db).filter(\._$id ~~ ids).all()
        let missing = Set(ids).subtracting(found.compactMap(\.id))
        if !missing.isEmpty {
            let sql = try db.sql()
            for id in missing {
                try await sql.raw("""
                    INSERT INTO elevator_safety_codes (elevator_filing_id, token, generation, issued_at, issued_by_id)
                    VALUES (\(bind: id), \(bind: newToken()), 1, \(bind: now), NULL) ON CONFLICT DO NOTHING
                    """).run()
            }
            found += try await query(on: db).filter(\._$id ~~ Array(missing)).all()
        }
        var byID: [UUID: ElevatorSafetyCode] = [:]
        for code in found { if let id = code.id { byID[id] = code } }
        return byID
    }

    /// Replaces the elevator's token (the old stickers stop working); returns the new code.
    static func rotate(_ id: UUID, by user: CurrentUser, audit: AuditLog, registrationCode: String,
                       on db: any Database) async throws -> ElevatorSafetyCode {
        _ = try await current(for: [id], now: audit.now, on: db)
        return try await db.transaction { db in
            let rows = try await db.sql().raw("""
                UPDATE elevator_safety_codes SET token = \(bind: newToken()), generation = generation + 1,
                    issued_at = \(bind: audit.now), issued_by_id = \(bind: user.id)
                WHERE elevator_filing_id = \(bind: id) RETURNING generation
                """).all()
            let generation = try rows.first?.decode(column: "generation", as: Int.self) ?? 0
            try await audit.on(db).record(.safetyCodeRotated, by: user,
                                          detail: "电梯\(registrationCode)的安全码已更换为第\(generation)版，旧码作废")
            guard let code = try await find(id, on: db) else { throw AppError.notFound }
            return code
        }
    }
}

extension ElevatorSafetyCode {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $token, $generation, $issuedAt, $issuedByID] }
}
