import Crypto
import Fluent
import Foundation
import SitePhoto
import SQLKit
import Supervision
import Validation

/// Takes a worker's photo into a visit (现场照片): stores its bytes and thumbnail, finds the earlier photo of
/// the company it repeats (照片重复), and claims its place under the visit's cap, all before the visit's
/// record is filed — the record's hash covers the photos it was filed with.
struct VisitPhotoService {
    let db: any Database
    let storage: any FileStorage
    let now: Date
    let user: CurrentUser
    let rules: SiteEvidenceRules

    /// Photos one visit may hold: the labelled slots, retakes and a few more, not an unbounded upload target.
    var maxPerVisit = 30
    /// Candidates read for the closest match: hashes sharing a byte with the new one, an index lookup each.
    static let candidateLimit = 5000

    enum Refusal: Error, Equatable {
        case recordFiled, unknownSlot, alreadyTaken, full(Int)

        var message: String {
            switch self {
            case .recordFiled: "本次作业已填报维保记录，不能再添加照片"
            case .unknownSlot: "请选择照片的拍摄位置"
            case .alreadyTaken: "这张照片已经上传过"
            case .full(let most): "每次作业最多上传\(most)张照片"
            }
        }
    }

    func add(_ photo: ProcessedPhoto, bytes: [UInt8], sha256: String, slot: String, deviceTime: Date?,
             to visit: SiteVisit) async throws -> VisitPhoto {
        let visitID = try visit.requireID()
        guard VisitPhoto.slots.contains(slot) else { throw Refusal.unknownSlot }
        guard visit.recordID == nil else { throw Refusal.recordFiled }
        if try await VisitPhoto.query(on: db).filter(\.$visitID == visitID).filter(\.$sha256 == sha256).first() != nil {
            throw Refusal.alreadyTaken
        }
        let thumbnail = Data(photo.thumbnail)
        let thumbnailSHA = SHA256.hash(data: thumbnail).hex
        let match = try await earlierMatch(of: photo.hash, companyID: visit.companyID, besides: (visitID, slot))
        do {
            return try await db.transaction { db in
                let claimed = try await db.sql().raw("""
                    UPDATE site_visits SET photo_count = photo_count + 1
                    WHERE id = \(bind: visitID) AND record_id IS NULL AND photo_count < \(bind: maxPerVisit) RETURNING photo_count
                    """).all()
                guard !claimed.isEmpty else {
                    let fresh = try await SiteVisit.find(visitID, on: db)
                    throw fresh?.recordID != nil ? Refusal.recordFiled : Refusal.full(maxPerVisit)
                }
                // Stored only once its place is claimed, so a full visit costs no storage. Content-addressed:
                // were the transaction to fail after this, the bytes would wait unused for the same photo.
                try await storage.put(Data(bytes), sha256: sha256, on: db)
                try await storage.put(thumbnail, sha256: thumbnailSHA, on: db)
                let row = VisitPhoto()
                row.visitID = visitID
                row.companyID = visit.companyID
                row.slot = slot
                row.sha256 = sha256
                row.size = bytes.count
                row.width = photo.width
                row.height = photo.height
                row.thumbnailSHA256 = thumbnailSHA
                row.setHash(photo.hash)
                row.userID = user.id
                row.workerName = user.displayName
                row.deviceTime = deviceTime
                row.receivedAt = now
                row.duplicateOf = match?.photo.id
                row.duplicateNote = match.map { note(for: $0, slot: slot, visitID: visitID) } ?? ""
                try await row.create(on: db)
                return row
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The same bytes sent twice at once (a double tap, a retry): one row per photo and visit.
            throw Refusal.alreadyTaken
        }
    }

    struct Match {
        let photo: VisitPhoto
        let visit: SiteVisit?
        let distance: Int
    }

    /// The company's earlier photo closest to the hash, within the rules' bits: candidates share one of the
    /// hash's eight bytes (any hash within 7 bits does), then the exact distance decides. A retake in the same
    /// slot of the same visit (the first was blurred) repeats nothing; the same picture in another slot does.
    func earlierMatch(of hash: PerceptualHash, companyID: UUID, besides retake: (visit: UUID, slot: String)? = nil) async throws -> Match? {
        let bands = hash.bands
        let candidates = try await VisitPhoto.query(on: db).filter(\.$companyID == companyID).group(.or) { or in
            or.filter(\.$h0 == bands[0]).filter(\.$h1 == bands[1]).filter(\.$h2 == bands[2]).filter(\.$h3 == bands[3])
                .filter(\.$h4 == bands[4]).filter(\.$h5 == bands[5]).filter(\.$h6 == bands[6]).filter(\.$h7 == bands[7])
        }.limit(Self.candidateLimit).all()
        let best = candidates
            .filter { c in retake.map { c.visitID != $0.visit || c.slot != $0.slot } ?? true }
            .map { ($0, $0.hash.distance(to: hash)) }
            .filter { $0.1 <= rules.photoMatchBits }
            .min { ($0.1, $0.0.receivedAt) < ($1.1, $1.0.receivedAt) }
        guard let (photo, distance) = best else { return nil }
        return Match(photo: photo, visit: try await SiteVisit.find(photo.visitID, on: db), distance: distance)
    }

    /// "底坑照片与2026-11-03 在 41104107… 作业的机房照片几乎相同（相差2位）".
    private func note(for match: Match, slot: String, visitID: UUID) -> String {
        let same = match.distance == 0 ? "相同" : "几乎相同（哈希相差\(match.distance)位）"
        let place = match.photo.visitID == visitID
            ? "本次作业"
            : "\(match.visit.map { CivilDate.inChina($0.startedAt).iso + " 在" + $0.registrationCode } ?? "此前")作业"
        return "\(slot)照片与\(place)的\(match.photo.slot)照片\(same)"
    }
}
