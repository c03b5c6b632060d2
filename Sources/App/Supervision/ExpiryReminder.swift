import Fluent
import Foundation
import Supervision
import Validation

/// That a company was told of one certificate (a person's) or qualification (its own) entering one warning
/// step (90, 60, 30 or 7 days before it expires): each step is told once, by name, in the daily reminder.
final class ExpiryReminder: Model, @unchecked Sendable {
    static let schema = "expiry_reminders"

    @ID(key: .id) var id: UUID?
    /// "staff" or "company".
    @Field(key: "subject") var subject: String
    /// The person's or the company's filing (its archive row).
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "expires") var expires: String
    @Field(key: "step") var step: Int
    @Field(key: "sent_at") var sentAt: Date

    init() {}

    init(subject: String, subjectID: UUID, expires: String, step: Int, sentAt: Date) {
        self.subject = subject
        self.subjectID = subjectID
        self.expires = expires
        self.step = step
        self.sentAt = sentAt
    }
}

/// The certificates and the qualification of one company that entered a warning step not yet told.
struct ExpiryNews {
    struct Item { let subject: String; let id: UUID; let name: String; let expires: String; let step: Int }
    let items: [Item]

    static func of(company companyID: UUID, _ day: SupervisionDay, on db: any Database) async throws -> ExpiryNews {
        let scope = SupervisionScope(companyID: companyID)
        var found: [Item] = []
        for s in try await SupervisionQueries.staff(.certificateExpiring, day, scope, on: db).all() {
            if let id = s.id, let date = CivilDate(iso: s.certificateExpires), let step = day.expiryStep(date) {
                found.append(Item(subject: "staff", id: id, name: s.name, expires: s.certificateExpires, step: step))
            }
        }
        for c in try await SupervisionQueries.companies(.qualificationExpiring, day, scope, on: db).all() {
            if let id = c.id, let date = CivilDate(iso: c.certificateExpires), let step = day.expiryStep(date) {
                found.append(Item(subject: "company", id: id, name: "本单位资质", expires: c.certificateExpires, step: step))
            }
        }
        guard !found.isEmpty else { return ExpiryNews(items: []) }
        let told = try await ExpiryReminder.query(on: db).filter(\.$subjectID ~~ found.map(\.id)).all()
        let toldKeys = Set(told.map { "\($0.subjectID)|\($0.expires)|\($0.step)" })
        return ExpiryNews(items: found.filter { !toldKeys.contains("\($0.id)|\($0.expires)|\($0.step)") }
            .sorted { ($0.expires, $0.name) < ($1.expires, $1.name) })
    }

    /// "证书到期预警：牛星30天内到期（2027-01-01）、…": the first five by name, then how many more.
    var text: String? {
        guard !items.isEmpty else { return nil }
        let named = items.prefix(5).map { "\($0.name)\($0.step)天内到期（\($0.expires)）" }.joined(separator: "、")
        return "证书到期预警：" + named + (items.count > 5 ? "等\(items.count)项" : "")
    }

    func markTold(at now: Date, on db: any Database) async throws {
        for item in items {
            try await ExpiryReminder(subject: item.subject, subjectID: item.id, expires: item.expires, step: item.step, sentAt: now).create(on: db)
        }
    }
}

extension ExpiryReminder {
    /// Listed by hand: Fluent would otherwise find them by reflection on every read and write (the largest
    /// cost of an import, measured). `ListedPropertiesTests` holds the list to the declarations.
    var properties: [any AnyProperty] { [$id, $subject, $subjectID, $expires, $step, $sentAt] }
}
