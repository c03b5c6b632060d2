import Crypto
import Fluent
import Foundation
import Supervision

/// The SHA-256 over a visit's proof as it stands when its record is filed: every check-in and check-out
/// covered by the record (those before it; who, when by the server and by the phone, where, how) and every photo (slot, SHA-256 of its bytes,
/// perceptual hash, who, when) and the user unit's signed confirmation. The record stores it and its chained hash covers it, so a check-in moved or
/// a photo swapped after filing shows in `verify-records` like a changed record.
enum VisitEvidenceDigest {
    static let scheme = "liftwatch/visit-evidence/1"

    static func of(visit visitID: UUID, on db: any Database) async throws -> String {
        let checks = try await VisitCheck.query(on: db).filter(\.$visitID == visitID).filter(\.$coveredByRecord != nil).all()
        let photos = try await VisitPhoto.query(on: db).filter(\.$visitID == visitID).all()
        let confirmation = try await VisitConfirmation.find(visitID, on: db)
        return digest(visitID: visitID, checks: checks, photos: photos, confirmation: confirmation)
    }

    static func digest(visitID: UUID, checks: [VisitCheck], photos: [VisitPhoto], confirmation: VisitConfirmation?) -> String {
        var t = RecordDigestText(scheme: scheme, previousHash: "")
        t.add("visit", visitID.uuidString)
        // In an order of their own values, not of the database's return.
        for c in checks.sorted(by: { ($0.userID.uuidString, $0.kind.rawValue) < ($1.userID.uuidString, $1.kind.rawValue) }) {
            t.add("check", [
                c.kind.rawValue, c.userID.uuidString, c.staffFilingID.uuidString, c.workerName, c.method.rawValue,
                seconds(c.receivedAt), c.deviceTime.map(seconds) ?? "", degrees(c.latitude), degrees(c.longitude),
                c.accuracy.map { String(format: "%.1f", $0) } ?? "",
            ].joined(separator: "|"))
        }
        for p in photos.sorted(by: { ($0.sha256, $0.id?.uuidString ?? "") < ($1.sha256, $1.id?.uuidString ?? "") }) {
            t.add("photo", [
                p.slot, p.sha256, String(p.phash), p.userID.uuidString, seconds(p.receivedAt), p.deviceTime.map(seconds) ?? "",
            ].joined(separator: "|"))
        }
        if let c = confirmation, let signedAt = c.signedAt {
            t.add("confirmation", [
                c.confirmerName, c.confirmerPhone, c.signatureSHA256, seconds(signedAt), c.codeVerifiedAt.map(seconds) ?? "",
                c.signedByID?.uuidString ?? "",
            ].joined(separator: "|"))
        }
        return SHA256.hash(data: Data(t.text.utf8)).hex
    }

    /// Whole seconds: every database keeps them, not every one keeps the fraction.
    private static func seconds(_ date: Date) -> String { String(Int(date.timeIntervalSince1970.rounded(.down))) }

    private static func degrees(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
}
